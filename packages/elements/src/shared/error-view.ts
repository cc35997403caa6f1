import type { PortalError, PortalErrorCode } from '@kundportal/core';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { formatWait } from './format.js';

/** What to tell a customer for each error code, in the language shown. */
function messageFor(code: PortalErrorCode): string {
  switch (code) {
    case 'unauthenticated':
      return msg('Sign in to see this.', { id: 'error.unauthenticated' });
    case 'forbidden':
      return msg('You do not have access to this.', { id: 'error.forbidden' });
    case 'not_found':
      return msg('This ticket does not exist or is not yours.', { id: 'error.not-found' });
    case 'validation':
      return msg('Some fields need attention.', { id: 'error.validation' });
    case 'conflict':
      return msg('This changed in the meantime. Reload and try again.', { id: 'error.conflict' });
    case 'rate_limited':
      return msg('Too many attempts. Wait a moment and try again.', { id: 'error.rate-limited' });
    case 'unavailable':
      return msg('The portal is unavailable right now. Try again in a moment.', {
        id: 'error.unavailable',
      });
    case 'network':
      return msg('No connection. Check your network and try again.', { id: 'error.network' });
    case 'server':
      return msg('Something went wrong on our side. Try again in a moment.', {
        id: 'error.server',
      });
  }
}

/** Codes where trying the same thing again may work. */
const RETRYABLE = new Set<PortalErrorCode>(['network', 'unavailable', 'server', 'rate_limited']);

/**
 * A sentence for the customer. `overrides` replaces the wording for some codes; `true` there
 * means "use the adapter's own message" (e.g. "Email or password is wrong.").
 */
export function errorMessage(
  error: PortalError,
  overrides: Partial<Record<PortalErrorCode, string | true>> = {},
): string {
  const override = overrides[error.code];
  if (override === true) return error.message || messageFor(error.code);
  if (override !== undefined) return override;
  if (error.code === 'rate_limited' && error.retryAfter !== undefined) {
    const wait = formatWait(error.retryAfter);
    return msg(str`Too many attempts. Try again in ${wait}.`, { id: 'error.rate-limited-wait' });
  }
  return messageFor(error.code);
}

export function canRetry(error: PortalError): boolean {
  return RETRYABLE.has(error.code);
}

export interface ErrorViewOptions {
  /** Offered as a Retry button when retrying can help. */
  retry?: () => void;
  overrides?: Partial<Record<PortalErrorCode, string | true>>;
}

/** An error region (`part="error"`, role=alert) with a Retry button where it makes sense. */
export function renderError(error: PortalError, options: ErrorViewOptions = {}): TemplateResult {
  const { retry, overrides } = options;
  const retryLabel = msg('Retry', { id: 'retry' });
  return html`<div class="error" part="error" role="alert">
    <p>${errorMessage(error, overrides)}</p>
    ${
      retry && canRetry(error)
        ? html`<button type="button" part="retry" @click=${retry}>${retryLabel}</button>`
        : nothing
    }
  </div>`;
}

/** What an element says when it has no adapter to talk to. */
export function renderConnectHint(): TemplateResult {
  return html`<p class="muted">
    ${msg(html`Set the <code>api</code> attribute or an adapter to connect.`, {
      id: 'connect-hint',
    })}
  </p>`;
}
