import { PortalError, type FieldErrors } from '@kundportal/core';
import type { Context } from 'hono';
import { z } from 'zod';
import { t } from './i18n.js';

/** The body is not JSON at all: a `validation` error, answered with 400 rather than 422. */
export class MalformedJsonError extends PortalError {
  readonly status = 400;

  constructor() {
    super('validation', t('malformedJson'));
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
export const ticketQuerySchema = z.strictObject({
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

// JSON must be UTF-8 (RFC 8259): bytes that are not are refused rather than silently replaced.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The JSON body checked against `schema`: 400 when it is not JSON, 422 when it does not fit. */
export async function readJsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  let text: string;
  try {
    text = strictUtf8.decode(await c.req.arrayBuffer());
  } catch (error) {
    if (error instanceof PortalError) throw error;
    throw new MalformedJsonError();
  }
  return parseJson(text, schema);
}

/** How deep objects and arrays may nest in a request: far more than any route's schema needs. */
const MAX_DEPTH = 32;

// C0 controls but tab, line feed and carriage return, and DEL: PostgreSQL cannot store NUL, and
// none of them belongs in a name, a subject or a message.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// Half of a UTF-16 pair (from a `\ud800` escape): no UTF-8 text can hold it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether the text can be stored and shown: no control characters (but tab and line breaks),
 * no half surrogate pairs. For text that arrives outside a JSON body, such as path parameters.
 */
export function isStorableText(text: string): boolean {
  return !CONTROL_CHARACTERS.test(text) && !LONE_SURROGATE.test(text);
}

/**
 * Field errors for strings (values and keys) with control characters or lone surrogates, and
 * for nesting deeper than `MAX_DEPTH`; walked without recursion, so no input can overflow it.
 */
function unsafeFields(value: unknown): FieldErrors {
  const fields = noPrototype();
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  const badText = (text: string) => !isStorableText(text);
  while (stack.length) {
    const { value: item, path } = stack.pop() as { value: unknown; path: string[] };
    const name = path.join('.') || 'body';
    if (typeof item === 'string') {
      if (badText(item)) fields[name] = 'Contains characters that are not allowed in text.';
    } else if (item !== null && typeof item === 'object') {
      if (path.length >= MAX_DEPTH) {
        fields[name] = 'Nested too deeply.';
        continue;
      }
      for (const [key, child] of Object.entries(item)) {
        if (badText(key)) fields[name] = 'Has a field name with characters that are not allowed.';
        else stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return fields;
}

function assertSafeStrings(value: unknown): void {
  const fields = unsafeFields(value);
  if (Object.keys(fields).length) {
    throw new PortalError('validation', t('requestNotAccepted'), fields);
  }
}

/** JSON text (a body, or a multipart `data` part) checked against `schema`, as `readJsonBody`. */
export function parseJson<T>(text: string, schema: z.ZodType<T>): T {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new MalformedJsonError();
  }
  assertSafeStrings(body);
  return check(schema, body);
}

/** The query string checked against `schema`; empty parameters count as absent. */
export function readQuery<T>(c: Context, schema: z.ZodType<T>): T {
  const present = Object.entries(c.req.query()).filter(([, value]) => value !== '');
  const query = Object.fromEntries(present);
  assertSafeStrings(query);
  return check(schema, query);
}

function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new PortalError('validation', t('requestNotAccepted'), fieldErrors(result.error));
}

/**
 * Field errors keyed by whatever names the client sent: without a prototype, so a field named
 * `__proto__` is named in the answer like any other instead of vanishing into a setter.
 */
function noPrototype(): FieldErrors {
  return Object.create(null) as FieldErrors;
}

function fieldErrors(error: z.ZodError): FieldErrors {
  const fields = noPrototype();
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] = t('fieldNotAccepted');
    } else {
      fields[issue.path.join('.') || 'body'] ??= issue.message;
    }
  }
  return fields;
}
