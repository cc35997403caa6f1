// The script-tag entry, built into dist/cdn/kundportal.js. It holds no element: it watches the
// document for Kundportal tags and imports an element's module (which registers it) the first
// time its tag appears, so a page with only `<kb-portal-link>` loads only that element.

import { unclobberLitGlobals } from './shared/lit-globals.js';

/** Each element's registration module, by tag. */
const ELEMENTS: Record<string, () => Promise<unknown>> = {
  'customer-portal': () => import('./customer-portal/customer-portal.js'),
  'kb-portal-link': () => import('./kb-portal-link/kb-portal-link.js'),
  'portal-login': () => import('./portal-login/portal-login.js'),
  'support-form': () => import('./support-form/support-form.js'),
  'ticket-detail': () => import('./ticket-detail/ticket-detail.js'),
  'ticket-list': () => import('./ticket-list/ticket-list.js'),
};

const SELECTOR = Object.keys(ELEMENTS).join();

/** Tags whose module is loading or loaded, so each is imported once. */
const requested = new Set<string>();

function define(tag: string): void {
  // Already defined, e.g. by another copy of the bundle or by the page itself.
  if (requested.has(tag) || customElements.get(tag)) return;
  requested.add(tag);
  ELEMENTS[tag]!().catch((error: unknown) => {
    // A failed download may work the next time the tag is added.
    requested.delete(tag);
    console.error(`Kundportal could not load <${tag}>.`, error);
  });
}

/** Defines the elements used in and under `node`. */
function defineUsed(node: Element | Document): void {
  if (node instanceof Element && node.matches(SELECTOR)) define(node.localName);
  for (const element of node.querySelectorAll(SELECTOR)) define(element.localName);
}

// One loader per page: a second copy of the script (another URL, another version) stands down.
const LOADED = Symbol.for('kundportal.loader');
const page = globalThis as { [LOADED]?: true };
if (!page[LOADED]) {
  page[LOADED] = true;
  // Before any element's module brings Lit in, and before later page scripts replace them.
  unclobberLitGlobals();
  // What `keepPageGlobals` (@kundportal/core, page-globals.ts) keeps, under its key.
  (globalThis as Record<symbol, unknown>)[Symbol.for('kundportal.pageGlobals')] ??= {
    fetch: typeof fetch === 'function' ? fetch.bind(globalThis) : undefined,
    stringify: JSON.stringify,
    parse: JSON.parse,
  };
  defineUsed(document);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) defineUsed(node);
    }
  }).observe(document, { childList: true, subtree: true });
}
