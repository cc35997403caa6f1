import { demoData, type SeedTicket } from '@kundportal/core/demo';
import type { Database, Queryable } from './db.js';
import { hashPassword } from './password.js';
import { savePortalConfig } from './portal-settings.js';

const MINUTE = 60_000;
// Serialises seeding when several server nodes start on one empty database.
const SEED_LOCK = 720_515;

/**
 * Fills an empty database (no contacts yet) with the demo world; does nothing otherwise.
 * Times are `minutesAgo` before `now`. Returns whether it seeded.
 */
export async function seedDemo(db: Database, now = new Date()): Promise<boolean> {
  // Hashing is slow on purpose; a seeded database is the common case at start-up.
  if ((await db.query('SELECT 1 FROM contacts LIMIT 1')).length) return false;
  const data = demoData();
  const passwordHashes = await Promise.all(data.contacts.map((c) => hashPassword(c.password)));
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * MINUTE).toISOString();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    // Another node may have seeded while this one was hashing.
    if ((await tx.query('SELECT 1 FROM contacts LIMIT 1')).length) return false;
    await savePortalConfig(tx, data.portal, now);
    for (const company of data.companies) {
      await tx.query('INSERT INTO companies (id, name) VALUES ($1, $2)', [
        company.id,
        company.name,
      ]);
    }
    for (const [index, contact] of data.contacts.entries()) {
      await tx.query(
        `INSERT INTO contacts (id, email, name, company_id, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6::timestamptz)`,
        [
          contact.id,
          contact.email,
          contact.name,
          contact.companyId,
          passwordHashes[index] ?? null,
          at(0),
        ],
      );
    }
    for (const stage of data.stages) {
      await tx.query(
        'INSERT INTO stages (id, pipeline, label, closed, sort_order) VALUES ($1, $2, $3, $4, $5)',
        [stage.id, stage.pipeline, stage.label, stage.closed, stage.order],
      );
    }
    for (const ticket of data.tickets) await insertSeedTicket(tx, ticket, at);
    // New tickets continue after the seed's ids instead of colliding with them.
    await tx.query(
      `SELECT setval(pg_get_serial_sequence('tickets', 'id'), (SELECT max(id) FROM tickets))`,
    );
    return true;
  });
}

async function insertSeedTicket(
  tx: Queryable,
  ticket: SeedTicket,
  at: (minutesAgo: number) => string,
): Promise<void> {
  const messages = ticket.threads.flatMap((thread) => thread.messages);
  const newest = Math.min(ticket.minutesAgo, ...messages.map((m) => m.minutesAgo));
  await tx.query(
    `INSERT INTO tickets (id, contact_id, subject, stage_id, source, properties, created_at, last_activity_at)
     VALUES ($1::bigint, $2, $3, $4, $5, $6::jsonb, $7::timestamptz, $8::timestamptz)`,
    [
      ticket.id,
      ticket.contactId,
      ticket.subject,
      ticket.stageId,
      ticket.source,
      JSON.stringify(ticket.properties),
      at(ticket.minutesAgo),
      at(newest),
    ],
  );
  for (const thread of ticket.threads) {
    const started = thread.messages.length
      ? Math.max(...thread.messages.map((m) => m.minutesAgo))
      : ticket.minutesAgo;
    await tx.query(
      'INSERT INTO threads (id, ticket_id, created_at) VALUES ($1, $2::bigint, $3::timestamptz)',
      [thread.id, ticket.id, at(started)],
    );
    for (const message of thread.messages) {
      const contactId = message.kind === 'customer' ? ticket.contactId : null;
      await tx.query(
        `INSERT INTO messages (id, thread_id, kind, author_name, contact_id, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz)`,
        [
          message.id,
          thread.id,
          message.kind,
          message.authorName,
          contactId,
          message.text,
          at(message.minutesAgo),
        ],
      );
    }
  }
}
