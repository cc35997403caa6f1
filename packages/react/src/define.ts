/**
 * Registers `elementClass` under `tagName` unless something already answers to that tag (the
 * script-tag bundle, the elements' own registration modules, or an earlier render), so loading
 * Kundportal twice on a page is harmless. Does nothing where there is no custom element
 * registry (server-side rendering).
 */
export function defineElement(tagName: string, elementClass: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tagName)) return;
  try {
    customElements.define(tagName, elementClass);
  } catch {
    // The page registered this very class under a tag of its own; a registry takes each
    // constructor once, so the default tag gets a subclass of it.
    customElements.define(tagName, class extends elementClass {});
  }
}
