import type { PortalConfig } from './types.js';
import { validationMessage } from './validation-messages.js';

// Apart from the rules the ticket views share (rules.ts), so only the sign-in forms load them.

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
