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
import type {
  PropertyDeclarations,
  ReactiveController,
  ReactiveElement,
} from '@lit/reactive-element';
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

/** The properties of every Kundportal element: its adapter, or the URL of an API to make one for. */
export const portalProperties: PropertyDeclarations = {
  adapter: { attribute: false },
  api: { type: String },
};

/** An element a PortalConnection serves: a Lit element with the `portalProperties`. */
export interface PortalHost extends ReactiveElement {
  /** The backend to use; wins over `api` and over the adapter from context. */
  adapter: PortalAdapter | undefined;
  /** Base URL of a Kundportal HTTP API (e.g. `/api`); an adapter is made for it. */
  api: string | undefined;
}

/**
 * What ties an element to its portal, for any Lit element (the link renders without lit-html,
 * so it cannot share a LitElement base with the others). Finds the adapter (the element's own
 * `adapter` property, else one made for its `api` attribute, else the one a
 * `<customer-portal>` ancestor provides) and hears the portal config and session when an
 * ancestor provides them, so each element works inside the portal and on its own. Re-renders the
 * element when the language changes; on its own, its texts follow its `lang` attribute or the
 * page's.
 */
export class PortalConnection<ApiAdapter extends AdapterReads> implements ReactiveController {
  /** Portal config from an ancestor `<customer-portal>`, if any. */
  config: PortalConfig | undefined;
  /** Session from an ancestor `<customer-portal>`: `undefined` when none provides one. */
  session: Session | null | undefined;

  readonly #host: PortalHost;
  readonly #httpAdapter: (baseUrl: string) => ApiAdapter;
  readonly #adapterChanged: (adapter: ApiAdapter | PortalAdapter | undefined) => void;
  #contextAdapter: PortalAdapter | undefined;
  #http: { url: string; adapter: ApiAdapter } | undefined;
  #current: ApiAdapter | PortalAdapter | undefined;

  /**
   * @param httpAdapter makes the adapter for an `api` URL: an HttpAdapter, or a part of one for
   *   an element that only reads.
   * @param adapterChanged is called from `checkAdapter` when the adapter in use has changed.
   */
  constructor(
    host: PortalHost,
    httpAdapter: (baseUrl: string) => ApiAdapter,
    adapterChanged: (adapter: ApiAdapter | PortalAdapter | undefined) => void,
  ) {
    this.#host = host;
    this.#httpAdapter = httpAdapter;
    this.#adapterChanged = adapterChanged;
    updateWhenLocaleChanges(host);
    new ContextConsumer(host, {
      context: adapterContext,
      subscribe: true,
      callback: (value) => {
        this.#contextAdapter = value;
        host.requestUpdate();
      },
    });
    new ContextConsumer(host, {
      context: portalConfigContext,
      subscribe: true,
      callback: (value) => {
        this.config = value;
        host.requestUpdate();
      },
    });
    new ContextConsumer(host, {
      context: sessionContext,
      subscribe: true,
      callback: (value) => {
        this.session = value;
        host.requestUpdate();
      },
    });
    host.addController(this);
  }

  hostConnected(): void {
    followPageLanguage(this.#host);
  }

  /** The adapter in use, or `undefined` when none is set, given or provided. */
  get adapter(): ApiAdapter | PortalAdapter | undefined {
    const host = this.#host;
    if (host.adapter) return host.adapter;
    if (host.api) {
      // One adapter per `api` value, so re-renders do not drop its state.
      if (this.#http?.url !== host.api) {
        this.#http = { url: host.api, adapter: this.#httpAdapter(host.api) };
      }
      return this.#http.adapter;
    }
    return this.#contextAdapter;
  }

  /**
   * Calls `adapterChanged` if the adapter in use has changed since the last call (the first
   * one included). Called from the element's `willUpdate`, so state set then renders in the
   * same update.
   */
  checkAdapter(): void {
    const adapter = this.adapter;
    if (adapter !== this.#current) {
      this.#current = adapter;
      this.#adapterChanged(adapter);
    }
  }

  /**
   * Turns anything thrown into a PortalError (anything unexpected counts as a server fault) and
   * announces it on the element with `portal-error`.
   */
  reportError(error: unknown): PortalError {
    const portalError =
      error instanceof PortalError
        ? error
        : new PortalError('server', error instanceof Error ? error.message : String(error));
    this.#host.dispatchEvent(new PortalErrorEvent(portalError));
    return portalError;
  }
}
