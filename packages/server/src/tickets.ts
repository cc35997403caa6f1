import {
  PortalError,
  stageStatus,
  validateNewTicket,
  validateReply,
  type Contact,
  type Message,
  type NewTicketInput,
  type Page,
  type PortalConfig,
  type ReplyInput,
  type Ticket,
  type TicketQuery,
} from '@kundportal/core';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Database, Queryable, SqlValue } from './db.js';

interface TicketRow {
  id: string;
  subject: string;
  created_at: Date;
  last_activity_at: Date;
  properties: Record<string, string>;
  stage_label: string;
  closed: boolean;
}

interface MessageRow {
  id: string;
  ticket_id: string;
  kind: 'agent' | 'customer';
  author_name: string;
  body: string;
  created_at: Date;
}

const TICKET_COLUMNS = `t.id::text AS id, t.subject, t.created_at, t.last_activity_at,
  t.properties, s.label AS stage_label, s.closed`;
const TICKET_FROM = 'tickets t JOIN stages s ON s.id = t.stage_id';
const TICKET_SELECT = `SELECT ${TICKET_COLUMNS} FROM ${TICKET_FROM}`;

const MESSAGE_SELECT = `
  SELECT m.id, th.ticket_id::text AS ticket_id, m.kind, m.author_name, m.body, m.created_at
  FROM messages m JOIN threads th ON th.id = m.thread_id`;

const SORT_COLUMNS = { createdAt: 't.created_at', lastActivityAt: 't.last_activity_at' } as const;

// The sort time in UTC with microseconds, whatever the session's DateStyle or TimeZone, so a
// cursor resumes exactly where the page ended.
const sortKeySql = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// Ticket ids are bigints; anything else cannot name a ticket, so it is "not found".
const TICKET_ID = /^\d{1,18}$/;

const NOT_FOUND = 'There is no such ticket.';

/** One page of the contact's own tickets, filtered, searched and sorted as asked. */
export async function listTickets(
  db: Queryable,
  contact: Contact,
  query: Required<TicketQuery>,
): Promise<Page<Ticket>> {
  if (query.scope === 'company') {
    throw new PortalError('forbidden', 'You may see only your own tickets.');
  }
  const descending = query.sort.startsWith('-');
  const column = SORT_COLUMNS[query.sort.replace('-', '') as keyof typeof SORT_COLUMNS];
  const params: SqlValue[] = [contact.id];
  const where = ['t.contact_id = $1'];
  if (query.status !== 'all') {
    params.push(query.status === 'closed');
    where.push(`s.closed = $${params.length}`);
  }
  if (query.q) {
    params.push(`%${query.q.replace(/[\\%_]/g, '\\$&')}%`);
    where.push(`t.subject ILIKE $${params.length} ESCAPE '\\'`);
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    params.push(cursor.value, cursor.id);
    where.push(
      `(${column}, t.id) ${descending ? '<' : '>'} ($${params.length - 1}::timestamptz, $${params.length}::bigint)`,
    );
  }
  const direction = descending ? 'DESC' : 'ASC';
  // One row more than asked tells whether there is a next page.
  params.push(query.limit + 1);
  const rows = await db.query<TicketRow & { sort_key: string }>(
    `SELECT ${TICKET_COLUMNS}, ${sortKeySql(column)} AS sort_key FROM ${TICKET_FROM}
     WHERE ${where.join(' AND ')}
     ORDER BY ${column} ${direction}, t.id ${direction}
     LIMIT $${params.length}`,
    params,
  );
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor({ value: last.sort_key, id: last.id }) : null;
  return { items: items.map(toTicket), nextCursor };
}

/** The contact's ticket; `not_found` alike when it does not exist and when it is not theirs. */
export async function findTicket(db: Queryable, contact: Contact, id: string): Promise<Ticket> {
  return toTicket(await ownTicketRow(db, contact, id));
}

/** Customer-visible messages of the ticket's latest thread, oldest first. */
export async function listLatestMessages(
  db: Queryable,
  contact: Contact,
  ticketId: string,
): Promise<Message[]> {
  const ticket = await ownTicketRow(db, contact, ticketId);
  const threadId = await latestThreadId(db, ticket.id);
  if (!threadId) return [];
  // Internal notes stay with the agents: they never leave through the portal API.
  const rows = await db.query<MessageRow>(
    `${MESSAGE_SELECT} WHERE m.thread_id = $1 AND m.kind <> 'note' ORDER BY m.created_at, m.seq`,
    [threadId],
  );
  return rows.map(toMessage);
}

/**
 * Adds the contact's reply to the ticket's latest thread (starting one if it has none).
 * A repeated idempotency key returns the stored reply with `created: false`.
 */
export async function addReply(
  db: Database,
  contact: Contact,
  ticketId: string,
  input: ReplyInput,
  now: Date,
): Promise<{ message: Message; created: boolean }> {
  return db.transaction(async (tx) => {
    // Locked, so concurrent replies cannot both start a thread or race a stage change.
    const ticket = await ownTicketRow(tx, contact, ticketId, 'FOR UPDATE OF t');
    const repeat = await findReplyByKey(tx, contact, input.idempotencyKey, ticket.id);
    if (repeat) return { message: repeat, created: false };
    const errors = validateReply(input);
    if (Object.keys(errors).length) {
      throw new PortalError('validation', 'The reply cannot be sent yet.', errors);
    }
    if (ticket.closed) {
      throw new PortalError('conflict', 'This ticket is closed; open a new ticket instead.');
    }
    const at = now.toISOString();
    const threadId =
      (await latestThreadId(tx, ticket.id)) ?? (await startThread(tx, ticket.id, at));
    const [inserted] = await tx.query<{ id: string }>(
      `INSERT INTO messages (thread_id, kind, author_name, contact_id, body, idempotency_key, created_at)
       VALUES ($1, 'customer', $2, $3, $4, $5, $6::timestamptz)
       ON CONFLICT (contact_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [threadId, contact.name, contact.id, input.text.trim(), input.idempotencyKey, at],
    );
    if (!inserted) {
      // A concurrent request stored this key first.
      const stored = await findReplyByKey(tx, contact, input.idempotencyKey, ticket.id);
      if (!stored) throw new Error('The reply stored with this key vanished.');
      return { message: stored, created: false };
    }
    await tx.query('UPDATE tickets SET last_activity_at = $2::timestamptz WHERE id = $1::bigint', [
      ticket.id,
      at,
    ]);
    const [message] = await tx.query<MessageRow>(`${MESSAGE_SELECT} WHERE m.id = $1`, [
      inserted.id,
    ]);
    if (!message) throw new Error('The stored reply vanished.');
    return { message: toMessage(message), created: true };
  });
}

/**
 * Files a ticket for the contact from the support form: first open stage of the Support
 * pipeline, the description as the first customer message. A repeated idempotency key
 * returns the ticket filed before with `created: false`.
 */
export async function createTicket(
  db: Database,
  contact: Contact,
  input: NewTicketInput,
  config: Pick<PortalConfig, 'supportForm'>,
  now: Date,
): Promise<{ ticket: Ticket; created: boolean }> {
  return db.transaction(async (tx) => {
    const repeat = await findTicketByKey(tx, contact, input.idempotencyKey);
    if (repeat) return { ticket: repeat, created: false };
    const errors = validateNewTicket(input, config);
    if (Object.keys(errors).length) {
      throw new PortalError('validation', 'Some fields need attention.', errors);
    }
    // The default inbox is a portal setting still to come; until then, the Support pipeline.
    const [stage] = await tx.query<{ id: string }>(
      `SELECT id FROM stages WHERE pipeline = 'Support' AND NOT closed ORDER BY sort_order LIMIT 1`,
    );
    if (!stage) throw new Error('There is no open Support stage to file tickets in.');
    const at = now.toISOString();
    const [inserted] = await tx.query<{ id: string }>(
      `INSERT INTO tickets (contact_id, subject, stage_id, source, properties, idempotency_key,
                            created_at, last_activity_at)
       VALUES ($1, $2, $3, 'form', $4::jsonb, $5, $6::timestamptz, $6::timestamptz)
       ON CONFLICT (contact_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING id::text AS id`,
      [
        contact.id,
        input.subject.trim(),
        stage.id,
        JSON.stringify(input.properties ?? {}),
        input.idempotencyKey,
        at,
      ],
    );
    if (!inserted) {
      // A concurrent request with the same key filed it first.
      const stored = await findTicketByKey(tx, contact, input.idempotencyKey);
      if (!stored) throw new Error('The ticket filed with this key vanished.');
      return { ticket: stored, created: false };
    }
    const threadId = await startThread(tx, inserted.id, at);
    await tx.query(
      `INSERT INTO messages (thread_id, kind, author_name, contact_id, body, created_at)
       VALUES ($1, 'customer', $2, $3, $4, $5::timestamptz)`,
      [threadId, contact.name, contact.id, input.description.trim(), at],
    );
    return { ticket: await findTicket(tx, contact, inserted.id), created: true };
  });
}

async function ownTicketRow(
  db: Queryable,
  contact: Contact,
  id: string,
  lock = '',
): Promise<TicketRow> {
  const [row] = TICKET_ID.test(id)
    ? await db.query<TicketRow>(
        `${TICKET_SELECT} WHERE t.id = $1::bigint AND t.contact_id = $2 ${lock}`,
        [id, contact.id],
      )
    : [];
  // "Not yours" and "not there" give the same answer, so ids reveal nothing.
  if (!row) throw new PortalError('not_found', NOT_FOUND);
  return row;
}

async function findTicketByKey(
  db: Queryable,
  contact: Contact,
  key: string,
): Promise<Ticket | undefined> {
  const [row] = await db.query<TicketRow>(
    `${TICKET_SELECT} WHERE t.contact_id = $1 AND t.idempotency_key = $2`,
    [contact.id, key],
  );
  return row && toTicket(row);
}

/** The contact's reply stored under `key`; a `conflict` if it went to another ticket. */
async function findReplyByKey(
  db: Queryable,
  contact: Contact,
  key: string,
  ticketId: string,
): Promise<Message | undefined> {
  const [row] = await db.query<MessageRow>(
    `${MESSAGE_SELECT} WHERE m.contact_id = $1 AND m.idempotency_key = $2`,
    [contact.id, key],
  );
  if (row && row.ticket_id !== ticketId) {
    throw new PortalError('conflict', 'This idempotency key was already used on another ticket.');
  }
  return row && toMessage(row);
}

async function latestThreadId(db: Queryable, ticketId: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>(
    'SELECT id FROM threads WHERE ticket_id = $1::bigint ORDER BY created_at DESC, seq DESC LIMIT 1',
    [ticketId],
  );
  return row?.id;
}

async function startThread(db: Queryable, ticketId: string, at: string): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO threads (ticket_id, created_at) VALUES ($1::bigint, $2::timestamptz) RETURNING id',
    [ticketId, at],
  );
  if (!row) throw new Error('Starting a thread returned no row.');
  return row.id;
}

function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    subject: row.subject,
    createdAt: new Date(row.created_at).toISOString(),
    lastActivityAt: new Date(row.last_activity_at).toISOString(),
    status: stageStatus(row),
    stageLabel: row.stage_label,
    properties: row.properties,
  };
}

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    author: { kind: row.kind, name: row.author_name },
    text: row.body,
    createdAt: new Date(row.created_at).toISOString(),
    attachments: [],
  };
}
