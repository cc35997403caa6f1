import { supportedMimeTypes } from 'file-type';
import { z } from 'zod';

// Decimal megabytes, as file managers and the limits people are told ("10 MB") count them.
const MB = 1_000_000;

/** Types without a magic number: accepted only when declared so and the bytes are UTF-8 text. */
export const TEXT_TYPES: ReadonlySet<string> = new Set(['text/plain', 'text/csv']);

/** What a portal takes unless its owner says otherwise (defined once, in core). */
export { DEFAULT_ATTACHMENT_LIMITS } from '@kundportal/core';

/** At most this many files go with one message, whatever their size. */
export const MAX_FILES_PER_MESSAGE = 20;

/**
 * Whether a browser would render or run a file of this type (HTML, SVG, any XML, scripts):
 * such files never pass the allow-list and are never served under their own type.
 */
export function rendersAsDocument(type: string): boolean {
  return /^text\/html$|\/xml$|\+xml$|javascript|ecmascript|^text\/xsl$/i.test(type);
}

const detectable = new Set<string>(supportedMimeTypes);

const allowedType = z
  .string()
  .regex(/^[\w.+-]+\/[\w.+-]+$/, 'Enter a MIME type like image/png.')
  .refine((type) => !rendersAsDocument(type), 'Browsers render this type as a page: not allowed.')
  .refine(
    // The server decides on the bytes; a type it cannot recognize would let no file through.
    (type) => TEXT_TYPES.has(type) || detectable.has(type),
    'The server cannot recognize this type from the bytes.',
  );

/** The `attachments` portal setting: sizes in bytes and the allowed MIME types. */
export const attachmentLimitsSchema = z
  .strictObject({
    maxFileBytes: z.number().int().min(1),
    // Uploads are held in memory while they are checked and stored in one transaction.
    maxMessageBytes: z
      .number()
      .int()
      .min(1)
      .max(100 * MB),
    allowedTypes: z.array(allowedType).max(100),
  })
  .refine((limits) => limits.maxFileBytes <= limits.maxMessageBytes, {
    message: 'A single file cannot be larger than a whole message may be.',
    path: ['maxFileBytes'],
  });
