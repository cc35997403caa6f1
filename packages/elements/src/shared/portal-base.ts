import {
  PortalError,
  adapterContext,
  portalConfigContext,
  sessionContext,
  type PortalAdapter,
  type PortalConfig,
  type Session,
} from '@kundportal/core';
import { ContextConsumer } from '@lit/context';
import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { PortalErrorEvent } from './error-event.js';
import { useLanguage } from './locale.js';

/** Inside a `<customer-portal>` (through shadow roots), whose language choice wins. */
function inPortal(element: Element): boolean {
  for (let node: Node | null = element; node;) {
    if (node instanceof Element && node.localName === 'customer-portal') return true;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return false;
}

/**
 * For an element on its own: the texts follow its `lang` attribute or the page's. Inside a
 * portal, or on a page that holds one, the portal decides instead. The texts are written in
 * English, so the localization runtime and a catalog load only for another language.
 */
function followPageLanguage(element: Element): void {
  if (inPortal(element) || document.querySelector('customer-portal')) return;
  const lang = element.closest('[lang]')?.getAttribute('lang');
  if (lang && !/^en\b/i.test(lang)) void useLanguage(lang);
}

/** What an element asks of the adapter it makes for its `api` attribute. */
export type AdapterReads = Pick<PortalAdapter, 'getPortal' | 'getSession' | 'getTicketSummary'>;

/**
 * Base of every Kundportal element. Finds the adapter (its own `adapter` property, else one it
 * makes for its `api` attribute, else the one a `<customer-portal>` ancestor provides)
 * and hears the portal config and session when an ancestor provides them, so each element
 * works inside the portal and on its own. Re-renders when the language changes; on its own, its
 * texts follow its `lang` attribute or the page's.
 *
 * Every element takes the page's font, text colour and colour scheme (`color-scheme: dark` on
 * the page, or on the element, makes it dark) and these global tokens, set anywhere above it:
 *
 * @cssproperty --portal-color-accent - Buttons, links and focus rings (default the branding's colour, else blue).
 * @cssproperty --portal-color-on-accent - Text on the accent (default black or white, whichever reads better on it).
 * @cssproperty --portal-color-accent-text - Links and other accent text (default the accent, darkened or lightened until it reads on the page).
 * @cssproperty --portal-color-muted - Secondary text such as dates and hints.
 * @cssproperty --portal-color-border - Borders and rules.
 * @cssproperty --portal-color-surface - Backgrounds of headers, messages and cards.
 * @cssproperty --portal-color-danger - Errors and refusals.
 * @cssproperty --portal-radius - Corner radius (default 0.375rem).
 * @cssproperty --portal-space-s - Small spacing (default 0.5rem).
 * @cssproperty --portal-space-m - Medium spacing (default 0.75rem).
 * @cssproperty --portal-space-l - Large spacing (default 1.25rem).
 */
export abstract class PortalBase<
  ApiAdapter extends AdapterReads = PortalAdapter,
> extends LitElement {
  static override properties: PropertyDeclarations = {
    adapter: { attribute: false },
    api: { type: String },
  };

  /** The backend to use; wins over `api` and over the adapter from context. */
  declare adapter: PortalAdapter | undefined;
  /** Base URL of a Kundportal HTTP API (e.g. `/api`); an HttpAdapter is made for it. */
  declare api: string | undefined;

  /** Portal config from an ancestor `<customer-portal>`, if any. */
  protected contextConfig: PortalConfig | undefined;
  /** Session from an ancestor `<customer-portal>`: `undefined` when none provides one. */
  protected contextSession: Session | null | undefined;

  #contextAdapter: PortalAdapter | undefined;
  #http: { url: string; adapter: ApiAdapter } | undefined;
  #current: ApiAdapter | PortalAdapter | undefined;

  constructor() {
    super();
    this.adapter = undefined;
    this.api = undefined;
    updateWhenLocaleChanges(this);
    new ContextConsumer(this, {
      context: adapterContext,
      subscribe: true,
      callback: (value) => {
        this.#contextAdapter = value;
        this.requestUpdate();
      },
    });
    new ContextConsumer(this, {
      context: portalConfigContext,
      subscribe: true,
      callback: (value) => {
        this.contextConfig = value;
        this.requestUpdate();
      },
    });
    new ContextConsumer(this, {
      context: sessionContext,
      subscribe: true,
      callback: (value) => {
        this.contextSession = value;
        this.requestUpdate();
      },
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    followPageLanguage(this);
  }

  /** The adapter for an `api` URL: an HttpAdapter, or a part of one for an element that reads. */
  protected abstract httpAdapter(baseUrl: string): ApiAdapter;

  /** The adapter in use, or `undefined` when none is set, given or provided. */
  get portalAdapter(): ApiAdapter | PortalAdapter | undefined {
    if (this.adapter) return this.adapter;
    if (this.api) {
      // One adapter per `api` value, so re-renders do not drop its state.
      if (this.#http?.url !== this.api) {
        this.#http = { url: this.api, adapter: this.httpAdapter(this.api) };
      }
      return this.#http.adapter;
    }
    return this.#contextAdapter;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const adapter = this.portalAdapter;
    if (adapter !== this.#current) {
      this.#current = adapter;
      this.adapterChanged(adapter);
    }
  }

  /**
   * Called before rendering whenever the adapter in use changes (first one included).
   * Subclasses load their data here; state set here renders in the same update.
   */
  protected adapterChanged(_adapter: ApiAdapter | PortalAdapter | undefined): void {}

  /**
   * Turns anything thrown into a PortalError (anything unexpected counts as a server fault) and
   * announces it with `portal-error`.
   */
  protected reportError(error: unknown): PortalError {
    const portalError =
      error instanceof PortalError
        ? error
        : new PortalError('server', error instanceof Error ? error.message : String(error));
    this.dispatchEvent(new PortalErrorEvent(portalError));
    return portalError;
  }
}
