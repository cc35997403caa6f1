import { html, type TemplateResult } from 'lit';
import { formatDateTime } from './format.js';
import { getLocale } from './localization.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Largest unit first; a unit is used once the distance reaches its size. */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
];

/** A timestamp relative to `now` in the language shown: "3 days ago", "igår", "jetzt". */
export function formatRelativeTime(
  iso: string,
  now: Date = new Date(),
  locale: string = getLocale(),
): string {
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return iso;
  const distance = time - now.getTime();
  for (const [unit, size] of UNITS) {
    if (Math.abs(distance) >= size) return relative.format(Math.round(distance / size), unit);
  }
  return relative.format(0, 'second');
}

/** A `<time>` that reads relatively ("3 days ago") and gives the exact date and time as its title. */
export function renderRelativeTime(iso: string): TemplateResult {
  return html`<time datetime=${iso} title=${formatDateTime(iso)}>${formatRelativeTime(iso)}</time>`;
}
