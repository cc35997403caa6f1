/**
 * Globals Lit keeps its bookkeeping in or reads hooks from. On a page with an element whose id
 * or name is one of them (DOM clobbering, on purpose or by chance) the global is that element,
 * and Lit stops with a TypeError as it loads: no element would ever render.
 */
const LIT_GLOBALS = [
  'litHtmlVersions',
  'litElementVersions',
  'reactiveElementVersions',
  'litPropertyMetadata',
  'litHtmlPolyfillSupport',
  'litElementPolyfillSupport',
  'reactiveElementPolyfillSupport',
  'litElementHydrateSupport',
  'litNonce',
  'ShadyCSS',
  'ShadyDOM',
] as const;

/** An element, a collection of them or a frame's window: what a named element makes a global. */
function isClobbered(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (value instanceof Node || value instanceof HTMLCollection) return true;
  return value !== globalThis && (value as { window?: unknown }).window === value;
}

/**
 * Hides page elements that stand in for Lit's globals behind an own property of the window
 * (named elements live on its prototype chain). Must run before Lit loads; leaves real values
 * (another Lit copy's version list, say) alone.
 */
export function unclobberLitGlobals(): void {
  for (const name of LIT_GLOBALS) {
    if (!isClobbered((globalThis as Record<string, unknown>)[name])) continue;
    Object.defineProperty(globalThis, name, {
      value: undefined,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}
