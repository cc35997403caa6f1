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
