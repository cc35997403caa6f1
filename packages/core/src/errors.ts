/** Stable error codes every adapter uses, so every element can say something useful. */
export type PortalErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'validation'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'network'
  | 'server';

export const HTTP_STATUS: Record<PortalErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  validation: 422,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  network: 0,
  server: 500,
};

/** Field name to a message saying what to fix. */
export type FieldErrors = Record<string, string>;

/** The body of every error response from the HTTP API. */
export interface ErrorBody {
  error: { code: PortalErrorCode; message: string; fields?: FieldErrors; retryAfter?: number };
}

export class PortalError extends Error {
  override readonly name = 'PortalError';

  constructor(
    readonly code: PortalErrorCode,
    message: string,
    readonly fields: FieldErrors = {},
    /** Seconds to wait before trying again (rate_limited). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(Object.keys(this.fields).length ? { fields: this.fields } : {}),
        ...(this.retryAfter === undefined ? {} : { retryAfter: this.retryAfter }),
      },
    };
  }

  static is(value: unknown, code?: PortalErrorCode): value is PortalError {
    return value instanceof PortalError && (code === undefined || value.code === code);
  }
}

const CODES = new Set(Object.keys(HTTP_STATUS));

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    CODES.has((error as { code?: string }).code ?? '') &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
