import type { PortalAdapter, PortalConfig, PortalError, Session } from '@kundportal/core';
import { html, nothing } from 'lit';
import { renderError } from '../shared/error-view.js';
import { PortalSignedInEvent } from '../shared/events.js';
import { PortalElement } from '../shared/portal-element.js';
import { styles } from './portal-login.styles.js';

/**
 * @summary Sign-in form: email and password.
 *
 * @event portal-signed-in - The adapter accepted the credentials; `event.session` is the new session.
 * @event portal-error - Signing in failed; the form shows why.
 *
 * @csspart base - The wrapper around the heading and form.
 * @csspart form - The `<form>`.
 * @csspart submit - The "Sign in" button.
 * @csspart error - The message saying why sign-in failed.
 *
 * @cssproperty --portal-login-max-width - Widest the form gets (default 24rem).
 * @cssproperty --portal-login-gap - Space between fields (default `--portal-space-m`).
 *
 * @attr api - Base URL of a Kundportal HTTP API, when no adapter is set or provided.
 * @attr heading - The heading above the form (default "Sign in"; an empty value hides it).
 */
export class PortalLogin extends PortalElement {
  static override styles = styles;

  static override properties = {
    heading: {},
    pending: { state: true },
    error: { state: true },
    session: { state: true },
    portalTitle: { state: true },
  };

  /** Heading above the form. */
  declare heading: string;
  declare protected pending: boolean;
  declare protected error: PortalError | undefined;
  declare protected session: Session | undefined;
  declare protected portalTitle: string | undefined;

  constructor() {
    super();
    this.heading = 'Sign in';
    this.pending = false;
    this.error = undefined;
    this.session = undefined;
    this.portalTitle = undefined;
  }

  protected override adapterChanged(adapter: PortalAdapter | undefined): void {
    this.error = undefined;
    this.session = undefined;
    this.portalTitle = this.contextConfig?.title;
    if (adapter && !this.contextConfig) void this.#loadTitle(adapter);
  }

  async #loadTitle(adapter: PortalAdapter): Promise<void> {
    let config: PortalConfig;
    try {
      config = await adapter.getPortal();
    } catch {
      return; // The title is a nicety; sign-in itself reports any real problem.
    }
    if (adapter === this.portalAdapter) this.portalTitle = config.title;
  }

  protected override render() {
    if (this.session) {
      return html`<div part="base" role="status">Signed in as ${this.session.contact.name}.</div>`;
    }
    const title = this.portalTitle ?? this.contextConfig?.title;
    return html`<div part="base">
      ${this.heading ? html`<h2>${this.heading}</h2>` : nothing}
      ${title ? html`<p class="muted">Use your ${title} account.</p>` : nothing}
      <form part="form" @submit=${this.#submit} aria-busy=${this.pending ? 'true' : 'false'}>
        <fieldset ?disabled=${this.pending}>
          <legend class="visually-hidden">Your account</legend>
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required />
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
          <button part="submit" type="submit">${this.pending ? 'Signing in…' : 'Sign in'}</button>
        </fieldset>
        ${
          this.error
            ? renderError(this.error, { overrides: { unauthenticated: true, validation: true } })
            : nothing
        }
      </form>
    </div>`;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const adapter = this.portalAdapter;
    if (!adapter || this.pending) return;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    this.pending = true;
    this.error = undefined;
    try {
      const session = await adapter.signIn({ email, password });
      this.session = session;
      this.dispatchEvent(new PortalSignedInEvent(session));
    } catch (error) {
      this.error = this.reportError(error);
    }
    this.pending = false;
    if (this.error) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#password')?.select();
    }
  }
}
