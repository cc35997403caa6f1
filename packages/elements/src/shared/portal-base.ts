import type { PortalAdapter, PortalConfig, PortalError, Session } from '@kundportal/core';
import { LitElement, type PropertyValues } from 'lit';
import { PortalConnection, portalProperties, type AdapterReads } from './portal-connection.js';

export type { AdapterReads };

/**
 * Base of every Kundportal element but the link: a LitElement tied to its portal by a
 * PortalConnection. Finds the adapter (its own `adapter` property, else one it makes for its
 * `api` attribute, else the one a `<customer-portal>` ancestor provides) and hears the portal
 * config and session when an ancestor provides them, so each element works inside the portal
 * and on its own. Re-renders when the language changes; on its own, its texts follow its `lang`
 * attribute or the page's.
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
  static override properties = portalProperties;

  /** The backend to use; wins over `api` and over the adapter from context. */
  declare adapter: PortalAdapter | undefined;
  /** Base URL of a Kundportal HTTP API (e.g. `/api`); an HttpAdapter is made for it. */
  declare api: string | undefined;

  readonly #portal = new PortalConnection<ApiAdapter>(
    this,
    (baseUrl) => this.httpAdapter(baseUrl),
    (adapter) => this.adapterChanged(adapter),
  );

  constructor() {
    super();
    this.adapter = undefined;
    this.api = undefined;
  }

  /** Portal config from an ancestor `<customer-portal>`, if any. */
  protected get contextConfig(): PortalConfig | undefined {
    return this.#portal.config;
  }

  /** Session from an ancestor `<customer-portal>`: `undefined` when none provides one. */
  protected get contextSession(): Session | null | undefined {
    return this.#portal.session;
  }

  /** The adapter for an `api` URL: an HttpAdapter, or a part of one for an element that reads. */
  protected abstract httpAdapter(baseUrl: string): ApiAdapter;

  /** The adapter in use, or `undefined` when none is set, given or provided. */
  get portalAdapter(): ApiAdapter | PortalAdapter | undefined {
    return this.#portal.adapter;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#portal.checkAdapter();
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
    return this.#portal.reportError(error);
  }
}
