/**
 * The page's `fetch` and `JSON` as they were before any page script could replace them. A host
 * page that replaces them later (a tracking wrapper that breaks requests, an old JSON library)
 * does not reach the portal's requests.
 *
 * They are kept under a `Symbol.for` key, so every copy of Kundportal on the page shares them.
 * The script-tag loader keeps them as it starts, before any element's code has downloaded (it
 * cannot import this module: the bundler would put it in the chunk the elements share, and the
 * loader would then load Lit); otherwise they are kept when HttpAdapter first loads.
 */
export interface PageGlobals {
  fetch: typeof fetch | undefined;
  stringify: typeof JSON.stringify;
  parse: typeof JSON.parse;
}

export const PAGE_GLOBALS_KEY = Symbol.for('kundportal.pageGlobals');

/** Keeps the page's `fetch` and `JSON` methods unless already kept, and returns the kept ones. */
export function keepPageGlobals(): PageGlobals {
  const page = globalThis as { [PAGE_GLOBALS_KEY]?: PageGlobals };
  page[PAGE_GLOBALS_KEY] ??= {
    fetch: typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined,
    stringify: JSON.stringify,
    parse: JSON.parse,
  };
  return page[PAGE_GLOBALS_KEY];
}
