import { HttpReader, type PortalAdapter, type PortalConfig } from '@kundportal/core';
import { msg, str } from '@lit/localize';
import { ReactiveElement, type PropertyValues } from '@lit/reactive-element';
import { PortalConnection, portalProperties } from '../shared/portal-connection.js';
import { styles } from './kb-portal-link.styles.js';

/**
 * @summary "Go to {portal title}" link for a knowledge base's navigation. Renders nothing while
 * loading, when the portal is off (or answers `unavailable`) and when it cannot be reached.
 * With `show-count`, a signed-in customer also sees how many of their open tickets wait for
 * their reply. It loads nothing but itself: the portal's code comes when the link is followed.
 * One link needs no templates, so it is a ReactiveElement that sets its few nodes itself, and a
 * page with only the link loads no template library.
 *
 * @event portal-error - The portal config (or the count) could not be loaded.
 *
 * @csspart link - The `<a>`.
 * @csspart count - The number of tickets waiting for the customer's reply (with `show-count`).
 *
 * @cssproperty --kb-portal-link-color - Link colour (default inherited from the page).
 * @cssproperty --kb-portal-link-count-background - Background of the count (default `--portal-color-accent`).
 * @cssproperty --kb-portal-link-count-color - Text colour of the count (default white).
 * @cssproperty --portal-color-accent - The portal's accent, the count's background unless `--kb-portal-link-count-background` is set (default blue).
 *
 * @attr api - Base URL of a Kundportal HTTP API, when no adapter is set or provided.
 * @attr href - Where the link leads, usually the page holding `<customer-portal>` (default `#`).
 * @attr show-count - Show a signed-in customer how many tickets wait for their reply.
 */
export class KbPortalLink extends ReactiveElement {
  static override styles = styles;

  static override properties = {
    ...portalProperties,
    href: {},
    showCount: { type: Boolean, attribute: 'show-count' },
    config: { state: true },
    awaitingReply: { state: true },
  };

  /** The backend to use; wins over `api` and over the adapter from context. */
  declare adapter: PortalAdapter | undefined;
  /** Base URL of a Kundportal HTTP API (e.g. `/api`); the link makes a reader for it. */
  declare api: string | undefined;
  /** Where the link leads. */
  declare href: string;
  /** Whether to show a signed-in customer the number of tickets waiting for their reply. */
  declare showCount: boolean;
  declare protected config: PortalConfig | undefined;
  /** Open tickets whose latest message is from an agent; 0 when unknown or signed out. */
  declare protected awaitingReply: number;

  // Only the reads of an HttpAdapter: the link never writes.
  readonly #portal = new PortalConnection<HttpReader>(
    this,
    (baseUrl) => new HttpReader({ baseUrl }),
    (adapter) => {
      this.config = undefined;
      this.awaitingReply = 0;
      if (adapter) void this.#load(adapter);
    },
  );

  #loads = 0;
  /** The portal's session as of the last update, to notice a sign-in or sign-out. */
  #session: unknown;
  /** The `<a>`, made on first use; in the shadow root only while there is a portal to go to. */
  #link: HTMLAnchorElement | undefined;

  constructor() {
    super();
    this.adapter = undefined;
    this.api = undefined;
    this.href = '#';
    this.showCount = false;
    this.config = undefined;
    this.awaitingReply = 0;
  }

  /** The adapter in use, or `undefined` when none is set, given or provided. */
  get portalAdapter(): HttpReader | PortalAdapter | undefined {
    return this.#portal.adapter;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const session = this.#portal.session;
    super.willUpdate(changed);
    this.#portal.checkAdapter();
    // Asked for the count later, or signed in or out inside a portal: count again.
    const adapter = this.portalAdapter;
    if (adapter && this.hasUpdated && (changed.has('showCount') || session !== this.#session)) {
      void this.#load(adapter);
    }
    this.#session = session;
  }

  async #load(adapter: HttpReader | PortalAdapter): Promise<void> {
    const load = ++this.#loads;
    try {
      const config = this.#portal.config ?? this.config ?? (await adapter.getPortal());
      if (load !== this.#loads) return;
      if (!this.#portal.config) this.config = config;
      if (!this.showCount || !config.enabled) return;
      // The session from a portal around the link, else asked; only a customer has a count.
      const session =
        this.#portal.session === undefined ? await adapter.getSession() : this.#portal.session;
      if (load !== this.#loads) return;
      // Signed out: whatever was counted for the last customer goes.
      if (!session) {
        this.awaitingReply = 0;
        return;
      }
      const { awaitingReply } = await adapter.getTicketSummary();
      if (load === this.#loads) this.awaitingReply = awaitingReply;
    } catch (error) {
      if (load === this.#loads) this.#portal.reportError(error);
    }
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const config = this.#portal.config ?? this.config;
    if (!config?.enabled) {
      this.#link?.remove();
      return;
    }
    const link = (this.#link ??= document.createElement('a'));
    link.setAttribute('part', 'link');
    link.setAttribute('href', this.href);
    // Text nodes only: the title and the count are never read as HTML.
    const content: (Node | string)[] = [msg(str`Go to ${config.title}`)];
    const count = this.showCount ? this.awaitingReply : 0;
    if (count) {
      const shown = document.createElement('span');
      shown.setAttribute('part', 'count');
      shown.className = 'count';
      shown.ariaHidden = 'true';
      shown.textContent = String(count);
      const spoken = document.createElement('span');
      spoken.className = 'visually-hidden';
      spoken.textContent = ` (${msg(str`${count} awaiting your reply`)})`;
      content.push(' ', shown, spoken);
    }
    link.replaceChildren(...content);
    if (!link.isConnected) this.renderRoot.append(link);
  }
}
