import { createHash } from 'node:crypto';
import { PortalError } from '@kundportal/core';
import type { Queryable } from './db.js';
import { currentLanguage, t } from './i18n.js';

/** At most `max` events per `windowSeconds` for one subject (an address or an IP). */
export interface RateLimitRule {
  name: string;
  max: number;
  windowSeconds: number;
}

/**
 * The limits. Failed sign-ins guard passwords against guessing; mails (registration, reset
 * and sign-in-link requests share them) guard inboxes against being flooded. The per-IP limits
 * are looser, since many people can share one address behind a company's NAT.
 */
export const RATE_LIMITS = {
  failedSignInPerAddress: { name: 'failed-sign-in:address', max: 5, windowSeconds: 15 * 60 },
  failedSignInPerIp: { name: 'failed-sign-in:ip', max: 20, windowSeconds: 15 * 60 },
  mailPerAddress: { name: 'mail:address', max: 3, windowSeconds: 60 * 60 },
  mailPerIp: { name: 'mail:ip', max: 20, windowSeconds: 60 * 60 },
  // Refused JWT exchanges: forged, replayed or expired tokens, and the key fetches they cause.
  failedSsoPerIp: { name: 'failed-sso:ip', max: 20, windowSeconds: 15 * 60 },
} as const satisfies Record<string, RateLimitRule>;

/** An address or IP as stored: hashed, so the table is no record of who tried what. */
function subjectKey(subject: string): string {
  return createHash('sha256').update(subject.trim().toLowerCase()).digest('hex');
}

/**
 * Refuses with 429 `rate_limited` (and `retryAfter` in seconds) when the subject has used up
 * the rule's events in the window. Counted in the database, so the limit holds across nodes.
 */
export async function assertUnderLimit(
  db: Queryable,
  rule: RateLimitRule,
  subject: string,
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - rule.windowSeconds * 1000);
  // The max-th newest event: once it leaves the window there is room for one more.
  const [blocking] = await db.query<{ at: Date }>(
    `SELECT at FROM rate_limit_hits WHERE rule = $1 AND subject = $2 AND at > $3::timestamptz
     ORDER BY at DESC OFFSET $4 LIMIT 1`,
    [rule.name, subjectKey(subject), since.toISOString(), rule.max - 1],
  );
  if (!blocking) return;
  const freeAt = new Date(blocking.at).getTime() + rule.windowSeconds * 1000;
  const retryAfter = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
  throw new PortalError(
    'rate_limited',
    t('tooManyAttempts', { wait: describeWait(retryAfter) }),
    {},
    retryAfter,
  );
}

/** Counts one event against the subject, and forgets its events older than the window. */
export async function recordHit(
  db: Queryable,
  rule: RateLimitRule,
  subject: string,
  now: Date,
): Promise<void> {
  const key = subjectKey(subject);
  const since = new Date(now.getTime() - rule.windowSeconds * 1000);
  await db.query(
    'DELETE FROM rate_limit_hits WHERE rule = $1 AND subject = $2 AND at <= $3::timestamptz',
    [rule.name, key, since.toISOString()],
  );
  await db.query(
    'INSERT INTO rate_limit_hits (rule, subject, at) VALUES ($1, $2, $3::timestamptz)',
    [rule.name, key, now.toISOString()],
  );
}

/** Checks every rule first, then counts the event against each: one refused rule counts none. */
export async function consumeRateLimits(
  db: Queryable,
  limits: readonly (readonly [RateLimitRule, string])[],
  now: Date,
): Promise<void> {
  for (const [rule, subject] of limits) await assertUnderLimit(db, rule, subject, now);
  for (const [rule, subject] of limits) await recordHit(db, rule, subject, now);
}

function describeWait(seconds: number): string {
  const [amount, unit] = seconds < 60 ? [seconds, 'second'] : [Math.ceil(seconds / 60), 'minute'];
  return new Intl.NumberFormat(currentLanguage(), {
    style: 'unit',
    unit,
    unitDisplay: 'long',
  }).format(amount);
}
