import type { PortalConfig, Stage, Ticket, TicketQuery } from './types.js';

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
export function validateReply(input: { text?: unknown }): Record<string, string> {
  const text = typeof input.text === 'string' ? input.text.trim() : '';
  if (!text) return { text: 'Write a message before sending.' };
  if (text.length > LIMITS.text)
    return { text: `Keep the message under ${LIMITS.text} characters.` };
  return {};
}

/** Field errors for a new ticket against the portal's support form; empty when valid. */
export function validateNewTicket(
  input: { subject?: unknown; description?: unknown; properties?: unknown },
  config: Pick<PortalConfig, 'supportForm'>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const subject = typeof input.subject === 'string' ? input.subject.trim() : '';
  const description = typeof input.description === 'string' ? input.description.trim() : '';
  if (!subject) errors.subject = 'Enter a subject.';
  else if (subject.length > LIMITS.subject)
    errors.subject = `Keep the subject under ${LIMITS.subject} characters.`;
  if (!description) errors.description = 'Describe the problem.';
  else if (description.length > LIMITS.text)
    errors.description = `Keep the description under ${LIMITS.text} characters.`;
  const properties =
    typeof input.properties === 'object' && input.properties !== null
      ? (input.properties as Record<string, unknown>)
      : {};
  for (const field of config.supportForm.fields) {
    if (field.name === 'subject' || field.name === 'description') continue;
    const value = properties[field.name];
    const text = typeof value === 'string' ? value.trim() : '';
    if (value !== undefined && typeof value !== 'string') errors[field.name] = 'Enter text.';
    else if (field.required && !text) errors[field.name] = `Fill in ${field.label}.`;
    else if (text && field.options && !field.options.includes(text))
      errors[field.name] = `Choose one of the options for ${field.label}.`;
  }
  for (const name of Object.keys(properties)) {
    if (!config.supportForm.fields.some((field) => field.name === name))
      errors[name] = 'This field is not on the form.';
  }
  return errors;
}
