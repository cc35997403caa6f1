import type { PortalAdapter, PortalConfig } from '@kundportal/core';
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { PortalElement } from '../shared/portal-element.js';
import { styles } from './kb-portal-link.styles.js';

/**
 * @summary "Go to {portal title}" link for a knowledge base's navigation. Renders nothing while
 * loading, when the portal is off (or answers `unavailable`) and when it cannot be reached.
 *
 * @event portal-error - The portal config could not be loaded (the link stays hidden).
 *
 * @csspart link - The `<a>`.
 *
 * @cssproperty --kb-portal-link-color - Link colour (default inherited from the page).
 *
 * @attr api - Base URL of a Kundportal HTTP API, when no adapter is set or provided.
 * @attr href - Where the link leads, usually the page holding `<customer-portal>` (default `#`).
 */
export class KbPortalLink extends PortalElement {
  static override styles = styles;

  static override properties = {
    href: {},
    config: { state: true },
  };

  /** Where the link leads. */
  declare href: string;
  declare protected config: PortalConfig | undefined;

  #loads = 0;

  constructor() {
    super();
    this.href = '#';
    this.config = undefined;
  }

  protected override adapterChanged(adapter: PortalAdapter | undefined): void {
    this.config = undefined;
    if (adapter && !this.contextConfig) void this.#load(adapter);
  }

  async #load(adapter: PortalAdapter): Promise<void> {
    const load = ++this.#loads;
    try {
      const config = await adapter.getPortal();
      if (load === this.#loads) this.config = config;
    } catch (error) {
      if (load === this.#loads) this.reportError(error);
    }
  }

  protected override render() {
    const config = this.contextConfig ?? this.config;
    if (!config?.enabled) return nothing;
    const title = config.title;
    return html`<a part="link" href=${this.href}>${msg(str`Go to ${title}`)}</a>`;
  }
}
