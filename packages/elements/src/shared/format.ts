import { dateTimeFormat, numberFormat, type PortalConfig, type Ticket } from '@kundportal/core';
import { msg } from '@lit/localize';
import { getLocale } from './locale.js';

/** Open/Closed in the language shown, or the pipeline stage's name as the portal config says. */
export function ticketStatusLabel(
  ticket: Pick<Ticket, 'status' | 'stageLabel'>,
  config: Pick<PortalConfig, 'statusDisplay'> = { statusDisplay: 'open-closed' },
): string {
  if (config.statusDisplay === 'stages') return ticket.stageLabel;
  return ticket.status === 'closed'
    ? msg('Closed', { id: 'status.closed' })
    : msg('Open', { id: 'status.open' });
}

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/** A timestamp in the language shown, e.g. "Mar 12, 2025, 2:05 PM" or "12 mars 2025 14:05". */
export function formatDateTime(iso: string, locale: string = getLocale()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat(locale, DATE_TIME).format(date);
}

/** A fresh idempotency key. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** A plain left click: not one that opens a link in a new tab or window. */
export function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/** A wait in words in the language shown, rounded up: "45 seconds", "1 minute", "5 minuter". */
export function formatWait(seconds: number, locale: string = getLocale()): string {
  const [amount, unit] =
    seconds < 60
      ? [Math.max(1, Math.ceil(seconds)), 'second']
      : [Math.ceil(seconds / 60), 'minute'];
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
}

/** Seconds as a clock countdown: 59 -> "0:59", 125 -> "2:05". */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
