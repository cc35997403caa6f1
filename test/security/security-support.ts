// Shared set-up of the security suites: the demo world plus a contact of another company, and
// the database engines the suites run on (PGlite always, PostgreSQL when one answers).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import type { Database } from '../../packages/server/src/db.js';
import { hashPassword } from '../../packages/server/src/password.js';
import { seedDemo } from '../../packages/server/src/seed.js';
import {
  pgliteDatabase,
  postgresDatabase,
  postgresUnreachable,
  type TestDatabase,
} from '../../packages/server/src/test-support.js';

export const AGENT_KEY = 'security-suite-agent-key-0123456789';
export const ADA = DEMO_ACCOUNT;
export const BJORN = { email: 'bjorn@nordlys.example', password: 'kundportal-demo-2' };
/** A customer of another company, with tickets of his own. */
export const OLLE = { email: 'olle@fjord.example', password: 'fjord-customer-secret' };

export const uniqueKey = () => `key-${randomBytes(8).toString('hex')}`;

/** The engines every security suite runs on; PostgreSQL is skipped with the reason when absent. */
export async function databaseEngines(): Promise<
  { name: string; open: () => Promise<TestDatabase>; skip?: string }[]
> {
  return [
    { name: 'PGlite', open: pgliteDatabase },
    {
      name: 'PostgreSQL',
      open: () => postgresDatabase('kp_security'),
      skip: await postgresUnreachable(),
    },
  ];
}

/** Seeds the demo world and adds Olle of Fjord AS, who shares nothing with Nordlys. */
export async function seedWorld(db: Database): Promise<void> {
  assert.equal(await seedDemo(db), true);
  await db.query(`INSERT INTO companies (id, name) VALUES ('c-fjord', 'Fjord AS')`);
  await db.query(
    `INSERT INTO contacts (id, email, name, company_id, password_hash, email_verified_at)
     VALUES ('p-olle', $1, 'Olle Fjord', 'c-fjord', $2, now())`,
    [OLLE.email, await hashPassword(OLLE.password)],
  );
}

/** Every table's row count, to prove a refused request changed nothing. */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
    counts[name] = row?.n ?? 0;
  }
  return counts;
}

/**
 * A session row made directly in the database, as if started `ageMinutes` ago and last used
 * `idleMinutes` ago, with a lifetime of `lifetimeMinutes`: for sessions that have run out.
 */
export async function plantSession(
  db: Database,
  contactId: string,
  {
    ageMinutes,
    idleMinutes,
    lifetimeMinutes,
  }: Record<'ageMinutes' | 'idleMinutes' | 'lifetimeMinutes', number>,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  await db.query(
    `INSERT INTO sessions (id, contact_id, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3::timestamptz, $4::timestamptz, $5::timestamptz)`,
    [
      createHash('sha256').update(token).digest('hex'),
      contactId,
      minutesAgo(ageMinutes),
      minutesAgo(idleMinutes),
      minutesAgo(ageMinutes - lifetimeMinutes),
    ],
  );
  return `kp_session=${token}`;
}

/** A JSON value, as a request body holds it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * A valid body for every route that takes JSON, keyed `METHOD /path`: what the bad-input suite
 * spoils one way at a time, and what the outage suite sends so that the database answers, not
 * the checks before it. A state-changing route missing here fails bad-input's first test.
 */
export function validBodies(): Record<string, { [key: string]: Json }> {
  return {
    'POST /api/session': { email: ADA.email, password: ADA.password },
    'POST /api/auth/register': {
      email: 'newcomer@example.com',
      name: 'Newcomer',
      password: 'a long enough password',
      consent: true,
    },
    'POST /api/auth/verify': { token: 'a-link-token' },
    'POST /api/auth/invitation': { token: 'a-link-token', password: 'a long enough password' },
    'POST /api/auth/password-reset': { email: ADA.email },
    'POST /api/auth/password': { token: 'a-link-token', password: 'a long enough password' },
    'POST /api/auth/sign-in-link': { email: ADA.email },
    'POST /api/auth/sign-in-link/redeem': { token: 'a-link-token' },
    'POST /api/tickets': {
      subject: 'Export fails',
      description: 'The PDF export stops halfway.',
      properties: { product: 'Invoicing' },
      idempotencyKey: 'sample-key',
    },
    'POST /api/tickets/:id/messages': { text: 'Still broken.', idempotencyKey: 'sample-key' },
    'POST /api/sso/jwt': { token: 'header.payload.signature' },
    'POST /api/agent/lists': { name: 'Partners' },
    'POST /api/agent/lists/:id/members': { email: 'partner@example.com', name: 'Partner' },
    'POST /api/agent/tickets/:id/messages': {
      text: 'We are on it.',
      html: '<p>We are on it.</p>',
      internal: false,
      authorName: 'Karin',
    },
    'PATCH /api/agent/tickets/:id': { stageId: 'stage-open', inboxId: 'inbox-support' },
    // Filled from the stored settings in `before`: every field of the patch, as it is.
    'PATCH /api/agent/settings': {},
  };
}
