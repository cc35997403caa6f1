import { PortalError, formatBytes } from '@kundportal/core';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import type { AppEnv } from '../app-context.js';
import { parseJson, readJsonBody } from '../request.js';
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
  try {
    form = await c.req.raw.formData();
  } catch {
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
  return { input: parseJson(json, schema), files: files.filter((file) => file instanceof File) };
}
