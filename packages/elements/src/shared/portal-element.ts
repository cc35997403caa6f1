import { HttpAdapter, PortalError, type PortalAdapter, type PortalConfig } from '@kundportal/core';
import type { PropertyValues } from 'lit';
import { PortalBase } from './portal-base.js';

/**
 * Base of the Kundportal elements but the link: a PortalBase whose `api` attribute makes a whole
 * HttpAdapter, and that loads the Kundportal elements it renders when it first renders them.
 */
export class PortalElement extends PortalBase {
  /**
   * Kundportal elements this one renders in its shadow root, by tag, each with the import that
   * registers it. Each is imported the first time it is rendered, so a view never shown is
   * never downloaded.
   */
  static nestedElements: Record<string, () => Promise<unknown>> = {};

  protected httpAdapter(baseUrl: string): PortalAdapter {
    return new HttpAdapter({ baseUrl });
  }

  protected override update(changed: PropertyValues): void {
    super.update(changed);
    const nested = (this.constructor as typeof PortalElement).nestedElements;
    for (const tag in nested) {
      if (!customElements.get(tag) && this.renderRoot.querySelector(tag)) {
        nested[tag]!().catch(() =>
          this.reportError(new PortalError('network', `<${tag}> could not be loaded.`)),
        );
      }
    }
  }

  /** The portal config: the provided one, else loaded from the adapter. */
  protected async loadConfig(adapter: PortalAdapter): Promise<PortalConfig> {
    return this.contextConfig ?? adapter.getPortal();
  }
}
