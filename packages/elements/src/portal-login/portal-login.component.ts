import {
  MIN_PASSWORD_LENGTH,
  type PortalError,
  consentParts,
  validatePassword,
  validateRegistration,
  type ConsentSettings,
  type FieldErrors,
  type PortalAdapter,
  type PortalConfig,
  type PortalErrorCode,
  type Session,
  type SsoProvider,
} from '@kundportal/core';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { canRetry, renderConnectHint, renderError } from '../shared/error-view.js';
import { PortalSignedInEvent } from '../shared/events.js';
import { PortalElement } from '../shared/portal-element.js';
import { getLocale } from '../shared/locale.js';
import { styles } from './portal-login.styles.js';

/** The screens of `<portal-login>`. Set `view` to open one directly. */
export type LoginView =
  | 'sign-in'
  | 'register'
  | 'check-email'
  | 'verify'
  | 'invitation'
  | 'forgot-password'
  | 'reset-link-sent'
  | 'reset-password'
  | 'sign-in-link'
  | 'sign-in-link-sent'
  | 'sign-in-with-link'
  | 'sso'
  | 'access-denied'
  | 'sso-error';

/** Views that redeem their `token` as soon as they open; the rest ask for input first. */
type RedeemingView = 'verify' | 'sign-in-with-link' | 'sso';

function isRedeemingView(view: LoginView): view is RedeemingView {
  return view === 'verify' || view === 'sign-in-with-link' || view === 'sso';
}

function redeemToken(adapter: PortalAdapter, view: RedeemingView, token: string): Promise<Session> {
  switch (view) {
    case 'verify':
      return adapter.verifyEmail(token);
    case 'sign-in-with-link':
      return adapter.signInWithLink(token);
    case 'sso':
      return adapter.exchangeSsoToken(token);
  }
}

/** The adapter's own words are the useful ones for these codes ("Email or password is wrong."). */
const ADAPTER_WORDING: Partial<Record<PortalErrorCode, true>> = {
  unauthenticated: true,
  forbidden: true,
  validation: true,
};

const passwordRule = () => msg(str`At least ${MIN_PASSWORD_LENGTH} characters.`);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function emailErrors(email: string): FieldErrors {
  if (!email) return { email: msg('Enter your email address.') };
  if (!EMAIL.test(email)) return { email: msg('Enter an email address like name@example.com.') };
  return {};
}

/** Only web addresses become SSO links, so a bad config cannot run script on click. */
function isWebUrl(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url, window.location.href).protocol);
  } catch {
    return false;
  }
}

function formText(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value : '';
}

interface FieldOptions {
  name: string;
  label: string;
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  hint?: string;
}

/**
 * @summary Everything between a visitor and the portal: sign in with a password, a link or
 * single sign-on; create an account (with consent to processing); confirm an email address;
 * set a password from an invitation; reset a forgotten password; and a calm page when access
 * is refused.
 *
 * Links in emails carry a token; open the matching view with it (`customer-portal` does this
 * for `#/verify/<token>`, `#/invitation/<token>`, `#/reset/<token>` and `#/sign-in/<token>`).
 * The views `verify`, `sign-in-with-link` and `sso` redeem their token as soon as they open.
 *
 * @event portal-signed-in - Someone signed in, by any route; `event.session` is the new session.
 * @event portal-error - A request failed; the view shows why.
 *
 * @csspart base - The wrapper around the current view.
 * @csspart heading - The view's heading (focused when the view changes).
 * @csspart form - The view's `<form>`.
 * @csspart field - One field's label, hint, control and error.
 * @csspart field-error - A field's error message.
 * @csspart consent - The consent text and checkbox on the registration form.
 * @csspart submit - The form's submit button.
 * @csspart sso - A "Sign in with …" link to a single sign-on provider.
 * @csspart choices - The links to other views below the sign-in form.
 * @csspart back - The "Back to sign in" button.
 * @csspart error - The message saying why the last request failed.
 * @csspart retry - The "Retry" button of an error that retrying can fix.
 *
 * @cssproperty --portal-login-max-width - Widest the form gets (default 24rem).
 * @cssproperty --portal-login-gap - Space between fields (default `--portal-space-m`).
 *
 * @attr api - Base URL of a Kundportal HTTP API, when no adapter is set or provided.
 * @attr heading - The sign-in view's heading (default "Sign in"; an empty value hides it).
 * @attr view - The view to show (default `sign-in`); changes as the visitor moves between views.
 */
export class PortalLogin extends PortalElement {
  static override styles = styles;

  static override properties = {
    heading: {},
    view: {},
    token: { attribute: false },
    config: { state: true },
    loadError: { state: true },
    pending: { state: true },
    error: { state: true },
    fieldErrors: { state: true },
    sentTo: { state: true },
    session: { state: true },
  };

  /** The sign-in view's heading. */
  declare heading: string | undefined;
  /** The view on screen. */
  declare view: LoginView;
  /**
   * The token from an emailed link (views `verify`, `invitation`, `reset-password`,
   * `sign-in-with-link`) or a signed SSO token (view `sso`). A property only, so it never
   * shows in the DOM.
   */
  declare token: string | undefined;
  declare protected config: PortalConfig | undefined;
  declare protected loadError: PortalError | undefined;
  declare protected pending: boolean;
  declare protected error: PortalError | undefined;
  declare protected fieldErrors: FieldErrors;
  /** The address the last email went to, for "check your email". */
  declare protected sentTo: string;
  declare protected session: Session | undefined;

  #loads = 0;
  /** The last token redeemed, so each is tried once however often the element renders. */
  #redeemedToken: string | undefined;
  /** The email address typed last, carried from one view's form to the next. */
  #email = '';

  constructor() {
    super();
    this.heading = undefined;
    this.view = 'sign-in';
    this.token = undefined;
    this.config = undefined;
    this.loadError = undefined;
    this.pending = false;
    this.error = undefined;
    this.fieldErrors = {};
    this.sentTo = '';
    this.session = undefined;
  }

  protected override adapterChanged(adapter: PortalAdapter | undefined): void {
    this.error = undefined;
    this.session = undefined;
    this.config = undefined;
    this.loadError = undefined;
    if (adapter) void this.#loadConfig(adapter);
  }

  async #loadConfig(adapter: PortalAdapter): Promise<void> {
    const load = ++this.#loads;
    this.loadError = undefined;
    try {
      const config = await this.loadConfig(adapter);
      if (load === this.#loads) this.config = config;
    } catch (error) {
      if (load === this.#loads) this.loadError = this.reportError(error);
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('view')) {
      this.error = undefined;
      this.fieldErrors = {};
    }
    const token = this.token;
    const ready = Boolean(this.portalAdapter) && !this.pending;
    if (ready && isRedeemingView(this.view) && token && token !== this.#redeemedToken) {
      this.#redeemedToken = token;
      void this.#redeem(this.view, token);
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Not on first render: opening the page should not move focus.
    if (changed.has('view') && changed.get('view') !== undefined) {
      this.renderRoot.querySelector<HTMLElement>('h2, input')?.focus();
    }
  }

  #open(view: LoginView): void {
    this.view = view;
  }

  #signedIn(session: Session): void {
    this.session = session;
    this.dispatchEvent(new PortalSignedInEvent(session));
  }

  /**
   * Runs one request with the form disabled and shows what went wrong. Where `refusalIsDenial`,
   * a `forbidden` answer means this person may not use the portal: the access-denied view.
   */
  async #attempt<T>(
    request: (adapter: PortalAdapter) => Promise<T>,
    succeed: (result: T) => void,
    { refusalIsDenial = false } = {},
  ): Promise<void> {
    const adapter = this.portalAdapter;
    if (!adapter || this.pending) return;
    this.pending = true;
    this.error = undefined;
    try {
      succeed(await request(adapter));
    } catch (error) {
      const portalError = this.reportError(error);
      if (refusalIsDenial && portalError.code === 'forbidden') this.view = 'access-denied';
      else {
        this.error = portalError;
        this.fieldErrors = portalError.code === 'validation' ? portalError.fields : {};
      }
    } finally {
      this.pending = false;
    }
    await this.#focusFirstInvalidField();
  }

  #redeem(view: RedeemingView, token: string): Promise<void> {
    return this.#attempt(
      (adapter) => redeemToken(adapter, view, token),
      (session) => this.#signedIn(session),
      { refusalIsDenial: true },
    );
  }

  /** Shows client-side field errors instead of sending; `true` when there were any. */
  #refuse(errors: FieldErrors): boolean {
    if (!Object.keys(errors).length) return false;
    this.error = undefined;
    this.fieldErrors = errors;
    void this.#focusFirstInvalidField();
    return true;
  }

  async #focusFirstInvalidField(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  #fieldEdited(event: Event): void {
    const control = event.target as HTMLInputElement;
    if (control.name === 'email') this.#email = control.value;
    if (this.fieldErrors[control.name]) {
      const rest = { ...this.fieldErrors };
      delete rest[control.name];
      this.fieldErrors = rest;
    }
  }

  async #signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const email = formText(form, 'email').trim();
    const password = formText(form, 'password');
    const errors: FieldErrors = {
      ...emailErrors(email),
      ...(password ? {} : { password: msg('Enter your password.') }),
    };
    if (this.#refuse(errors)) return;
    await this.#attempt(
      (adapter) => adapter.signIn({ email, password }),
      (session) => this.#signedIn(session),
    );
    if (this.error?.code === 'unauthenticated') {
      this.renderRoot.querySelector<HTMLInputElement>('#password')?.select();
    }
  }

  #register(event: SubmitEvent, config: PortalConfig): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = {
      name: formText(form, 'name').trim(),
      email: formText(form, 'email').trim(),
      password: formText(form, 'password'),
      consent: new FormData(form).has('consent'),
    };
    if (this.#refuse(validateRegistration(input, config, getLocale()))) return;
    void this.#attempt(
      (adapter) => adapter.register(input),
      () => this.#emailSent(input.email, 'check-email'),
    );
  }

  #requestPasswordReset(event: SubmitEvent): void {
    this.#requestEmail(
      event,
      (adapter, email) => adapter.requestPasswordReset(email),
      'reset-link-sent',
    );
  }

  #requestSignInLink(event: SubmitEvent): void {
    this.#requestEmail(
      event,
      (adapter, email) => adapter.requestSignInLink(email),
      'sign-in-link-sent',
    );
  }

  #requestEmail(
    event: SubmitEvent,
    send: (adapter: PortalAdapter, email: string) => Promise<void>,
    sentView: LoginView,
  ): void {
    event.preventDefault();
    const email = formText(event.currentTarget as HTMLFormElement, 'email').trim();
    if (this.#refuse(emailErrors(email))) return;
    // Links go only to people the portal admits: a refusal here is the access-denied page.
    void this.#attempt(
      (adapter) => send(adapter, email),
      () => this.#emailSent(email, sentView),
      { refusalIsDenial: true },
    );
  }

  #emailSent(email: string, view: LoginView): void {
    this.sentTo = email;
    this.view = view;
  }

  /** Sets the password an invitation or reset link asks for, then signs in. */
  #setPassword(event: SubmitEvent, token: string): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const password = formText(form, 'password');
    const mismatch = password !== formText(form, 'confirm');
    const errors = {
      ...validatePassword(password, getLocale()),
      ...(mismatch ? { confirm: msg('The two passwords are not the same.') } : {}),
    };
    if (this.#refuse(errors)) return;
    const input = { token, password };
    void this.#attempt(
      (adapter) =>
        this.view === 'invitation' ? adapter.acceptInvitation(input) : adapter.resetPassword(input),
      (session) => this.#signedIn(session),
      { refusalIsDenial: true },
    );
  }

  protected override render() {
    return html`<div part="base" class="base" aria-busy=${this.pending ? 'true' : 'false'}>
      ${this.#renderView()}
    </div>`;
  }

  #renderView(): TemplateResult {
    if (this.session) {
      const name = this.session.contact.name;
      return html`<p role="status">${msg(str`Signed in as ${name}.`)}</p>`;
    }
    const adapter = this.portalAdapter;
    if (!adapter) {
      return renderConnectHint();
    }
    if (this.loadError) {
      return renderError(this.loadError, { retry: () => void this.#loadConfig(adapter) });
    }
    const config = this.contextConfig ?? this.config;
    if (!config) return html`<p class="muted">${msg('Loading…', { id: 'loading' })}</p>`;
    switch (this.view) {
      case 'register':
        return this.#renderRegister(config);
      case 'check-email':
        return this.#renderCheckEmail();
      case 'verify':
        return this.#renderRedeeming(msg('Confirming your email address'), 'verify', () =>
          this.#renderDeadLink(msg('Confirming your email address'), 'forgot-password'),
        );
      case 'invitation':
        return this.#renderSetPassword(
          msg('Set your password'),
          msg('Choose a password to finish setting up your account.'),
          msg('Set password and sign in'),
        );
      case 'forgot-password':
        return this.#renderForgotPassword();
      case 'reset-link-sent':
        return this.#renderResetLinkSent();
      case 'reset-password':
        return this.#renderSetPassword(
          msg('Choose a new password'),
          msg('Choose a new password for your account. Other devices will be signed out.'),
          msg('Save password and sign in'),
        );
      case 'sign-in-link':
        return this.#renderSignInLinkRequest();
      case 'sign-in-link-sent':
        return this.#renderSignInLinkSent();
      case 'sign-in-with-link':
        return this.#renderRedeeming(
          msg('Signing you in', { id: 'signing-in' }),
          'sign-in-with-link',
          () =>
            this.#renderDeadLink(
              msg('Signing you in', { id: 'signing-in' }),
              config.auth.signInLink ? 'sign-in-link' : undefined,
            ),
        );
      case 'sso':
        return this.#renderRedeeming(msg('Signing you in', { id: 'signing-in' }), 'sso', () =>
          this.#renderSsoError(),
        );
      case 'access-denied':
        return this.#renderAccessDenied();
      case 'sso-error':
        return this.#renderSsoError();
      case 'sign-in':
      default:
        return this.#renderSignIn(config);
    }
  }

  #renderHeading(text: string) {
    return html`<h2 part="heading" tabindex="-1">${text}</h2>`;
  }

  #renderSignIn({ title, auth }: PortalConfig) {
    const heading = this.heading ?? msg('Sign in', { id: 'sign-in' });
    return html`${heading ? this.#renderHeading(heading) : nothing}
      <p class="muted">${msg(str`Use your ${title} account.`)}</p>
      ${auth.password ? this.#renderPasswordForm() : nothing} ${this.#renderSsoProviders(auth.sso)}
      <ul part="choices" class="choices">
        ${auth.password ? this.#renderChoice(msg('Forgot password?'), 'forgot-password') : nothing}
        ${auth.signInLink ? this.#renderChoice(msg('Email me a sign-in link'), 'sign-in-link') : nothing}
        ${auth.registration ? this.#renderChoice(msg('Create an account', { id: 'create-account' }), 'register') : nothing}
      </ul>`;
  }

  #renderPasswordForm() {
    return html`<form part="form" novalidate @submit=${this.#signIn} @input=${this.#fieldEdited}>
      <fieldset ?disabled=${this.pending}>
        <legend class="visually-hidden">${msg('Your account', { id: 'your-account' })}</legend>
        ${this.#renderField({ name: 'email', label: msg('Email', { id: 'field.email' }), type: 'email', autocomplete: 'username' })}
        ${this.#renderField({
          name: 'password',
          label: msg('Password', { id: 'field.password' }),
          type: 'password',
          autocomplete: 'current-password',
        })}
        <button part="submit" type="submit">
          ${this.pending ? msg('Signing in…') : msg('Sign in', { id: 'sign-in' })}
        </button>
      </fieldset>
      ${this.#renderFormError()}
      ${
        this.error?.code === 'forbidden'
          ? html`<p>
              ${msg('No email from us?')}
              <button type="button" class="link" @click=${() => this.#open('forgot-password')}>
                ${msg('Send me a new link')}
              </button>
            </p>`
          : nothing
      }
    </form>`;
  }

  /** OIDC and SAML providers: links that take the whole window to the identity provider. */
  #renderSsoProviders(providers: SsoProvider[]) {
    const links = providers.flatMap(({ label, startUrl }) =>
      startUrl && isWebUrl(startUrl)
        ? [
            html`<li>
              <a part="sso" class="button-link" href=${startUrl} target="_top">${label}</a>
            </li>`,
          ]
        : [],
    );
    return links.length
      ? html`<ul class="sso">
          ${links}
        </ul>`
      : nothing;
  }

  #renderChoice(label: string, view: LoginView) {
    return html`<li>
      <button type="button" class="link" @click=${() => this.#open(view)}>${label}</button>
    </li>`;
  }

  #renderBackToSignIn() {
    return html`<p>
      <button type="button" part="back" class="link" @click=${() => this.#open('sign-in')}>
        ${msg('Back to sign in')}
      </button>
    </p>`;
  }

  #renderRegister(config: PortalConfig) {
    return html`${this.#renderHeading(msg('Create an account', { id: 'create-account' }))}
      <form
        part="form"
        novalidate
        @submit=${(event: SubmitEvent) => this.#register(event, config)}
        @input=${this.#fieldEdited}
      >
        <fieldset ?disabled=${this.pending}>
          <legend class="visually-hidden">${msg('Your details')}</legend>
          ${this.#renderField({ name: 'name', label: msg('Name'), type: 'text', autocomplete: 'name' })}
          ${this.#renderField({ name: 'email', label: msg('Email', { id: 'field.email' }), type: 'email', autocomplete: 'email' })}
          ${this.#renderField({
            name: 'password',
            label: msg('Password', { id: 'field.password' }),
            type: 'password',
            autocomplete: 'new-password',
            hint: passwordRule(),
          })}
          ${config.consent ? this.#renderConsent(config.consent) : nothing}
          <button part="submit" type="submit">${msg('Create account')}</button>
        </fieldset>
        ${this.#renderFormError()}
      </form>
      ${this.#renderBackToSignIn()}`;
  }

  /** The consent text (its `[label](https://…)` links as links, the rest as text) and checkbox. */
  #renderConsent({ text, checkboxLabel }: ConsentSettings) {
    const error = this.fieldErrors.consent;
    return html`<div part="consent" class="consent">
      <p id="consent-text">
        ${consentParts(text).map((part) =>
          'href' in part
            ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer"
                >${part.text}<span class="visually-hidden"> ${msg('(opens in a new tab)')}</span></a
              >`
            : part.text,
        )}
      </p>
      <div class="checkbox">
        <input
          id="consent"
          name="consent"
          type="checkbox"
          required
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'consent-text consent-error' : 'consent-text'}
        />
        <label for="consent">${checkboxLabel}</label>
      </div>
      ${this.#renderFieldError('consent')}
    </div>`;
  }

  #renderCheckEmail() {
    const newLink = html`<button
      type="button"
      class="link"
      @click=${() => this.#open('forgot-password')}
    >
      ${msg('send me a new link')}
    </button>`;
    return html`${this.#renderHeading(msg('Check your email', { id: 'check-email' }))}
      <p>
        ${msg(
          html`We sent a link to <strong>${this.sentTo}</strong>. Follow it to confirm your address
            and sign in.`,
          { id: 'check-email.sent' },
        )}
      </p>
      <p class="muted">
        ${msg(html`No email after a few minutes? Look in your spam folder, or ${newLink}.`, {
          id: 'check-email.no-email',
        })}
      </p>
      ${this.#renderBackToSignIn()}`;
  }

  /**
   * A view that redeems its token on opening: progress, a retryable failure, or `renderDead`
   * when the token cannot work (missing, expired, used or refused as invalid).
   */
  #renderRedeeming(heading: string, view: RedeemingView, renderDead: () => TemplateResult) {
    const { token, error } = this;
    if (!token || (error && !canRetry(error))) return renderDead();
    const state = error
      ? renderError(error, {
          overrides: ADAPTER_WORDING,
          retry: () => void this.#redeem(view, token),
        })
      : html`<p role="status">${msg('One moment…')}</p>`;
    return html`${this.#renderHeading(heading)} ${state}`;
  }

  /** An emailed link that cannot be used any more, and where to get a new one. */
  #renderDeadLink(heading: string, askAgain: LoginView | undefined) {
    return html`${this.#renderHeading(heading)}
      <div class="error" part="error" role="alert">
        <p>${msg('This link has expired or has been used already.')}</p>
      </div>
      ${
        askAgain
          ? html`<p>
              <button type="button" class="link" @click=${() => this.#open(askAgain)}>
                ${msg('Ask for a new link')}
              </button>
            </p>`
          : nothing
      }
      ${this.#renderBackToSignIn()}`;
  }

  #renderSetPassword(heading: string, intro: string, submitLabel: string) {
    const token = this.token;
    if (!token || this.error?.code === 'not_found') {
      return this.#renderDeadLink(heading, 'forgot-password');
    }
    return html`${this.#renderHeading(heading)}
      <p>${intro}</p>
      <form
        part="form"
        novalidate
        @submit=${(event: SubmitEvent) => this.#setPassword(event, token)}
        @input=${this.#fieldEdited}
      >
        <fieldset ?disabled=${this.pending}>
          <legend class="visually-hidden">${msg('Your new password')}</legend>
          ${this.#renderField({
            name: 'password',
            label: msg('New password'),
            type: 'password',
            autocomplete: 'new-password',
            hint: passwordRule(),
          })}
          ${this.#renderField({
            name: 'confirm',
            label: msg('Repeat the new password'),
            type: 'password',
            autocomplete: 'new-password',
          })}
          <button part="submit" type="submit">${submitLabel}</button>
        </fieldset>
        ${this.#renderFormError()}
      </form>`;
  }

  #renderForgotPassword() {
    return html`${this.#renderHeading(msg('Reset your password'))}
      <p>
        ${msg(
          'Enter the email address of your account and we will send you a link to choose a new password. Following it also confirms your address.',
        )}
      </p>
      ${this.#renderEmailForm(msg('Send reset link'), this.#requestPasswordReset)}
      ${this.#renderBackToSignIn()}`;
  }

  #renderResetLinkSent() {
    return html`${this.#renderHeading(msg('Check your email', { id: 'check-email' }))}
      <p>
        ${msg(
          html`If <strong>${this.sentTo}</strong> has an account, we sent a link to it to choose a
            new password.`,
          { id: 'reset-link-sent.body' },
        )}
      </p>
      ${this.#renderBackToSignIn()}`;
  }

  #renderSignInLinkRequest() {
    return html`${this.#renderHeading(msg('Sign in with a link'))}
      <p>${msg('Enter your email address and we will send you a link that signs you in.')}</p>
      ${this.#renderEmailForm(msg('Email me a link'), this.#requestSignInLink)}
      ${this.#renderBackToSignIn()}`;
  }

  #renderSignInLinkSent() {
    return html`${this.#renderHeading(msg('Check your email', { id: 'check-email' }))}
      <p>
        ${msg(
          html`If <strong>${this.sentTo}</strong> may sign in here, we sent a link to it. Follow the
            link to sign in; it works once.`,
          { id: 'sign-in-link-sent.body' },
        )}
      </p>
      ${this.#renderBackToSignIn()}`;
  }

  #renderAccessDenied() {
    return html`${this.#renderHeading(msg('You don’t have access to this portal'))}
      <p>${msg('Your account is not allowed to use this support portal.')}</p>
      <p>
        ${msg(
          'If you think it should be, ask the person or company that sent you here to give you access, or sign in with another account.',
        )}
      </p>
      ${this.#renderBackToSignIn()}`;
  }

  #renderSsoError() {
    return html`${this.#renderHeading(msg('Single sign-on did not work'))}
      <p>
        ${msg(
          'We could not sign you in through your organisation’s sign-in page. Try again, or sign in another way.',
        )}
      </p>
      ${this.#renderBackToSignIn()}`;
  }

  #renderEmailForm(submitLabel: string, submit: (event: SubmitEvent) => void) {
    return html`<form part="form" novalidate @submit=${submit} @input=${this.#fieldEdited}>
      <fieldset ?disabled=${this.pending}>
        <legend class="visually-hidden">${msg('Your account', { id: 'your-account' })}</legend>
        ${this.#renderField({ name: 'email', label: msg('Email', { id: 'field.email' }), type: 'email', autocomplete: 'email' })}
        <button part="submit" type="submit">${submitLabel}</button>
      </fieldset>
      ${this.#renderFormError()}
    </form>`;
  }

  /** A labelled input with its hint and error, tied to it for assistive technology. */
  #renderField({ name, label, type, autocomplete, hint }: FieldOptions) {
    const error = this.fieldErrors[name];
    const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : '']
      .filter(Boolean)
      .join(' ');
    return html`<div part="field" class="field">
      <label for=${name}>${label}</label>
      ${hint ? html`<p class="muted hint" id="${name}-hint">${hint}</p>` : nothing}
      <input
        id=${name}
        name=${name}
        type=${type}
        autocomplete=${autocomplete}
        required
        .value=${type === 'email' ? this.#email : ''}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
      />
      ${this.#renderFieldError(name)}
    </div>`;
  }

  #renderFieldError(name: string) {
    const error = this.fieldErrors[name];
    if (!error) return nothing;
    return html`<p part="field-error" class="field-error" id="${name}-error" role="alert">
      ${error}
    </p>`;
  }

  #renderFormError() {
    return this.error ? renderError(this.error, { overrides: ADAPTER_WORDING }) : nothing;
  }
}
