import { HttpReader, type PortalConfig } from '@kundportal/core';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { PortalBase, type AdapterReads } from '../shared/portal-base.js';
import { styles } from './kb-portal-link.styles.js';

/**
 * @summary "Go to {portal title}" link for a knowledge base's navigation. Renders nothing while
 * loading, when the portal is off (or answers `unavailable`) and when it cannot be reached.
 * With `show-count`, a signed-in customer also sees how many of their open tickets wait for
 * their reply. It loads nothing but itself: the portal's code comes when the link is followed.
 *
 * @event portal-error - The portal config (or the count) could not be loaded.
 *
 * @csspart link - The `<a>`.
 * @csspart count - The number of tickets waiting for the customer's reply (with `show-count`).
 *
 * @cssproperty --kb-portal-link-color - Link colour (default inherited from the page).
 * @cssproperty --kb-portal-link-count-background - Background of the count (default `--portal-color-accent`).
 * @cssproperty --kb-portal-link-count-color - Text colour of the count (default white).
 *
 * @attr api - Base URL of a Kundportal HTTP API, when no adapter is set or provided.
 * @attr href - Where the link leads, usually the page holding `<customer-portal>` (default `#`).
 * @attr show-count - Show a signed-in customer how many tickets wait for their reply.
 */
export class KbPortalLink extends PortalBase<HttpReader> {
  static override styles = styles;

  static override properties = {
    href: {},
    showCount: { type: Boolean, attribute: 'show-count' },
    config: { state: true },
    awaitingReply: { state: true },
  };

  /** Where the link leads. */
  declare href: string;
  /** Whether to show a signed-in customer the number of tickets waiting for their reply. */
  declare showCount: boolean;
  declare protected config: PortalConfig | undefined;
  /** Open tickets whose latest message is from an agent; 0 when unknown or signed out. */
  declare protected awaitingReply: number;

  #loads = 0;
  /** The portal's session as of the last update, to notice a sign-in or sign-out. */
  #session: unknown;

  constructor() {
    super();
    this.href = '#';
    this.showCount = false;
    this.config = undefined;
    this.awaitingReply = 0;
  }

  /** Only the reads of an HttpAdapter: the link never writes. */
  protected httpAdapter(baseUrl: string): HttpReader {
    return new HttpReader({ baseUrl });
  }

  protected override adapterChanged(adapter: AdapterReads | undefined): void {
    this.config = undefined;
    this.awaitingReply = 0;
    if (adapter) void this.#load(adapter);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const session = this.contextSession;
    super.willUpdate(changed);
    // Asked for the count later, or signed in or out inside a portal: count again.
    const adapter = this.portalAdapter;
    if (adapter && this.hasUpdated && (changed.has('showCount') || session !== this.#session)) {
      void this.#load(adapter);
    }
    this.#session = session;
  }

  async #load(adapter: AdapterReads): Promise<void> {
    const load = ++this.#loads;
    try {
      const config = this.contextConfig ?? this.config ?? (await adapter.getPortal());
      if (load !== this.#loads) return;
      if (!this.contextConfig) this.config = config;
      if (!this.showCount || !config.enabled) return;
      // The session from a portal around the link, else asked; only a customer has a count.
      const session =
        this.contextSession === undefined ? await adapter.getSession() : this.contextSession;
      if (load !== this.#loads) return;
      // Signed out: whatever was counted for the last customer goes.
      if (!session) {
        this.awaitingReply = 0;
        return;
      }
      const { awaitingReply } = await adapter.getTicketSummary();
      if (load === this.#loads) this.awaitingReply = awaitingReply;
    } catch (error) {
      if (load === this.#loads) this.reportError(error);
    }
  }

  protected override render() {
    const config = this.contextConfig ?? this.config;
    if (!config?.enabled) return nothing;
    const title = config.title;
    const count = this.showCount ? this.awaitingReply : 0;
    return html`<a part="link" href=${this.href}
      >${msg(str`Go to ${title}`)}${
        count
          ? html` <span part="count" class="count" aria-hidden="true">${count}</span
              ><span class="visually-hidden"> (${msg(str`${count} awaiting your reply`)})</span>`
          : nothing
      }</a
    >`;
  }
}
