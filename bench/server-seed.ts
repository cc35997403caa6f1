// Bulk data for the server benchmark, written with generate_series so 100,000 tickets and their
// conversations take seconds, not minutes. The same SQL runs on PGlite and PostgreSQL.
import type { Database } from '../packages/server/src/db.js';
import { loadPortalSettings, savePortalSettings } from '../packages/server/src/portal-settings.js';
import { seedDemo } from '../packages/server/src/seed.js';

/** How much data the benchmark database holds. */
export interface BenchDataSize {
  companies: number;
  contacts: number;
  tickets: number;
  /** The benchmark company (`bc-1`): its contacts sign in, and it owns a tenth of the tickets. */
  companyContacts: number;
  companyTickets: number;
}

/**
 * 100,000 tickets across 10,000 contacts and 1,000 companies at scale 1; a smaller world at a
 * smaller scale (a quick run). Every ticket has one thread of three customer-visible messages,
 * and every tenth an internal note too.
 */
export function benchDataSize(scale = 1): BenchDataSize {
  const tickets = Math.round(100_000 * scale);
  return {
    companies: Math.round(1_000 * scale),
    contacts: Math.round(10_000 * scale),
    tickets,
    companyContacts: 50,
    companyTickets: Math.round(tickets / 10),
  };
}

/** Ids of the tickets the benchmark company can open (all have a conversation). */
export const companyTicketIds = (size: BenchDataSize) => ({
  first: 10_001,
  last: 10_000 + size.companyTickets,
});

/** Words of subjects and messages. Search terms come from here, so they match a real share. */
const WORDS = (
  'invoice export payroll report password login mobile app sync error slow crash ' +
  'update billing address refund receipt tax table salary employee vacation holiday ' +
  'integration webhook api token expired certificate printer label shipment order ' +
  'delivery return warranty contract renewal upgrade downgrade license seat user admin ' +
  'permission role group folder document upload download attachment image screenshot ' +
  'calendar reminder notification email sms phone chat language currency format date ' +
  'timezone backup restore archive delete duplicate merge import csv excel pdf sie ' +
  'bank payment card transfer fee discount coupon campaign newsletter survey feedback'
)
  .split(/\s+/)
  .filter(Boolean);

/** A term found in some, not most, tickets; prefixes ("expo") match too. */
export const SEARCH_TERMS = ['export', 'payroll', 'certificate', 'refund', 'webhook', 'sync'];

/** Filler words beside the real ones, so each real word is in a few percent of messages. */
const FILLER_WORDS = 400;

// `bench_phrase(seed, count, salt)`: `count` words picked by a cheap deterministic scatter.
const PHRASE_FUNCTION = `
  CREATE FUNCTION bench_phrase(seed bigint, count integer, salt integer) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
    SELECT string_agg(CASE WHEN i <= ${WORDS.length}
                           THEN (ARRAY[${WORDS.map((word) => `'${word}'`).join(',')}])[i]
                           ELSE 'w' || i END, ' ')
    FROM (SELECT 1 + ((seed * (7919 + (k + salt) * 104729) + (k + salt) * 31)
                      % ${WORDS.length + FILLER_WORDS})::integer AS i
          FROM generate_series(0, count - 1) AS k) AS picks
  $$`;

/**
 * Seeds the demo world, turns on company access, then adds the bulk data of `size`: companies
 * `bc-*`, contacts `bp-*` (the first 50 in `bc-1`) and tickets (a tenth of them `bc-1`'s).
 * Returns the ids of the contacts that sign in.
 */
export async function seedBenchData(
  db: Database,
  size: BenchDataSize,
  now = new Date(),
): Promise<string[]> {
  await seedDemo(db, { now });
  const settings = await loadPortalSettings(db);
  await savePortalSettings(db, { ...settings, ticketAccess: 'company' }, now);
  const at = `'${now.toISOString()}'::timestamptz`;
  const { companies, contacts, tickets, companyContacts, companyTickets } = size;
  const others = contacts - companyContacts;
  await db.exec(`
    ${PHRASE_FUNCTION};
    INSERT INTO companies (id, name)
      SELECT 'bc-' || n, 'Company ' || n FROM generate_series(1, ${companies}) AS n;
    INSERT INTO contacts (id, email, name, company_id, created_at, email_verified_at)
      SELECT 'bp-' || n, 'contact' || n || '@bench.example', 'Contact ' || n,
             CASE WHEN n <= ${companyContacts} THEN 'bc-1'
                  ELSE 'bc-' || (2 + n % ${companies - 1}) END,
             ${at}, ${at}
      FROM generate_series(1, ${contacts}) AS n;
    INSERT INTO tickets (id, contact_id, subject, stage_id, source, properties, created_at,
                         last_activity_at, inbox_id)
      SELECT 10000 + n,
             CASE WHEN n <= ${companyTickets} THEN 'bp-' || (1 + n % ${companyContacts})
                  ELSE 'bp-' || (${companyContacts + 1} + n % ${others}) END,
             initcap(bench_phrase(n, 4, 0)),
             (ARRAY['support-new','support-progress','support-waiting','support-closed',
                    'billing-open','billing-resolved'])[1 + n % 6],
             (ARRAY['form','email','chat','phone'])[1 + n % 4],
             jsonb_build_object('product', (ARRAY['Invoicing','Payroll','Mobile app'])[1 + n % 3]),
             ${at} - make_interval(mins => (n * 37) % 525600 + 60),
             ${at} - make_interval(mins => (n * 37) % 525600 + 60)
                   + make_interval(mins => (n * 13) % 50),
             'inbox-support'
      FROM generate_series(1, ${tickets}) AS n;
    INSERT INTO threads (id, ticket_id, created_at)
      SELECT 'bt-' || t.id, t.id, t.created_at FROM tickets t WHERE t.id > 10000;
    INSERT INTO messages (thread_id, kind, author_name, contact_id, body, created_at)
      SELECT 'bt-' || t.id,
             CASE WHEN k = 2 THEN 'agent' ELSE 'customer' END,
             CASE WHEN k = 2 THEN 'Agent at Nordlys' ELSE 'Customer' END,
             CASE WHEN k = 2 THEN NULL ELSE t.contact_id END,
             initcap(bench_phrase(t.id * 3 + k, 12, 4)) || '.',
             t.created_at + make_interval(mins => k)
      FROM tickets t CROSS JOIN generate_series(1, 3) AS k WHERE t.id > 10000;
    INSERT INTO messages (thread_id, kind, author_name, body, created_at)
      SELECT 'bt-' || t.id, 'note', 'Agent at Nordlys', 'Internal: ' || bench_phrase(t.id, 6, 20),
             t.created_at + make_interval(mins => 4)
      FROM tickets t WHERE t.id > 10000 AND t.id % 10 = 0;
    SELECT setval(pg_get_serial_sequence('tickets', 'id'), (SELECT max(id) FROM tickets));
    DROP FUNCTION bench_phrase(bigint, integer, integer);
    ANALYZE;
  `);
  return Array.from({ length: companyContacts }, (_, index) => `bp-${index + 1}`);
}
