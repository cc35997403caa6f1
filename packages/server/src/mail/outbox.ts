import type { Queryable } from '../db.js';
import type { MailMessage } from './messages.js';

/** A mail in the outbox, as the sender and the dev mailbox see it. */
export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  link: string | null;
  createdAt: Date;
  attempts: number;
  sentAt: Date | null;
  failedAt: Date | null;
  lastError: string | null;
}

interface OutboxRow {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  link: string | null;
  created_at: Date;
  attempts: number;
  sent_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
}

const OUTBOX_COLUMNS = `id::text AS id, to_address, subject, text_body, html_body, link, created_at,
  attempts, sent_at, failed_at, last_error`;

/**
 * Puts a mail in the outbox. Call it with the transaction of the action the mail is about, so
 * the mail exists exactly when the action happened; the sender delivers it afterwards.
 */
export async function enqueueMail(
  tx: Queryable,
  to: string,
  message: MailMessage,
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO mail_outbox (to_address, subject, text_body, html_body, link, created_at, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $6::timestamptz)`,
    [to, message.subject, message.text, message.html, message.link, now.toISOString()],
  );
}

/** The newest mails first, sent or not (dev mailbox, tests). */
export async function listOutbox(db: Queryable, limit = 200): Promise<OutboxMail[]> {
  const rows = await db.query<OutboxRow>(
    `SELECT ${OUTBOX_COLUMNS} FROM mail_outbox ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return rows.map(toMail);
}

/**
 * Claims up to `limit` mails that are due, by moving their next attempt past `leaseUntil`, so
 * another sender (another server node) does not send them at the same time.
 */
export async function claimDueMail(
  db: Queryable,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<OutboxMail[]> {
  const rows = await db.query<OutboxRow>(
    `UPDATE mail_outbox SET next_attempt_at = $2::timestamptz
     WHERE id IN (
       SELECT id FROM mail_outbox
       WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1::timestamptz
       ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING ${OUTBOX_COLUMNS}`,
    [now.toISOString(), leaseUntil.toISOString(), limit],
  );
  return rows.map(toMail).sort((a, b) => Number(a.id) - Number(b.id));
}

export async function markMailSent(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query(
    'UPDATE mail_outbox SET sent_at = $2::timestamptz, attempts = attempts + 1 WHERE id = $1::bigint',
    [id, now.toISOString()],
  );
}

/** Records a failed attempt: tried again at `retryAt`, or given up when `retryAt` is null. */
export async function markMailFailed(
  db: Queryable,
  id: string,
  error: string,
  now: Date,
  retryAt: Date | null,
): Promise<void> {
  await db.query(
    `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2,
       next_attempt_at = COALESCE($3::timestamptz, next_attempt_at),
       failed_at = CASE WHEN $3::timestamptz IS NULL THEN $4::timestamptz END
     WHERE id = $1::bigint`,
    [id, error.slice(0, 1000), retryAt?.toISOString() ?? null, now.toISOString()],
  );
}

function toMail(row: OutboxRow): OutboxMail {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    link: row.link,
    createdAt: new Date(row.created_at),
    attempts: row.attempts,
    sentAt: row.sent_at && new Date(row.sent_at),
    failedAt: row.failed_at && new Date(row.failed_at),
    lastError: row.last_error,
  };
}
