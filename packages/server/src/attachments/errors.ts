import { PortalError, type FieldErrors } from '@kundportal/core';

/** An upload over a size limit: a `validation` error answered with 413 rather than 422. */
export class PayloadTooLargeError extends PortalError {
  readonly status = 413;

  constructor(message: string, fields: FieldErrors = {}) {
    super('validation', message, fields);
  }
}

/** A multipart body that cannot be read as form data: a `validation` error answered with 400. */
export class MalformedFormError extends PortalError {
  readonly status = 400;

  constructor() {
    super('validation', 'The request body is not valid multipart form data.');
  }
}
