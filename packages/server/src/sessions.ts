import { createHash, randomBytes } from 'node:crypto';
import type { Contact, Session } from '@kundportal/core';
import type { Queryable } from './db.js';
import { verifyPassword } from './password.js';

const MINUTE = 60_000;

/** How long a session lives: idle timeout (refreshed by use) and absolute lifetime. */
export interface SessionLimits {
  idleMinutes: number;
  lifetimeMinutes: number;
}

interface ContactRow {
  id: string;
  email: string;
  name: string;
  company_id: string | null;
}

/**
 * The contact with this email and password, and whether its address is confirmed; `null` when
 * either is wrong.
 */
export async function checkCredentials(
  db: Queryable,
  email: string,
  password: string,
): Promise<{ contact: Contact; verified: boolean } | null> {
  const [row] = await db.query<
    ContactRow & { password_hash: string | null; email_verified_at: Date | null }
  >(
    `SELECT id, email, name, company_id, password_hash, email_verified_at FROM contacts
     WHERE lower(email) = lower($1)`,
    [email.trim()],
  );
  // Verify even without a row, so timing does not tell which emails have accounts.
  const matches = await verifyPassword(password, row?.password_hash ?? null);
  return row && matches
    ? { contact: toContact(row), verified: row.email_verified_at !== null }
    : null;
}

/** Starts a session; returns the cookie token (only its hash is stored) and the session. */
export async function startSession(
  db: Queryable,
  contact: Contact,
  now: Date,
  limits: SessionLimits,
): Promise<{ token: string; session: Session; lifetimeSeconds: number }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + limits.lifetimeMinutes * MINUTE);
  await db.query(
    `INSERT INTO sessions (id, contact_id, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3::timestamptz, $3::timestamptz, $4::timestamptz)`,
    [hashToken(token), contact.id, now.toISOString(), expiresAt.toISOString()],
  );
  return {
    token,
    session: { contact, expiresAt: sessionEnd(now, expiresAt, limits).toISOString() },
    lifetimeSeconds: limits.lifetimeMinutes * 60,
  };
}

/**
 * How stale `last_seen_at` may get before a request writes it again: a minute, or a tenth of the
 * idle timeout if that is shorter. Writing it on every request would make every read a commit.
 * A session therefore ends at most this much before a full idle timeout after its last request,
 * never after; the `expiresAt` it answers with says when.
 */
function lastSeenInterval(limits: SessionLimits): number {
  return Math.min(MINUTE, (limits.idleMinutes * MINUTE) / 10);
}

/**
 * The session behind a cookie token, marked as seen now (at most every `lastSeenInterval`);
 * `null` when there is none or it has run out (idle too long or past its lifetime), in which
 * case it is deleted.
 */
export async function resumeSession(
  db: Queryable,
  token: string,
  now: Date,
  limits: SessionLimits,
): Promise<Session | null> {
  const id = hashToken(token);
  const [row] = await db.query<ContactRow & { last_seen_at: Date; expires_at: Date }>(
    `SELECT c.id, c.email, c.name, c.company_id, s.last_seen_at, s.expires_at
     FROM sessions s JOIN contacts c ON c.id = s.contact_id
     WHERE s.id = $1`,
    [id],
  );
  if (!row) return null;
  const idleUntil = new Date(row.last_seen_at).getTime() + limits.idleMinutes * MINUTE;
  if (now.getTime() >= Math.min(idleUntil, new Date(row.expires_at).getTime())) {
    await endSession(db, token);
    return null;
  }
  let lastSeen = new Date(row.last_seen_at);
  if (now.getTime() - lastSeen.getTime() >= lastSeenInterval(limits)) {
    await db.query('UPDATE sessions SET last_seen_at = $2::timestamptz WHERE id = $1', [
      id,
      now.toISOString(),
    ]);
    lastSeen = now;
  }
  return {
    contact: toContact(row),
    expiresAt: sessionEnd(lastSeen, row.expires_at, limits).toISOString(),
  };
}

/**
 * Whether the session behind a cookie token is still on, without marking it as seen: for
 * long-lived connections, which must not keep an idle session alive.
 */
export async function sessionIsLive(
  db: Queryable,
  token: string,
  now: Date,
  limits: SessionLimits,
): Promise<boolean> {
  const [row] = await db.query<{ last_seen_at: Date; expires_at: Date }>(
    'SELECT last_seen_at, expires_at FROM sessions WHERE id = $1',
    [hashToken(token)],
  );
  if (!row) return false;
  const idleUntil = new Date(row.last_seen_at).getTime() + limits.idleMinutes * MINUTE;
  return now.getTime() < Math.min(idleUntil, new Date(row.expires_at).getTime());
}

/** Ends the session behind a cookie token, if there is one. */
export async function endSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1', [hashToken(token)]);
}

/** Ends every session of the contact (after a password reset). */
export async function endAllSessions(db: Queryable, contactId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE contact_id = $1', [contactId]);
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * When the session ends if nothing more happens after `lastSeen`: idle timeout or lifetime,
 * whichever first.
 */
function sessionEnd(lastSeen: Date, expiresAt: Date, limits: SessionLimits): Date {
  const idleUntil = lastSeen.getTime() + limits.idleMinutes * MINUTE;
  return new Date(Math.min(idleUntil, new Date(expiresAt).getTime()));
}

function toContact(row: ContactRow): Contact {
  return { id: row.id, email: row.email, name: row.name, companyId: row.company_id };
}
