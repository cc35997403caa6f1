import type { Queryable } from '../db.js';

/**
 * Records `id` as used in `scope` until `expiresAt`. Returns `false` when it was used before,
 * also when another request (on any server node) claims it at the same moment: the primary key
 * lets exactly one insert through.
 */
export async function claimOnce(
  db: Queryable,
  scope: string,
  id: string,
  expiresAt: Date,
  now: Date,
): Promise<boolean> {
  // Pruning here keeps the table small without a scheduler; expired ids are refused for age.
  await db.query('DELETE FROM sso_used_ids WHERE expires_at < $1::timestamptz', [
    now.toISOString(),
  ]);
  const inserted = await db.query(
    `INSERT INTO sso_used_ids (scope, id, expires_at) VALUES ($1, $2, $3::timestamptz)
     ON CONFLICT DO NOTHING RETURNING id`,
    [scope, id, expiresAt.toISOString()],
  );
  return inserted.length === 1;
}

/** Remembers a sign-in under way (OIDC state, SAML request id) until `expiresAt`. */
export async function saveRequest(
  db: Queryable,
  provider: string,
  id: string,
  data: Record<string, string>,
  expiresAt: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO sso_requests (provider, id, data, expires_at)
     VALUES ($1, $2, $3::jsonb, $4::timestamptz)`,
    [provider, id, JSON.stringify(data), expiresAt.toISOString()],
  );
}

/** A sign-in under way, if it exists and has not expired; it stays stored. */
export async function peekRequest(
  db: Queryable,
  provider: string,
  id: string,
  now: Date,
): Promise<Record<string, string> | null> {
  const [row] = await db.query<{ data: Record<string, string> }>(
    `SELECT data FROM sso_requests
     WHERE provider = $1 AND id = $2 AND expires_at > $3::timestamptz`,
    [provider, id, now.toISOString()],
  );
  return row?.data ?? null;
}

/**
 * Takes a sign-in under way out of the store, so it finishes at most once; `null` when there is
 * none, it expired, or another request took it first.
 */
export async function takeRequest(
  db: Queryable,
  provider: string,
  id: string,
  now: Date,
): Promise<Record<string, string> | null> {
  await db.query('DELETE FROM sso_requests WHERE expires_at < $1::timestamptz', [
    now.toISOString(),
  ]);
  const [row] = await db.query<{ data: Record<string, string> }>(
    `DELETE FROM sso_requests WHERE provider = $1 AND id = $2 AND expires_at > $3::timestamptz
     RETURNING data`,
    [provider, id, now.toISOString()],
  );
  return row?.data ?? null;
}
