import { createHash, randomBytes } from 'node:crypto';
import { PortalError, type LinkPurpose } from '@kundportal/core';
import type { Queryable } from '../db.js';
import { t } from '../i18n.js';

const MINUTE = 60_000;

/**
 * How long each kind of emailed link stays valid, in minutes. The same as MemoryAdapter's
 * `LINK_LIFETIME_MINUTES`, which `@kundportal/core` does not export from its entry point.
 */
export const LINK_LIFETIME_MINUTES: Record<LinkPurpose, number> = {
  verify: 24 * 60,
  invitation: 7 * 24 * 60,
  reset: 60,
  'sign-in': 15,
};

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Makes a one-time token for a link: 32 random bytes, base64url. Only its sha256 is stored,
 * with what it is for, whose it is and when it expires.
 */
export async function issueLinkToken(
  tx: Queryable,
  contactId: string,
  purpose: LinkPurpose,
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MINUTES[purpose] * MINUTE);
  await tx.query(
    `INSERT INTO link_tokens (id, purpose, contact_id, created_at, expires_at)
     VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz)`,
    [hashToken(token), purpose, contactId, now.toISOString(), expiresAt.toISOString()],
  );
  return token;
}

/**
 * Spends a token and returns whose it was. One UPDATE with every condition in its WHERE, so two
 * requests racing with the same token cannot both succeed. A wrong purpose, an expired, used or
 * unknown token are all 404 `not_found` with the same message. In a transaction that later
 * rolls back, the token stays unspent.
 */
export async function redeemLinkToken(
  tx: Queryable,
  token: string,
  purpose: LinkPurpose,
  now: Date,
): Promise<string> {
  const [row] = await tx.query<{ contact_id: string }>(
    `UPDATE link_tokens SET used_at = $3::timestamptz
     WHERE id = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3::timestamptz
     RETURNING contact_id`,
    [hashToken(token), purpose, now.toISOString()],
  );
  if (!row) throw new PortalError('not_found', t('spentLink'));
  return row.contact_id;
}

/** Whether the contact holds an invitation that can still be used. */
export async function hasOpenInvitation(
  tx: Queryable,
  contactId: string,
  now: Date,
): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM link_tokens WHERE contact_id = $1 AND purpose = 'invitation'
     AND used_at IS NULL AND expires_at > $2::timestamptz LIMIT 1`,
    [contactId, now.toISOString()],
  );
  return rows.length > 0;
}
