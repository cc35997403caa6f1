import type { AttachmentLimits, PortalConfig, Stage, Ticket, TicketQuery } from './types.js';
import { numberFormat } from './intl.js';
import { validationMessage } from './validation-messages.js';

/** Label shown in the Status column: Open/Closed or the stage's own name. */
export function statusLabel(
  ticket: Pick<Ticket, 'status' | 'stageLabel'>,
  config: Pick<PortalConfig, 'statusDisplay'>,
): string {
  if (config.statusDisplay === 'stages') return ticket.stageLabel;
  return ticket.status === 'closed' ? 'Closed' : 'Open';
}

export function stageStatus(stage: Pick<Stage, 'closed'>): Ticket['status'] {
  return stage.closed ? 'closed' : 'open';
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

/** Field limits the server enforces and the forms mirror. */
export const LIMITS = { subject: 200, text: 20_000 } as const;

/**
 * What a portal takes unless its owner says otherwise: everyday documents, no markup. Sizes in
 * decimal megabytes, as file managers and the limits people are told ("10 MB") count them.
 */
export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxFileBytes: 10_000_000,
  maxMessageBytes: 25_000_000,
  allowedTypes: [
    'image/png',
    'image/jpeg',
    'image/gif',
    'image/webp',
    'application/pdf',
    'text/plain',
    'text/csv',
    'application/zip',
  ],
};

/** Query with every default filled in, so both adapters page and sort alike. */
export function normalizeTicketQuery(query: TicketQuery = {}): Required<TicketQuery> {
  return {
    scope: query.scope ?? 'mine',
    status: query.status ?? 'all',
    q: query.q?.trim() ?? '',
    sort: query.sort ?? '-lastActivityAt',
    cursor: query.cursor ?? null,
    limit: Math.min(Math.max(1, Math.trunc(query.limit ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE),
  };
}

/** Field errors for a reply; empty when it may be sent. */
export function validateReply(
  input: { text?: unknown },
  language?: string,
): Record<string, string> {
  const text = typeof input.text === 'string' ? input.text.trim() : '';
  if (!text) return { text: validationMessage('writeMessage', {}, language) };
  if (text.length > LIMITS.text)
    return { text: validationMessage('messageTooLong', { max: LIMITS.text }, language) };
  return {};
}

/**
 * Field errors for a new ticket against the portal's support form; empty when valid. A `file`
 * field is filled by the files sent with the ticket, not by a property (check the files
 * themselves with `validateFiles`).
 */
export function validateNewTicket(
  input: { subject?: unknown; description?: unknown; properties?: unknown; files?: unknown },
  config: Pick<PortalConfig, 'supportForm'>,
  language?: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const subject = typeof input.subject === 'string' ? input.subject.trim() : '';
  const description = typeof input.description === 'string' ? input.description.trim() : '';
  if (!subject) errors.subject = validationMessage('enterSubject', {}, language);
  else if (subject.length > LIMITS.subject)
    errors.subject = validationMessage('subjectTooLong', { max: LIMITS.subject }, language);
  if (!description) errors.description = validationMessage('describeProblem', {}, language);
  else if (description.length > LIMITS.text)
    errors.description = validationMessage('descriptionTooLong', { max: LIMITS.text }, language);
  const properties =
    typeof input.properties === 'object' && input.properties !== null
      ? (input.properties as Record<string, unknown>)
      : {};
  const fileCount = Array.isArray(input.files) ? input.files.length : 0;
  for (const field of config.supportForm.fields) {
    if (field.name === 'subject' || field.name === 'description') continue;
    if (field.type === 'file') {
      if (field.required && !fileCount)
        errors[field.name] = validationMessage('attachFileFor', { label: field.label }, language);
      continue;
    }
    const value = properties[field.name];
    const text = typeof value === 'string' ? value.trim() : '';
    if (value !== undefined && typeof value !== 'string')
      errors[field.name] = validationMessage('enterText', {}, language);
    else if (field.required && !text)
      errors[field.name] = validationMessage('fillIn', { label: field.label }, language);
    else if (text && field.options && !field.options.includes(text))
      errors[field.name] = validationMessage('chooseOption', { label: field.label }, language);
  }
  for (const name of Object.keys(properties)) {
    if (!config.supportForm.fields.some((field) => field.name === name && field.type !== 'file'))
      errors[name] = validationMessage('fieldNotOnForm', {}, language);
  }
  return errors;
}

/** Shortest password the portal accepts (NIST SP 800-63B asks for at least 8). */
export const MIN_PASSWORD_LENGTH = 10;

/** Field errors for a new password; empty when it is acceptable. */
export function validatePassword(password: unknown, language?: string): Record<string, string> {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH)
    return {
      password: validationMessage('passwordTooShort', { min: MIN_PASSWORD_LENGTH }, language),
    };
  if (password.length > 256)
    return { password: validationMessage('passwordTooLong', { max: 256 }, language) };
  return {};
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Field errors for a self-registration; empty when it may be sent. */
export function validateRegistration(
  input: { email?: unknown; name?: unknown; password?: unknown; consent?: unknown },
  config: Pick<PortalConfig, 'consent'>,
  language?: string,
): Record<string, string> {
  const errors: Record<string, string> = { ...validatePassword(input.password, language) };
  const email = typeof input.email === 'string' ? input.email.trim() : '';
  if (!EMAIL.test(email) || email.length > 320)
    errors.email = validationMessage('enterEmail', {}, language);
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) errors.name = validationMessage('enterName', {}, language);
  else if (name.length > 200)
    errors.name = validationMessage('nameTooLong', { max: 200 }, language);
  if (config.consent && input.consent !== true)
    errors.consent = validationMessage('consentRequired', {}, language);
  return errors;
}

/** Splits consent text into plain text and `[label](https://…)` links, for safe rendering. */
export function consentParts(text: string): ({ text: string } | { text: string; href: string })[] {
  const parts: ({ text: string } | { text: string; href: string })[] = [];
  const link = /\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;
  let last = 0;
  for (const match of text.matchAll(link)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ text: match[1] ?? '', href: match[2] ?? '' });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** "2.5 MB": file sizes as people read them (decimal units, like the operating systems show). */
export function formatBytes(bytes: number, locale?: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return numberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/**
 * Why these files cannot be sent, under the field name `files`; empty when they may be. Checks
 * what the browser knows (declared type and size); the server also checks the bytes.
 */
export function validateFiles(
  files: readonly { name: string; size: number; type: string }[],
  limits: AttachmentLimits,
  language?: string,
): Record<string, string> {
  const problems: string[] = [];
  let total = 0;
  for (const file of files) {
    total += file.size;
    if (!limits.allowedTypes.includes(file.type)) {
      problems.push(validationMessage('fileTypeRefused', { name: file.name }, language));
    } else if (file.size > limits.maxFileBytes) {
      problems.push(
        validationMessage(
          'fileTooLarge',
          { name: file.name, size: formatBytes(limits.maxFileBytes, language) },
          language,
        ),
      );
    } else if (file.size === 0) {
      problems.push(validationMessage('fileEmpty', { name: file.name }, language));
    }
  }
  if (!problems.length && total > limits.maxMessageBytes) {
    problems.push(
      validationMessage(
        'filesTooLargeTogether',
        { size: formatBytes(limits.maxMessageBytes, language) },
        language,
      ),
    );
  }
  return problems.length ? { files: problems.join(' ') } : {};
}
