import {
  HttpAdapter,
  adapterContext,
  portalConfigContext,
  sessionContext,
  type PortalAdapter,
  type PortalConfig,
  type PortalError,
  type Session,
} from '@kundportal/core';
import { ContextConsumer } from '@lit/context';
import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { PortalErrorEvent } from './events.js';
import { toPortalError } from './error-view.js';
import { followPageLanguage } from './localization.js';

/**
 * Base of every Kundportal element. Finds the adapter (its own `adapter` property, else an
 * HttpAdapter for its `api` attribute, else the one a `<customer-portal>` ancestor provides)
 * and hears the portal config and session when an ancestor provides them, so each element
 * works inside the portal and on its own. Re-renders when the language changes; on its own, its
 * texts follow its `lang` attribute or the page's.
 */
export class PortalElement extends LitElement {
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
  #http: { url: string; adapter: PortalAdapter } | undefined;
  #current: PortalAdapter | undefined;

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

  /** The adapter in use, or `undefined` when none is set, given or provided. */
  get portalAdapter(): PortalAdapter | undefined {
    if (this.adapter) return this.adapter;
    if (this.api) {
      // One HttpAdapter per `api` value, so re-renders do not drop its state.
      if (this.#http?.url !== this.api) {
        this.#http = { url: this.api, adapter: new HttpAdapter({ baseUrl: this.api }) };
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
  protected adapterChanged(_adapter: PortalAdapter | undefined): void {}

  /** The portal config: the provided one, else loaded from the adapter. */
  protected async loadConfig(adapter: PortalAdapter): Promise<PortalConfig> {
    return this.contextConfig ?? adapter.getPortal();
  }

  /** Turns anything thrown into a PortalError and announces it with `portal-error`. */
  protected reportError(error: unknown): PortalError {
    const portalError = toPortalError(error);
    this.dispatchEvent(new PortalErrorEvent(portalError));
    return portalError;
  }
}
