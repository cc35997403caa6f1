import { LIMITS } from './rules.js';
import type { PortalConfig } from './types.js';
import { validationMessage } from './validation-messages.js';

// Apart from the rules the ticket views share (rules.ts), so only the support form loads it.

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
