import type { PortalConfig } from '@kundportal/core';
import { demoData, type SeedTicket } from '@kundportal/core/demo';
import { createContact } from './access/accounts.js';
import { addListMember, createContactList } from './access/contact-lists.js';
import { queueLinkMail } from './access/link-mail.js';
import type { Database, Queryable } from './db.js';
import { hashPassword } from './password.js';
import {
  forgetCachedPortalSettings,
  portalUrlOf,
  savePortalSettings,
  type PortalSettings,
} from './portal-settings.js';

const MINUTE = 60_000;
// Serialises seeding when several server nodes start on one empty database.
const SEED_LOCK = 720_515;

/** The demo's contact list: the company's customers, one of them invited but not signed up. */
export const DEMO_LIST = { id: 'list-nordlys', name: 'Nordlys customers' } as const;

/** The demo's inboxes, one per pipeline; new conversations land in Support. */
export const DEMO_INBOXES = [
  { id: 'inbox-support', name: 'Support', pipeline: 'Support' },
  { id: 'inbox-billing', name: 'Billing', pipeline: 'Billing' },
] as const;

/** Invited to the portal by the seed, with no password yet: try the invitation mail. */
export const DEMO_INVITEE = { email: 'eva@nordlys.example', name: 'Eva Nyström' } as const;

export interface SeedOptions {
  /** Times in the demo data are minutes before this. */
  now?: Date;
  /** Where the invitation link points (`PUBLIC_URL`). */
  publicUrl?: string;
}

/** The demo's private settings: open registration with consent, sign-in links on. */
export function demoSettings(portal: PortalConfig = demoData().portal): PortalSettings {
  const { auth, consent, ...shown } = portal;
  return {
    ...shown,
    accessMode: 'registration',
    allowedListIds: [DEMO_LIST.id],
    signInLink: auth.signInLink,
    consent,
    sessionSameSite: 'Lax',
    allowedOrigins: [],
    portalUrl: null,
    sso: {},
    ticketFilters: [],
    defaultInboxId: DEMO_INBOXES[0].id,
  };
}

/**
 * Fills an empty database (no contacts yet) with the demo world, and queues the demo
 * invitation; does nothing otherwise. Times are `minutesAgo` before `now`. Returns whether it
 * seeded.
 */
export async function seedDemo(
  db: Database,
  { now = new Date(), publicUrl = 'http://127.0.0.1:8787' }: SeedOptions = {},
): Promise<boolean> {
  // Hashing is slow on purpose; a seeded database is the common case at start-up.
  if ((await db.query('SELECT 1 FROM contacts LIMIT 1')).length) return false;
  const data = demoData();
  const passwordHashes = await Promise.all(data.contacts.map((c) => hashPassword(c.password)));
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * MINUTE).toISOString();
  const seeded = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    // Another node may have seeded while this one was hashing.
    if ((await tx.query('SELECT 1 FROM contacts LIMIT 1')).length) return false;
    const settings = demoSettings(data.portal);
    await savePortalSettings(tx, settings, now);
    for (const company of data.companies) {
      await tx.query('INSERT INTO companies (id, name) VALUES ($1, $2)', [
        company.id,
        company.name,
      ]);
    }
    for (const [index, contact] of data.contacts.entries()) {
      await tx.query(
        `INSERT INTO contacts (id, email, name, company_id, password_hash, created_at, email_verified_at)
         VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $6::timestamptz)`,
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
    await createContactList(tx, DEMO_LIST.name, now, DEMO_LIST.id);
    for (const contact of data.contacts) await addListMember(tx, DEMO_LIST.id, contact, now);
    const invitee = await createContact(
      tx,
      { ...DEMO_INVITEE, passwordHash: null, verified: false },
      now,
    );
    if (!invitee) throw new Error(`${DEMO_INVITEE.email} exists in an unseeded database`);
    await tx.query(`UPDATE contacts SET company_id = 'c-nordlys' WHERE id = $1`, [invitee.id]);
    await addListMember(tx, DEMO_LIST.id, invitee, now);
    const site = {
      portalUrl: portalUrlOf(settings, publicUrl),
      portalTitle: settings.title,
      language: settings.languages[0] ?? 'en',
    };
    await queueLinkMail(tx, site, invitee, 'invitation', now);
    for (const stage of data.stages) {
      await tx.query(
        'INSERT INTO stages (id, pipeline, label, closed, sort_order) VALUES ($1, $2, $3, $4, $5)',
        [stage.id, stage.pipeline, stage.label, stage.closed, stage.order],
      );
    }
    for (const inbox of DEMO_INBOXES) {
      await tx.query(
        'INSERT INTO inboxes (id, name, created_at) VALUES ($1, $2, $3::timestamptz)',
        [inbox.id, inbox.name, now.toISOString()],
      );
    }
    const pipelines = new Map(data.stages.map((stage) => [stage.id, stage.pipeline]));
    for (const ticket of data.tickets) {
      // A ticket with a conversation sits in its pipeline's inbox; one filed by phone in none.
      const pipeline = ticket.threads.length ? pipelines.get(ticket.stageId) : undefined;
      const inbox = DEMO_INBOXES.find((candidate) => candidate.pipeline === pipeline);
      await insertSeedTicket(tx, ticket, inbox?.id ?? null, at);
    }
    // New tickets continue after the seed's ids instead of colliding with them.
    await tx.query(
      `SELECT setval(pg_get_serial_sequence('tickets', 'id'), (SELECT max(id) FROM tickets))`,
    );
    return true;
  });
  if (seeded) forgetCachedPortalSettings();
  return seeded;
}

async function insertSeedTicket(
  tx: Queryable,
  ticket: SeedTicket,
  inboxId: string | null,
  at: (minutesAgo: number) => string,
): Promise<void> {
  const messages = ticket.threads.flatMap((thread) => thread.messages);
  const newest = Math.min(ticket.minutesAgo, ...messages.map((m) => m.minutesAgo));
  await tx.query(
    `INSERT INTO tickets (id, contact_id, subject, stage_id, source, properties, created_at,
                          last_activity_at, inbox_id)
     VALUES ($1::bigint, $2, $3, $4, $5, $6::jsonb, $7::timestamptz, $8::timestamptz, $9)`,
    [
      ticket.id,
      ticket.contactId,
      ticket.subject,
      ticket.stageId,
      ticket.source,
      JSON.stringify(ticket.properties),
      at(ticket.minutesAgo),
      at(newest),
      inboxId,
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
