import { PortalError, type PortalErrorCode } from '@kundportal/core';
import { html, nothing, type TemplateResult } from 'lit';
import { formatWait } from './format.js';

/** What to tell a customer for each error code. */
const MESSAGES: Record<PortalErrorCode, string> = {
  unauthenticated: 'Sign in to see this.',
  forbidden: 'You do not have access to this.',
  not_found: 'This ticket does not exist or is not yours.',
  validation: 'Some fields need attention.',
  conflict: 'This changed in the meantime. Reload and try again.',
  rate_limited: 'Too many attempts. Wait a moment and try again.',
  unavailable: 'The portal is unavailable right now. Try again in a moment.',
  network: 'No connection. Check your network and try again.',
  server: 'Something went wrong on our side. Try again in a moment.',
};

/** Codes where trying the same thing again may work. */
const RETRYABLE = new Set<PortalErrorCode>(['network', 'unavailable', 'server', 'rate_limited']);

/** Any thrown value as a PortalError; anything unexpected counts as a server fault. */
export function toPortalError(error: unknown): PortalError {
  if (error instanceof PortalError) return error;
  return new PortalError('server', error instanceof Error ? error.message : String(error));
}

/**
 * A sentence for the customer. `overrides` replaces the wording for some codes; `true` there
 * means "use the adapter's own message" (e.g. "Email or password is wrong.").
 */
export function errorMessage(
  error: PortalError,
  overrides: Partial<Record<PortalErrorCode, string | true>> = {},
): string {
  const override = overrides[error.code];
  if (override === true) return error.message || MESSAGES[error.code];
  if (override !== undefined) return override;
  if (error.code === 'rate_limited' && error.retryAfter !== undefined) {
    return `Too many attempts. Try again in ${formatWait(error.retryAfter)}.`;
  }
  return MESSAGES[error.code];
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
  return html`<div class="error" part="error" role="alert">
    <p>${errorMessage(error, overrides)}</p>
    ${
      retry && canRetry(error)
        ? html`<button type="button" part="retry" @click=${retry}>Retry</button>`
        : nothing
    }
  </div>`;
}
