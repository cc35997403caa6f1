/**
 * Registers `constructor` under `name` unless that name is taken (registering twice is
 * harmless). Calls the registry's own methods, so a host page that replaced
 * `customElements.define` on the instance (an allow-list guard, a logger that drops calls)
 * cannot keep the portal from appearing.
 */
export function defineElement(name: string, constructor: CustomElementConstructor): void {
  const registry = CustomElementRegistry.prototype;
  if (registry.get.call(customElements, name)) return;
  registry.define.call(customElements, name, constructor);
}
