import { relativeTimeFormat } from '@kundportal/core';
import {
  html,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { formatDateTime } from './format.js';
import { getLocale } from './locale.js';

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

/** How often relative times are written again: often enough that "1 minute ago" stays true. */
export const RELATIVE_TIME_REFRESH_MS = 30 * SECOND;

/**
 * The one timer behind every relative time on the page: while any element showing them is
 * connected, it re-renders them all every `RELATIVE_TIME_REFRESH_MS`, so "3 minutes ago" moves
 * on while the page stays open. One interval for any number of elements, none when there are none.
 */
class RelativeTimeClock {
  readonly #hosts = new Set<ReactiveControllerHost>();
  #timer: ReturnType<typeof setInterval> | undefined;

  /** The time relative times count from. Tests replace it to move time on. */
  now: () => Date = () => new Date();

  /** Whether the interval runs (some element shows relative times). */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  add(host: ReactiveControllerHost): void {
    this.#hosts.add(host);
    this.#timer ??= setInterval(() => this.tick(), RELATIVE_TIME_REFRESH_MS);
  }

  remove(host: ReactiveControllerHost): void {
    this.#hosts.delete(host);
    if (this.#hosts.size || this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Re-renders every element that shows relative times. */
  tick(): void {
    for (const host of this.#hosts) host.requestUpdate();
  }
}

export const relativeTimeClock = new RelativeTimeClock();

/** Keeps its host's relative times current while it is connected (one shared timer). */
export class RelativeTimeController implements ReactiveController {
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    relativeTimeClock.add(this.#host);
  }

  hostDisconnected(): void {
    relativeTimeClock.remove(this.#host);
  }
}

/** A timestamp relative to `now` in the language shown: "3 days ago", "igår", "jetzt". */
export function formatRelativeTime(
  iso: string,
  now: Date = relativeTimeClock.now(),
  locale: string = getLocale(),
): string {
  const relative = relativeTimeFormat(locale, { numeric: 'auto' });
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
