import { PortalError, formatBytes } from '@kundportal/core';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import type { AppEnv } from '../app-context.js';
import { MalformedJsonError, parseJson, readJsonBody } from '../request.js';
import { MalformedFormError, PayloadTooLargeError } from './errors.js';

/** Room for the `data` part and the multipart framing, beyond the files themselves. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;

/**
 * Cuts off a request body larger than a message's files may be (plus room for the text), with
 * a 413 before it is read: from `Content-Length` when sent, else as the bytes arrive.
 */
export const uploadBodyLimit: MiddlewareHandler<AppEnv> = (c, next) => {
  const { maxMessageBytes } = c.var.settings.attachments;
  return bodyLimit({
    maxSize: maxMessageBytes + FORM_OVERHEAD_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(
        `The request is too large: files may take up to ${formatBytes(maxMessageBytes)} in all.`,
      );
    },
  })(c, next);
};

/**
 * A body that is either JSON, or multipart form data with the same JSON in a `data` part and
 * one `files` part per attachment. Either way the JSON is checked against `schema`.
 */
export async function readBodyWithFiles<T>(
  c: Context,
  schema: z.ZodType<T>,
): Promise<{ input: T; files: File[] }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\b/i.test(type)) {
    return { input: await readJsonBody(c, schema), files: [] };
  }
  let form: FormData;
  let bytes: Buffer;
  try {
    const body = await c.req.arrayBuffer();
    bytes = Buffer.from(body);
    form = await new Response(body, { headers: { 'content-type': type } }).formData();
  } catch (error) {
    if (error instanceof PortalError) throw error;
    throw new MalformedFormError();
  }
  const fields: Record<string, string> = {};
  for (const name of new Set(form.keys())) {
    if (name !== 'data' && name !== 'files') fields[name] = 'This part is not accepted.';
  }
  const data = form.getAll('data');
  const [json] = data;
  if (data.length !== 1 || typeof json !== 'string') {
    fields.data = 'Send the fields as JSON in exactly one part named "data".';
  }
  const files = form.getAll('files');
  if (files.some((file) => typeof file === 'string')) {
    fields.files = 'Each "files" part must be a file.';
  }
  if (Object.keys(fields).length || typeof json !== 'string') {
    throw new PortalError(
      'validation',
      'The form has parts that are missing or not accepted.',
      fields,
    );
  }
  if (!sentAsUtf8(json, bytes)) throw new MalformedJsonError();
  return { input: parseJson(json, schema), files: files.filter((file) => file instanceof File) };
}

/**
 * Whether a text part arrived as valid UTF-8. The form parser replaces invalid bytes with
 * U+FFFD silently; a replacement character in the text is real only when its UTF-8 encoding
 * is in the body as sent.
 */
function sentAsUtf8(text: string, body: Buffer): boolean {
  return !text.includes('\uFFFD') || body.includes(Buffer.from(text, 'utf8'));
}
