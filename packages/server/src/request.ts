import { PortalError, type FieldErrors } from '@kundportal/core';
import type { Context } from 'hono';
import { z } from 'zod';

/** The body is not JSON at all: a `validation` error, answered with 400 rather than 422. */
export class MalformedJsonError extends PortalError {
  readonly status = 400;

  constructor() {
    super('validation', 'The request body is not valid JSON.');
  }
}

const idempotencyKey = z.string().min(1).max(200);

/** `POST /api/session`: the lengths cap the work scrypt does for one request. */
export const credentialsSchema = z.strictObject({
  email: z.string().max(320),
  password: z.string().max(1024),
});

/** `POST /api/auth/register`; `validateRegistration` checks the values themselves. */
export const registrationSchema = z.strictObject({
  email: z.string().max(320),
  name: z.string().max(1000),
  password: z.string().max(1024),
  consent: z.boolean(),
});

/** `POST /api/auth/password-reset` and `auth/sign-in-link`: the address to mail a link to. */
export const emailSchema = z.strictObject({ email: z.string().trim().min(1).max(320) });

/** `POST /api/auth/verify` and `auth/sign-in-link/redeem`: the token from the link. */
export const linkTokenSchema = z.strictObject({ token: z.string().min(1).max(200) });

/** `POST /api/auth/invitation` and `auth/password`; `validatePassword` checks the password. */
export const setPasswordSchema = z.strictObject({
  token: z.string().min(1).max(200),
  password: z.string().max(1024),
});

/** `POST /api/tickets/:id/messages`; `validateReply` checks the text itself. */
export const replySchema = z.strictObject({ text: z.string(), idempotencyKey });

/** `POST /api/tickets`; `validateNewTicket` checks the values against the support form. */
export const newTicketSchema = z.strictObject({
  subject: z.string(),
  description: z.string(),
  properties: z.record(z.string(), z.string()).optional(),
  idempotencyKey,
});

/** `GET /api/tickets` query; `normalizeTicketQuery` fills in the defaults. */
export const ticketQuerySchema = z.object({
  scope: z.enum(['mine', 'company']).optional(),
  status: z.enum(['open', 'closed', 'all']).optional(),
  q: z.string().max(200).optional(),
  sort: z
    .enum([
      'id',
      '-id',
      'subject',
      '-subject',
      'createdAt',
      '-createdAt',
      'lastActivityAt',
      '-lastActivityAt',
      'status',
      '-status',
    ])
    .optional(),
  // Long enough for a cursor that holds a subject.
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().optional(),
});

/** The JSON body checked against `schema`: 400 when it is not JSON, 422 when it does not fit. */
export async function readJsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  return parseJson(await c.req.text(), schema);
}

/** JSON text (a body, or a multipart `data` part) checked against `schema`, as `readJsonBody`. */
export function parseJson<T>(text: string, schema: z.ZodType<T>): T {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new MalformedJsonError();
  }
  return check(schema, body);
}

/** The query string checked against `schema`; empty parameters count as absent. */
export function readQuery<T>(c: Context, schema: z.ZodType<T>): T {
  const present = Object.entries(c.req.query()).filter(([, value]) => value !== '');
  return check(schema, Object.fromEntries(present));
}

function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new PortalError(
    'validation',
    'The request has fields that are missing, of the wrong type or not accepted.',
    fieldErrors(result.error),
  );
}

function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        fields[[...issue.path, key].join('.')] = 'This field is not accepted.';
    } else {
      fields[issue.path.join('.') || 'body'] ??= issue.message;
    }
  }
  return fields;
}
