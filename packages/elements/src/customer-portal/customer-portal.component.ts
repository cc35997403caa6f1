import {
  PortalError,
  adapterContext,
  portalConfigContext,
  sessionContext,
  type PortalAdapter,
  type PortalConfig,
  type Session,
} from '@kundportal/core';
import { ContextProvider } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { renderError } from '../shared/error-view.js';
import {
  PortalErrorEvent,
  PortalNavigateEvent,
  PortalSignedInEvent,
  PortalSignedOutEvent,
  PortalTicketCreatedEvent,
  PortalTicketOpenEvent,
  type PortalRoute,
} from '../shared/events.js';
import { isPlainClick } from '../shared/format.js';
import { PortalElement } from '../shared/portal-element.js';
import { styles } from './customer-portal.styles.js';
import {
  hrefForRoute,
  routeFromUrl,
  ticketHrefPattern,
  urlForRoute,
  type RouteMode,
} from './routes.js';

/**
 * @summary The whole portal: sign-in, the ticket list, one ticket and the support form, routed
 * by URL. Provides the adapter, portal config and session to the elements inside it.
 *
 * Routes are `#/`, `#/tickets/{id}` and `#/new` by default; with `base-path="/support"` they are
 * `/support/`, `/support/tickets/{id}` and `/support/new` (History API; the server must answer
 * those paths with the page).
 *
 * @event portal-signed-in - Someone signed in (bubbles up from `<portal-login>`).
 * @event portal-signed-out - The signed-in person signed out.
 * @event portal-error - Loading the portal or signing out failed.
 *
 * @csspart base - The wrapper around everything.
 * @csspart header - The bar with the title, navigation, name and "Sign out".
 * @csspart title - The portal title.
 * @csspart nav - The navigation links.
 * @csspart new-ticket - The "File a support ticket" link.
 * @csspart person - The signed-in person's name.
 * @csspart sign-out - The "Sign out" button.
 * @csspart body - The routed view below the header.
 * @csspart error - An error message.
 *
 * @cssproperty --customer-portal-max-width - Widest the portal gets (default 60rem).
 * @cssproperty --customer-portal-header-gap - Space between header items (default `--portal-space-m`).
 * @cssproperty --portal-color-accent - Accent colour of every element (default from branding).
 *
 * @attr api - Base URL of a Kundportal HTTP API (e.g. `/api`), when no `adapter` property is set.
 * @attr base-path - Route with the History API below this path instead of the URL hash.
 */
export class CustomerPortal extends PortalElement {
  static override styles = styles;

  static override properties = {
    basePath: { attribute: 'base-path' },
    config: { state: true },
    session: { state: true },
    loadError: { state: true },
    signOutError: { state: true },
    route: { state: true },
  };

  /** Route with the History API below this path; hash routing when unset. */
  declare basePath: string | undefined;
  declare protected config: PortalConfig | undefined;
  /** `undefined` while loading, `null` when nobody is signed in. */
  declare protected session: Session | null | undefined;
  declare protected loadError: PortalError | undefined;
  declare protected signOutError: PortalError | undefined;
  declare protected route: PortalRoute;

  readonly #adapterProvider = new ContextProvider(this, { context: adapterContext });
  readonly #configProvider = new ContextProvider(this, { context: portalConfigContext });
  readonly #sessionProvider = new ContextProvider(this, { context: sessionContext });
  #loads = 0;
  #unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    this.basePath = undefined;
    this.config = undefined;
    this.session = undefined;
    this.loadError = undefined;
    this.signOutError = undefined;
    this.route = { view: 'list' };
    this.addEventListener(PortalSignedInEvent.eventName, (event) => {
      this.session = event.session;
    });
    this.addEventListener(PortalTicketOpenEvent.eventName, (event) => {
      event.preventDefault();
      this.navigate({ view: 'ticket', ticketId: event.ticketId });
    });
    this.addEventListener(PortalNavigateEvent.eventName, (event) => {
      event.preventDefault();
      this.navigate(event.route);
    });
    this.addEventListener(PortalTicketCreatedEvent.eventName, (event) => {
      this.navigate({ view: 'ticket', ticketId: event.ticket.id });
    });
    this.addEventListener(PortalErrorEvent.eventName, (event) => {
      // A session that ended on the server: sign in again and come back to the same place.
      if (event.error.code === 'unauthenticated' && this.session) this.session = null;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.#readLocation);
    window.addEventListener('hashchange', this.#readLocation);
    this.#readLocation();
    // Moved in the DOM: the adapter did not change, so listen to it again here.
    if (this.hasUpdated) this.#subscribe(this.portalAdapter);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#readLocation);
    window.removeEventListener('hashchange', this.#readLocation);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Goes to `route`, adding a history entry unless `replace` is set. */
  navigate(route: PortalRoute, { replace = false } = {}): void {
    const current = new URL(window.location.href);
    const url = urlForRoute(route, current, this.#mode);
    if (replace) window.history.replaceState(window.history.state, '', url);
    else if (url.href !== current.href) window.history.pushState(null, '', url);
    this.route = route;
  }

  get #mode(): RouteMode {
    return { basePath: this.basePath ?? undefined };
  }

  readonly #readLocation = (): void => {
    this.route = routeFromUrl(new URL(window.location.href), this.#mode);
  };

  protected override adapterChanged(adapter: PortalAdapter | undefined): void {
    this.#adapterProvider.setValue(adapter);
    this.#subscribe(adapter);
    if (adapter) void this.#load(adapter);
  }

  /** Hears of sign-outs that happen elsewhere (another element, another tab, the server). */
  #subscribe(adapter: PortalAdapter | undefined): void {
    this.#unsubscribe?.();
    this.#unsubscribe = adapter?.subscribe((event) => {
      if (event.type === 'session' && event.session === null) this.session = null;
    });
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('basePath')) this.#readLocation();
    this.#configProvider.setValue(this.config);
    this.#sessionProvider.setValue(this.session);
  }

  async #load(adapter: PortalAdapter): Promise<void> {
    const load = ++this.#loads;
    this.config = undefined;
    this.session = undefined;
    this.loadError = undefined;
    const session = adapter.getSession().then(
      (value) => ({ value }),
      (error: unknown) =>
        PortalError.is(error, 'unauthenticated') ? { value: null } : { error: error },
    );
    try {
      const config = await adapter.getPortal();
      const answer = await session;
      if (load !== this.#loads) return;
      this.config = config;
      // A closed portal needs no session; any other failure is worth saying.
      if (!config.enabled) return;
      if ('error' in answer) throw answer.error;
      this.session = answer.value;
    } catch (error) {
      if (load === this.#loads) this.loadError = this.reportError(error);
    }
  }

  async #signOut(): Promise<void> {
    const adapter = this.portalAdapter;
    if (!adapter) return;
    this.signOutError = undefined;
    try {
      await adapter.signOut();
    } catch (error) {
      this.signOutError = this.reportError(error);
      return;
    }
    this.session = null;
    this.navigate({ view: 'list' }, { replace: true });
    this.dispatchEvent(new PortalSignedOutEvent());
  }

  #link(route: PortalRoute) {
    return (event: MouseEvent) => {
      if (!isPlainClick(event)) return;
      event.preventDefault();
      this.navigate(route);
    };
  }

  protected override render() {
    const brand = this.config?.branding.accentColor;
    return html`<div
      part="base"
      class="base"
      style=${styleMap(brand ? { '--_brand-accent': brand } : {})}
      aria-busy=${this.#busy ? 'true' : 'false'}
    >
      ${this.#renderView()}
    </div>`;
  }

  get #busy(): boolean {
    if (this.loadError) return false;
    return !this.config || (this.config.enabled && this.session === undefined);
  }

  #renderView() {
    if (!this.portalAdapter) {
      return html`<p part="body">Set the <code>api</code> attribute or an adapter to connect.</p>`;
    }
    if (this.loadError) {
      const adapter = this.portalAdapter;
      return renderError(this.loadError, { retry: () => void this.#load(adapter) });
    }
    if (!this.config || (this.config.enabled && this.session === undefined)) {
      return html`<p part="body" class="muted">Loading…</p>`;
    }
    if (!this.config.enabled) {
      return html`<div part="body"><p>This portal is closed.</p></div>`;
    }
    if (!this.session) {
      return html`${this.#renderTitle()}
        <div part="body"><portal-login></portal-login></div>`;
    }
    return html`${this.#renderHeader(this.session)}
      <div part="body" class="body">${this.#renderRoute(this.route)}</div>`;
  }

  #renderTitle() {
    const config = this.config;
    if (!config) return nothing;
    return html`<h1 part="title" class="title">
      ${
        config.branding.logoUrl
          ? html`<img class="logo" src=${config.branding.logoUrl} alt="" />`
          : nothing
      }
      ${config.title}
    </h1>`;
  }

  #renderHeader(session: Session) {
    const list: PortalRoute = { view: 'list' };
    const create: PortalRoute = { view: 'new' };
    return html`<div part="header" class="header">
      ${this.#renderTitle()}
      <nav part="nav" aria-label="Support portal">
        <a
          href=${hrefForRoute(list, this.#mode)}
          aria-current=${this.route.view === 'list' ? 'page' : 'false'}
          @click=${this.#link(list)}
          >My tickets</a
        >
        <a
          part="new-ticket"
          class="button-link"
          href=${hrefForRoute(create, this.#mode)}
          aria-current=${this.route.view === 'new' ? 'page' : 'false'}
          @click=${this.#link(create)}
          >File a support ticket</a
        >
      </nav>
      <div class="account">
        <span part="person">${session.contact.name}</span>
        <button part="sign-out" class="secondary" type="button" @click=${this.#signOut}>
          Sign out
        </button>
      </div>
      ${this.signOutError ? renderError(this.signOutError, { retry: () => void this.#signOut() }) : nothing}
    </div>`;
  }

  #renderRoute(route: PortalRoute) {
    const listHref = hrefForRoute({ view: 'list' }, this.#mode);
    switch (route.view) {
      case 'ticket':
        return html`<ticket-detail
          ticket-id=${route.ticketId}
          back-href=${listHref}
        ></ticket-detail>`;
      case 'new':
        return html`<support-form></support-form>`;
      case 'list':
        return html`<ticket-list ticket-href=${ticketHrefPattern(this.#mode)}></ticket-list>`;
    }
  }
}
