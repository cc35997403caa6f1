import {
  PortalError,
  adapterContext,
  portalConfigContext,
  sessionContext,
  type LinkPurpose,
  type PortalAdapter,
  type PortalConfig,
  type Session,
} from '@kundportal/core';
import { ContextProvider } from '@lit/context';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type ReactiveElement } from 'lit';
import type { LoginView } from '../portal-login/portal-login.component.js';
import { renderError } from '../shared/error-view.js';
import {
  PortalErrorEvent,
  PortalNavigateEvent,
  PortalSignedInEvent,
  PortalSignedOutEvent,
  PortalTicketCreatedEvent,
  PortalTicketLoadedEvent,
  PortalTicketOpenEvent,
  type PortalRoute,
} from '../shared/events.js';
import { formatCountdown, formatWait, isPlainClick } from '../shared/format.js';
import { PortalListStateEvent } from '../shared/list-state-event.js';
import { DEFAULT_LIST_STATE } from '../shared/list-state.js';
import {
  choosePortalLanguage,
  languageName,
  matchLanguage,
  rememberLanguage,
  textDirection,
} from '../shared/language.js';
import { useLanguage } from '../shared/locale.js';
import { PortalElement } from '../shared/portal-element.js';
import { clearAllReplyDrafts } from '../shared/reply-draft.js';
import { cssProperties } from '../shared/css-properties.js';
import { styles } from './customer-portal.styles.js';
import {
  hrefForRoute,
  isAccessRoute,
  routeFromUrl,
  ticketHrefPattern,
  urlForRoute,
  type Route,
  type RouteMode,
} from './routes.js';

const MINUTE = 60_000;
/** Activity this close to the last noted activity changes nothing worth the work. */
const ACTIVITY_THROTTLE_MS = 5_000;
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'focusin'] as const;

/** The `<portal-login>` view each kind of emailed link opens. */
const LOGIN_VIEW_FOR_LINK: Record<LinkPurpose, LoginView> = {
  verify: 'verify',
  invitation: 'invitation',
  reset: 'reset-password',
  'sign-in': 'sign-in-with-link',
};

/** The elements a view of the portal is made of; the new one's heading gets focus. */
const VIEW_ELEMENTS = 'portal-login, ticket-list, ticket-detail, support-form';

/** The element each signed-in route shows. */
const ROUTE_ELEMENTS = {
  list: 'ticket-list',
  ticket: 'ticket-detail',
  new: 'support-form',
} as const satisfies Record<PortalRoute['view'], string>;

/** Only these become links from the config's navigation, so no `javascript:` URL is clickable. */
function isNavigableUrl(href: string): boolean {
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(href, document.baseURI).protocol);
  } catch {
    return false;
  }
}

/** The focused element, looking into open shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/** How long before the idle timeout the warning shows: a minute, or the last fifth if shorter. */
export function idleWarningDelay(timeoutMs: number): number {
  return Math.max(timeoutMs - MINUTE, timeoutMs * 0.8);
}

/**
 * @summary The whole portal: sign-in, the ticket list, one ticket and the support form, routed
 * by URL. Provides the adapter, portal config and session to the elements inside it.
 *
 * Routes are `#/`, `#/tickets/{id}` and `#/new` by default; with `base-path="/support"` they are
 * `/support/`, `/support/tickets/{id}` and `/support/new` (History API; the server must answer
 * those paths with the page). The ticket list's filter, search, sort and view ride in the list
 * route's query (`#/?status=closed&q=pdf`, or `/support/?status=closed&q=pdf`), so reload and
 * back/forward restore them: each choice adds a history entry, typing a search replaces it.
 *
 * Links from emails open the matching `<portal-login>` view in either mode: `#/verify/<token>`,
 * `#/invitation/<token>`, `#/reset/<token>` and `#/sign-in/<token>`; once they have signed the
 * visitor in, the URL is replaced by the ticket list's, so the token leaves the address bar and
 * the history. `#/access-denied` and `#/sso-error` (from the server's SSO redirects) show those
 * views. Set the `ssoToken` property to sign in with a JWT the site's own app signed.
 * A portal that is switched off, or answers `unavailable`, says that it is closed.
 *
 * After `idleTimeoutMinutes` (portal config) without activity in the portal, the session ends.
 * A minute before (or at 80% of short timeouts) a modal dialog counts down and offers to stay
 * signed in. Signing out, by the button or for inactivity, forgets every reply draft
 * (`kundportal:draft:*` in localStorage, and chosen files), so a shared computer keeps none.
 *
 * Its language: the one the customer chose before (remembered in localStorage as
 * `kundportal:locale`), else the page's `<html lang>`, else the config's first; each only when
 * the config's `languages` lists it. Texts come from that language's catalog, or English when
 * there is none; `lang` and `dir` (right to left for Arabic, Hebrew, Persian and Urdu) are set on
 * the `base` part. With two or more languages, a "Language" menu in the header switches.
 *
 * @event portal-signed-in - Someone signed in (bubbles up from `<portal-login>`).
 * @event portal-signed-out - The signed-in person signed out, or was signed out for inactivity.
 * @event portal-error - Loading the portal or signing out failed.
 *
 * @csspart base - The wrapper around everything.
 * @csspart header - The bar with the title, navigation, name and "Sign out".
 * @csspart title - The portal title.
 * @csspart logo - The logo from the portal's branding, in the title.
 * @csspart site-links - The list of the site's own links from the portal config's navigation.
 * @csspart site-link - One of those links.
 * @csspart nav - The navigation links.
 * @csspart new-ticket - The "File a support ticket" link.
 * @csspart person - The signed-in person's name.
 * @csspart sign-out - The "Sign out" button.
 * @csspart language - The language `<select>` (with two or more languages).
 * @csspart body - The routed view below the header.
 * @csspart closed - The note saying the portal is closed.
 * @csspart notice - Why the visitor was signed out (e.g. inactivity).
 * @csspart idle-dialog - The "You will be signed out" dialog.
 * @csspart countdown - The time left in that dialog.
 * @csspart stay-signed-in - Its "Stay signed in" button.
 * @csspart error - An error message.
 * @csspart retry - The "Retry" button of an error that retrying can fix.
 *
 * @cssproperty --customer-portal-logo-height - Tallest the logo gets (default 2rem).
 * @cssproperty --customer-portal-max-width - Widest the portal gets (default 60rem).
 * @cssproperty --customer-portal-header-gap - Space between header items (default `--portal-space-m`).
 *
 * @attr api - Base URL of a Kundportal HTTP API (e.g. `/api`), when no `adapter` property is set.
 * @attr base-path - Route with the History API below this path instead of the URL hash.
 */
export class CustomerPortal extends PortalElement {
  static override styles = styles;

  // Each view's element is fetched when first shown: a signed-in visit never loads the sign-in.
  static override nestedElements = {
    'portal-login': () => import('../portal-login/portal-login.js'),
    'support-form': () => import('../support-form/support-form.js'),
    'ticket-detail': () => import('../ticket-detail/ticket-detail.js'),
    'ticket-list': () => import('../ticket-list/ticket-list.js'),
  };

  static override properties = {
    basePath: { attribute: 'base-path' },
    embedded: { type: Boolean },
    ssoToken: { attribute: false },
    config: { state: true },
    session: { state: true },
    loadError: { state: true },
    signOutError: { state: true },
    route: { state: true },
    ssoSignIn: { state: true },
    notice: { state: true },
    idleDeadline: { state: true },
    secondsLeft: { state: true },
    stayError: { state: true },
    language: { state: true },
    shownTicket: { state: true },
  };

  /** Route with the History API below this path; hash routing when unset. */
  declare basePath: string | undefined;
  /**
   * The portal is one part of a larger page: it leaves the page's title and icon alone. Without
   * it, the portal owns the page: `document.title` names the view and the branding's favicon
   * is the page's icon.
   */
  declare embedded: boolean;
  declare protected config: PortalConfig | undefined;
  /** `undefined` while loading, `null` when nobody is signed in. */
  declare protected session: Session | null | undefined;
  declare protected loadError: PortalError | undefined;
  declare protected signOutError: PortalError | undefined;
  declare protected route: Route;
  /**
   * A signed JWT from the site's own app (JWT single sign-on). Setting it exchanges it for a
   * session once; a refusal shows the access-denied view.
   */
  declare ssoToken: string | undefined;
  /** The SSO token still to exchange; cleared once someone has signed in. */
  declare protected ssoSignIn: string | undefined;
  /** Why the visitor is looking at the sign-in form, e.g. signed out for inactivity. */
  declare protected notice: string;
  /** When an idle session ends (epoch ms), while the warning shows. */
  declare protected idleDeadline: number | undefined;
  declare protected secondsLeft: number;
  declare protected stayError: PortalError | undefined;
  /** The language tag the portal is in (from the config's `languages`). */
  declare protected language: string | undefined;
  /** The ticket `<ticket-detail>` loaded, for the page title. */
  declare protected shownTicket: { id: string; subject: string } | undefined;

  readonly #adapterProvider = new ContextProvider(this, { context: adapterContext });
  readonly #configProvider = new ContextProvider(this, { context: portalConfigContext });
  readonly #sessionProvider = new ContextProvider(this, { context: sessionContext });
  #loads = 0;
  #unsubscribe: (() => void) | undefined;
  #cancelIdleTimer: (() => void) | undefined;
  #lastActivity = 0;
  #lastKeepAlive = 0;
  /** The view on screen at the last update, to notice when another one opens. */
  #shownView: string | undefined;
  /** Waits for the new view's heading, to focus it; cancelled when the view changes again. */
  #headingFocus: { view: ReactiveElement; controller: { hostUpdated(): void } } | undefined;
  /** Where focus was when the idle dialog opened, to go back there when it closes. */
  #focusBeforeDialog: HTMLElement | null = null;
  /** The page's title and icon before the portal set its own, put back when it leaves. */
  #pageTitle: string | undefined;
  #favicon: HTMLLinkElement | undefined;

  constructor() {
    super();
    this.basePath = undefined;
    this.embedded = false;
    this.config = undefined;
    this.session = undefined;
    this.loadError = undefined;
    this.signOutError = undefined;
    this.route = { view: 'list' };
    this.ssoToken = undefined;
    this.ssoSignIn = undefined;
    this.notice = '';
    this.idleDeadline = undefined;
    this.secondsLeft = 0;
    this.stayError = undefined;
    this.language = undefined;
    this.shownTicket = undefined;
    this.addEventListener(PortalTicketLoadedEvent.eventName, (event) => {
      this.shownTicket = { id: event.ticket.id, subject: event.ticket.subject };
    });
    this.addEventListener(PortalSignedInEvent.eventName, (event) => {
      this.session = event.session;
      this.notice = '';
      this.ssoSignIn = undefined;
      // The emailed token has done its job: out of the address bar and the history.
      if (isAccessRoute(this.route)) this.navigate({ view: 'list' }, { replace: true });
    });
    for (const type of ACTIVITY_EVENTS) {
      this.addEventListener(type, this.#noteActivity, { passive: true });
    }
    this.addEventListener(PortalTicketOpenEvent.eventName, (event) => {
      event.preventDefault();
      this.navigate({ view: 'ticket', ticketId: event.ticketId });
    });
    this.addEventListener(PortalNavigateEvent.eventName, (event) => {
      event.preventDefault();
      this.navigate(event.route);
    });
    this.addEventListener(PortalListStateEvent.eventName, (event) => {
      event.preventDefault();
      this.navigate({ view: 'list', listState: event.state }, { replace: event.replace });
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
    if (this.session) this.#startIdleClock();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#readLocation);
    window.removeEventListener('hashchange', this.#readLocation);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#stopIdleClock();
    this.#cancelHeadingFocus();
    this.#favicon?.remove();
    this.#favicon = undefined;
    if (this.#pageTitle !== undefined) document.title = this.#pageTitle;
    this.#pageTitle = undefined;
  }

  /** Milliseconds since the epoch. Tests replace it to move time on. */
  protected now(): number {
    return Date.now();
  }

  /** Calls `callback` after `ms`; returns what cancels it. Tests replace it to move time on. */
  protected setTimer(callback: () => void, ms: number): () => void {
    const id = setTimeout(callback, ms);
    return () => clearTimeout(id);
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
    if (changed.has('ssoToken') && this.ssoToken) this.ssoSignIn = this.ssoToken;
    if (changed.has('session') || changed.has('config')) {
      if (this.session && this.config?.enabled) this.#startIdleClock();
      else this.#stopIdleClock();
    }
    this.#configProvider.setValue(this.config);
    this.#sessionProvider.setValue(this.session);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector('dialog');
    if (this.idleDeadline !== undefined && dialog && !dialog.open) {
      this.#focusBeforeDialog = deepActiveElement();
      dialog.showModal();
    }
    if (this.idleDeadline === undefined && dialog?.open) {
      dialog.close();
      this.#restoreFocusAfterDialog();
    }
    this.#focusNewView();
    if (!this.embedded) {
      this.#setPageTitle();
      this.#setFavicon();
    }
  }

  /** Back where the visitor was before the idle warning, if that is still on screen. */
  #restoreFocusAfterDialog(): void {
    const before = this.#focusBeforeDialog;
    this.#focusBeforeDialog = null;
    if (before?.isConnected) before.focus();
  }

  /** Names the view on screen; tells when another one opens (filters in the list do not). */
  get #viewKey(): string {
    if (!this.portalAdapter) return 'unconnected';
    if (this.#closed) return 'closed';
    if (this.loadError) return 'error';
    if (this.#busy) return 'loading';
    const login = this.#loginView();
    if (login || !this.session) return `login:${login?.view ?? 'sign-in'}`;
    const route = this.route;
    return route.view === 'ticket' ? `ticket:${route.ticketId}` : route.view;
  }

  /**
   * Moves focus to the new view's heading when the visitor goes to another view (signing in,
   * opening a ticket, signing out), so screen readers say where they are. Not when the page
   * opens, and not once the visitor has moved into the new view themselves.
   */
  #focusNewView(): void {
    const key = this.#viewKey;
    const before = this.#shownView;
    this.#shownView = key;
    if (key === before || before === undefined || before === 'loading' || key === 'loading') {
      return;
    }
    this.#cancelHeadingFocus();
    const view = this.renderRoot.querySelector<ReactiveElement>(VIEW_ELEMENTS);
    if (view) void this.#watchForHeading(view, key);
    else this.renderRoot.querySelector<HTMLElement>('[part=title], [part=closed]')?.focus();
  }

  /** Focuses `view`'s heading once it is there: it may come with its data, or its code. */
  async #watchForHeading(view: ReactiveElement, key: string): Promise<void> {
    // A view whose element is not defined yet (loaded on demand) has no controllers to add.
    await customElements.whenDefined(view.localName);
    if (this.#shownView !== key || this.#focusHeadingIn(view)) return;
    const controller = {
      hostUpdated: () => {
        if (this.#focusHeadingIn(view)) this.#cancelHeadingFocus();
      },
    };
    this.#headingFocus = { view, controller };
    view.addController(controller);
  }

  /** Focuses `view`'s heading; `true` once there is nothing left to do. */
  #focusHeadingIn(view: ReactiveElement): boolean {
    if (!view.isConnected || view.matches(':focus-within')) return true;
    const heading = view.shadowRoot?.querySelector<HTMLElement>('h1, h2');
    if (!heading) return false;
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    heading.focus();
    return true;
  }

  #cancelHeadingFocus(): void {
    const pending = this.#headingFocus;
    this.#headingFocus = undefined;
    pending?.view.removeController(pending.controller);
  }

  /** "My tickets – Nordlys Support", "Printer offline – Nordlys Support", and so on. */
  #setPageTitle(): void {
    const title = this.config?.title;
    if (!title) return;
    this.#pageTitle ??= document.title;
    const page = this.#pageName();
    const next = page ? `${page} – ${title}` : title;
    if (document.title !== next) document.title = next;
  }

  /** What the view on screen is called, for the page title; nothing while loading or closed. */
  #pageName(): string | undefined {
    const key = this.#viewKey;
    if (key.startsWith('login:')) return msg('Sign in', { id: 'sign-in' });
    const route = this.route;
    switch (key === 'list' || key === 'new' || key.startsWith('ticket:') ? route.view : '') {
      case 'list':
        return msg('My tickets');
      case 'new':
        return msg('File a support ticket', { id: 'file-ticket' });
      case 'ticket': {
        const id = route.view === 'ticket' ? route.ticketId : '';
        const shown = this.shownTicket;
        return shown?.id === id ? shown.subject : msg(str`Ticket ${id}`);
      }
      default:
        return undefined;
    }
  }

  /** The branding's favicon as the page's icon; the page's own icons stay, ours comes last. */
  #setFavicon(): void {
    const href = this.config?.branding.faviconUrl;
    if (!href || !isNavigableUrl(href)) {
      this.#favicon?.remove();
      this.#favicon = undefined;
      return;
    }
    this.#favicon ??= Object.assign(document.createElement('link'), { rel: 'icon' });
    if (this.#favicon.getAttribute('href') !== href) this.#favicon.href = href;
    if (!this.#favicon.isConnected) document.head.append(this.#favicon);
  }

  get #idleTimeoutMs(): number {
    return Math.max(0, this.config?.idleTimeoutMinutes ?? 0) * MINUTE;
  }

  #startIdleClock(): void {
    this.#lastActivity = this.#lastKeepAlive = this.now();
    this.idleDeadline = undefined;
    this.stayError = undefined;
    this.#scheduleIdleWarning();
  }

  #stopIdleClock(): void {
    this.#cancelIdleTimer?.();
    this.#cancelIdleTimer = undefined;
    this.idleDeadline = undefined;
  }

  #scheduleIdleWarning(): void {
    this.#cancelIdleTimer?.();
    const timeout = this.#idleTimeoutMs;
    if (!timeout) return;
    this.#cancelIdleTimer = this.setTimer(() => {
      this.idleDeadline = this.#lastActivity + timeout;
      this.#countDown();
    }, idleWarningDelay(timeout));
  }

  readonly #noteActivity = (): void => {
    // While the warning shows, only "Stay signed in" keeps the session.
    if (!this.session || this.idleDeadline !== undefined) return;
    const now = this.now();
    if (now - this.#lastActivity < ACTIVITY_THROTTLE_MS) return;
    this.#lastActivity = now;
    this.#scheduleIdleWarning();
    // Work that never reaches the server (reading, writing a long reply) still counts there.
    if (now - this.#lastKeepAlive > this.#idleTimeoutMs / 2) {
      this.#lastKeepAlive = now;
      void this.portalAdapter?.getSession().catch(() => undefined);
    }
  };

  #countDown(): void {
    const deadline = this.idleDeadline;
    if (deadline === undefined) return;
    const left = deadline - this.now();
    if (left <= 0) {
      this.#signOutForIdleness();
      return;
    }
    this.secondsLeft = Math.ceil(left / 1000);
    this.#cancelIdleTimer = this.setTimer(() => this.#countDown(), Math.min(1000, left));
  }

  /** "Stay signed in": asking for the session refreshes the server's idle timer too. */
  async #staySignedIn(): Promise<void> {
    const adapter = this.portalAdapter;
    if (!adapter) return;
    this.stayError = undefined;
    try {
      const session = await adapter.getSession();
      if (session) this.session = session;
      else void this.#sessionEndedForIdleness();
    } catch (error) {
      this.stayError = this.reportError(error);
    }
  }

  #signOutForIdleness(): void {
    // The server ends idle sessions itself; a failure here changes nothing for the visitor.
    void this.portalAdapter?.signOut().catch(() => undefined);
    void this.#sessionEndedForIdleness();
  }

  async #sessionEndedForIdleness(): Promise<void> {
    const minutes = this.config?.idleTimeoutMinutes ?? 0;
    this.session = null;
    const wait = formatWait(minutes * 60);
    this.notice = msg(str`You were signed out after ${wait} without activity.`);
    clearAllReplyDrafts();
    this.dispatchEvent(new PortalSignedOutEvent());
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part=notice]')?.focus();
  }

  async #load(adapter: PortalAdapter): Promise<void> {
    const load = ++this.#loads;
    this.config = undefined;
    this.session = undefined;
    this.loadError = undefined;
    const session = adapter.getSession().then(
      (value) => {
        this.#fetchViewElement(value);
        return { value };
      },
      (error: unknown) => {
        if (!PortalError.is(error, 'unauthenticated')) return { error: error };
        this.#fetchViewElement(null);
        return { value: null };
      },
    );
    try {
      const config = await adapter.getPortal();
      const answer = await session;
      if (load !== this.#loads) return;
      this.config = config;
      this.#useLanguage(choosePortalLanguage(config.languages, document.documentElement.lang));
      // A closed portal needs no session; any other failure is worth saying.
      if (!config.enabled) return;
      if ('error' in answer) throw answer.error;
      this.session = answer.value;
    } catch (error) {
      if (load === this.#loads) this.loadError = this.reportError(error);
    }
  }

  /**
   * Starts fetching the element of the view the session will show (the sign-in form when
   * nobody is signed in), so its code arrives while the portal config loads instead of after
   * the first render asks for it. Failures are reported by that render.
   */
  #fetchViewElement(session: Session | null): void {
    const route = this.route;
    const tag =
      !session || isAccessRoute(route) || this.ssoSignIn
        ? 'portal-login'
        : ROUTE_ELEMENTS[route.view];
    if (!customElements.get(tag)) CustomerPortal.nestedElements[tag]().catch(() => {});
  }

  #useLanguage(language: string): void {
    this.language = language;
    // The server's errors and emails follow the customer's choice, not only the browser's.
    this.portalAdapter?.setLanguage?.(language);
    void useLanguage(language);
  }

  #chooseLanguage(event: Event): void {
    const language = (event.target as HTMLSelectElement).value;
    rememberLanguage(language);
    this.#useLanguage(language);
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
    clearAllReplyDrafts();
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
    const language = this.language;
    return html`<div
      part="base"
      class="base"
      lang=${language ?? nothing}
      dir=${language ? textDirection(language) : nothing}
      ${cssProperties(brand ? { '--_brand-accent': brand } : {})}
      aria-busy=${this.#busy ? 'true' : 'false'}
    >
      <p part="notice" class="notice" role="status" tabindex="-1">${this.notice || nothing}</p>
      ${this.#renderView()} ${this.session ? this.#renderIdleDialog() : nothing}
    </div>`;
  }

  get #busy(): boolean {
    if (this.loadError) return false;
    return !this.config || (this.config.enabled && this.session === undefined);
  }

  /**
   * Closed by its settings, or answering that it is unavailable for good. An outage the server
   * expects to pass (it says when to try again) is shown as an error with Retry instead.
   */
  get #closed(): boolean {
    const unavailable = this.loadError?.code === 'unavailable';
    return (
      this.config?.enabled === false || (unavailable && this.loadError?.retryAfter === undefined)
    );
  }

  /** The `<portal-login>` view to show, if the visitor needs one. */
  #loginView(): { view: LoginView; token?: string } | undefined {
    const route = this.route;
    if (route.view === 'link') {
      return { view: LOGIN_VIEW_FOR_LINK[route.purpose], token: route.token };
    }
    if (this.ssoSignIn) return { view: 'sso', token: this.ssoSignIn };
    if (this.session) return undefined;
    if (route.view === 'access-denied' || route.view === 'sso-error') return { view: route.view };
    return { view: 'sign-in' };
  }

  #renderView() {
    if (!this.portalAdapter) {
      return html`<p part="body">
        ${msg(html`Set the <code>api</code> attribute or an adapter to connect.`, {
          id: 'connect-hint',
        })}
      </p>`;
    }
    if (this.#closed) {
      return html`${this.#renderTitle()}
        <p part="closed">${msg('This support portal is closed.')}</p>`;
    }
    if (this.loadError) {
      const adapter = this.portalAdapter;
      return renderError(this.loadError, { retry: () => void this.#load(adapter) });
    }
    if (!this.config || this.session === undefined) {
      return html`<p part="body" class="muted" role="status">
        ${msg('Loading…', { id: 'loading' })}
      </p>`;
    }
    const login = this.#loginView();
    if (login || !this.session) {
      return html`<div class="title-bar">
          ${this.#renderTitle()} ${this.#renderSiteLinks()} ${this.#renderLanguageChoice()}
        </div>
        <div part="body">
          <portal-login view=${login?.view ?? 'sign-in'} .token=${login?.token}></portal-login>
        </div>`;
    }
    return html`${this.#renderHeader(this.session)}
      <div part="body" class="body">${this.#renderRoute(this.route)}</div>`;
  }

  #renderIdleDialog() {
    return html`<dialog
      part="idle-dialog"
      aria-labelledby="idle-heading"
      aria-describedby="idle-countdown"
      @cancel=${this.#stayOnEscape}
    >
      <h2 id="idle-heading">${msg('Are you still there?')}</h2>
      <p id="idle-countdown" role="timer">
        ${msg(
          html`You will be signed out in
            <span part="countdown">${formatCountdown(this.secondsLeft)}</span>.`,
          { id: 'idle-countdown' },
        )}
      </p>
      ${this.stayError ? renderError(this.stayError) : nothing}
      <div class="actions">
        <button part="stay-signed-in" type="button" @click=${this.#staySignedIn}>
          ${msg('Stay signed in')}
        </button>
        <button class="secondary" type="button" @click=${this.#signOut}>
          ${msg('Sign out', { id: 'sign-out' })}
        </button>
      </div>
    </dialog>`;
  }

  /** Escape means someone is there: the same as "Stay signed in". */
  #stayOnEscape(event: Event): void {
    event.preventDefault();
    void this.#staySignedIn();
  }

  #renderTitle() {
    const config = this.config;
    if (!config) return nothing;
    const logo = config.branding.logoUrl;
    // With a logo, its alternative text names the portal and the visible title is not read twice.
    return html`<h1 part="title" class="title" tabindex="-1">
      ${logo ? html`<img part="logo" class="logo" src=${logo} alt=${config.title} />` : nothing}
      <span aria-hidden=${logo ? 'true' : nothing}>${config.title}</span>
    </h1>`;
  }

  /** The site's own links from the config (e.g. back to the knowledge base). */
  #renderSiteLinks() {
    const links = (this.config?.nav ?? []).filter((link) => isNavigableUrl(link.href));
    if (!links.length) return nothing;
    return html`<ul part="site-links" class="site-links" aria-label=${msg('Site')}>
      ${links.map((link) => html`<li><a part="site-link" href=${link.href}>${link.label}</a></li>`)}
    </ul>`;
  }

  #renderHeader(session: Session) {
    const list: PortalRoute = { view: 'list' };
    const create: PortalRoute = { view: 'new' };
    return html`<div part="header" class="header">
      ${this.#renderTitle()}
      <nav part="nav" aria-label=${msg('Support portal')}>
        ${this.#renderSiteLinks()}
        <a
          href=${hrefForRoute(list, this.#mode)}
          aria-current=${this.route.view === 'list' ? 'page' : 'false'}
          @click=${this.#link(list)}
          >${msg('My tickets')}</a
        >
        <a
          part="new-ticket"
          class="button-link"
          href=${hrefForRoute(create, this.#mode)}
          aria-current=${this.route.view === 'new' ? 'page' : 'false'}
          @click=${this.#link(create)}
          >${msg('File a support ticket', { id: 'file-ticket' })}</a
        >
      </nav>
      <div class="account">
        ${this.#renderLanguageChoice()}
        <span part="person">${session.contact.name}</span>
        <button part="sign-out" class="secondary" type="button" @click=${this.#signOut}>
          ${msg('Sign out', { id: 'sign-out' })}
        </button>
      </div>
      ${this.signOutError ? renderError(this.signOutError, { retry: () => void this.#signOut() }) : nothing}
    </div>`;
  }

  /** Each language in its own name, so a customer finds theirs whatever is on screen. */
  #renderLanguageChoice() {
    const languages = this.config?.languages ?? [];
    if (languages.length < 2) return nothing;
    const current = matchLanguage(languages, this.language);
    return html`<label class="language">
      ${msg('Language')}
      <select part="language" .value=${current ?? ''} @change=${this.#chooseLanguage}>
        ${languages.map(
          (language) =>
            html`<option value=${language} lang=${language} ?selected=${language === current}>
              ${languageName(language)}
            </option>`,
        )}
      </select>
    </label>`;
  }

  #renderRoute(route: Route) {
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
      default: {
        const { status, q, sort, scope } =
          (route.view === 'list' && route.listState) || DEFAULT_LIST_STATE;
        return html`<ticket-list
          ticket-href=${ticketHrefPattern(this.#mode)}
          status=${status}
          q=${q}
          sort=${sort}
          scope=${scope}
        ></ticket-list>`;
      }
    }
  }
}
