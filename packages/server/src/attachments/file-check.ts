import { PortalError, formatBytes, type AttachmentLimits } from '@kundportal/core';
import { fileTypeFromBuffer } from 'file-type';
import { PayloadTooLargeError } from './errors.js';
import { expansionProblem } from './expansion-check.js';
import { sanitizeFileName } from './file-names.js';
import { MAX_FILES_PER_MESSAGE, TEXT_TYPES } from './limits.js';
import { currentLanguage, t } from '../i18n.js';

/** An uploaded file that passed every check, ready to store. */
export interface CheckedFile {
  /** The sanitized original name: metadata only. */
  name: string;
  /** Detected from the bytes (or, for plain text and CSV, declared and confirmed as text). */
  contentType: string;
  bytes: Uint8Array;
}

/**
 * Checks uploads against the limits: count, sizes (413), then types by their bytes (422).
 * Every problem names its file under the field `files`; nothing is stored before this passes.
 */
export async function checkFiles(
  files: readonly File[],
  limits: AttachmentLimits,
): Promise<CheckedFile[]> {
  if (files.length > MAX_FILES_PER_MESSAGE) {
    throw new PortalError('validation', t('tooManyFiles'), {
      files: t('tooManyFilesDetail', { max: MAX_FILES_PER_MESSAGE }),
    });
  }
  const named = files.map((file) => ({ file, name: sanitizeFileName(file.name) }));
  assertSizes(named, limits);
  const problems: string[] = [];
  const checked: CheckedFile[] = [];
  for (const { file, name } of named) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const contentType = await acceptedType(bytes, file.type, limits.allowedTypes);
    // A decompression bomb is refused like a wrong type: it never reaches an agent.
    const bomb = contentType && (await expansionProblem(bytes, contentType));
    if (bomb) problems.push(`${name} ${bomb}`);
    else if (contentType) checked.push({ name, contentType, bytes });
    else problems.push(t('fileTypeRefused', { name }));
  }
  if (problems.length) {
    throw new PortalError('validation', t('someFilesCannotBeSent'), {
      files: problems.join(' '),
    });
  }
  return checked;
}

function assertSizes(
  named: readonly { file: File; name: string }[],
  limits: AttachmentLimits,
): void {
  const empty = named
    .filter(({ file }) => file.size === 0)
    .map(({ name }) => t('fileEmpty', { name }));
  if (empty.length) {
    throw new PortalError('validation', t('someFilesCannotBeSent'), { files: empty.join(' ') });
  }
  const tooLarge = named
    .filter(({ file }) => file.size > limits.maxFileBytes)
    .map(({ name }) =>
      t('fileTooLarge', { name, size: formatBytes(limits.maxFileBytes, currentLanguage()) }),
    );
  if (tooLarge.length) {
    throw new PayloadTooLargeError(t('someFilesTooLarge'), { files: tooLarge.join(' ') });
  }
  const total = named.reduce((sum, { file }) => sum + file.size, 0);
  if (total > limits.maxMessageBytes) {
    const names = named.map(({ name }) => name).join(', ');
    throw new PayloadTooLargeError('The files are too large together.', {
      files: `Together ${names} are larger than ${formatBytes(limits.maxMessageBytes)}.`,
    });
  }
}

/**
 * The type the file is stored and served as, or `null` when it is not allowed. The bytes
 * decide; the declared type counts only for text, which has no magic number to find.
 */
async function acceptedType(
  bytes: Uint8Array,
  declared: string,
  allowed: readonly string[],
): Promise<string | null> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return allowed.includes(detected.mime) ? detected.mime : null;
  const type = declared.split(';')[0]?.trim().toLowerCase() ?? '';
  return TEXT_TYPES.has(type) && allowed.includes(type) && isPlainText(bytes) ? type : null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

// Markup that a sniffing client could take for a page, even in a file declared as text.
const MARKUP_START = /^\s*<(?:!doctype|html|head|body|script|svg|\?xml|iframe|object|embed)\b/i;

/** Valid UTF-8 without NULs and not a web page in disguise. */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    return !MARKUP_START.test(utf8.decode(bytes));
  } catch {
    return false;
  }
}
