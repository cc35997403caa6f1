import {
  PortalError,
  stageStatus,
  validateNewTicket,
  validateReply,
  type BuiltInColumn,
  type Contact,
  type Message,
  type NewTicketInput,
  type Page,
  type PortalConfig,
  type ReplyInput,
  type Ticket,
  type TicketQuery,
  type TicketSort,
} from '@kundportal/core';
import type { CheckedFile } from './attachments/file-check.js';
import {
  attachmentsOf,
  MESSAGE_ATTACHMENTS_SQL,
  storeAttachments,
  withAttachments,
  type AttachmentRow,
} from './attachments/store.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Database, Queryable, SqlValue } from './db.js';
import { publishChange } from './events/notices.js';
import { assertCompanyAccess, viewerTicketsSql, type TicketViewer } from './ticket-viewer.js';
import { currentLanguage, t } from './i18n.js';

/** A `tickets` row as `TICKET_COLUMNS` selects it. */
export interface TicketRow {
  id: string;
  subject: string;
  created_at: Date;
  last_activity_at: Date;
  properties: Record<string, string>;
  stage_label: string;
  closed: boolean;
  requester_name: string;
}

/** What a message is: a customer's, an agent's reply, or an agent's internal note. */
export type MessageKind = 'customer' | 'agent' | 'note';

interface MessageRow {
  id: string;
  ticket_id: string;
  thread_id: string;
  kind: MessageKind;
  author_name: string;
  body: string;
  html: string | null;
  created_at: Date;
}

/** A message as agents see it: with its thread and kind, internal notes included. */
export interface AgentMessage extends Message {
  threadId: string;
  kind: MessageKind;
}

/** The columns of a `Ticket`, over `TICKET_FROM`. */
export const TICKET_COLUMNS = `t.id::text AS id, t.subject, t.created_at, t.last_activity_at,
  t.properties, s.label AS stage_label, s.closed, rc.name AS requester_name`;
/** Tickets `t` with their stage `s` and requester `rc`. */
export const TICKET_FROM = `tickets t JOIN stages s ON s.id = t.stage_id
  JOIN contacts rc ON rc.id = t.contact_id`;
const TICKET_SELECT = `SELECT ${TICKET_COLUMNS} FROM ${TICKET_FROM}`;

const MESSAGE_SELECT = `
  SELECT m.id, th.ticket_id::text AS ticket_id, m.thread_id, m.kind, m.author_name, m.body,
         m.html, m.created_at
  FROM messages m JOIN threads th ON th.id = m.thread_id`;

// The sort time in UTC with microseconds, whatever the session's DateStyle or TimeZone, so a
// cursor resumes exactly where the page ended.
const sortTimeSql = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Per sort: the expression ordered by, its type for the cursor's parameter, and how the cursor
 * writes the value (cursor.ts checks each format). Subjects sort case-insensitively; status
 * sorts `closed` before `open`, like the words do.
 */
const SORT_COLUMNS: Record<BuiltInColumn, { order: string; type: string; value: string }> = {
  id: { order: 't.id', type: 'bigint', value: 't.id::text' },
  subject: { order: 'lower(t.subject)', type: 'text', value: 'lower(t.subject)' },
  createdAt: { order: 't.created_at', type: 'timestamptz', value: sortTimeSql('t.created_at') },
  lastActivityAt: {
    order: 't.last_activity_at',
    type: 'timestamptz',
    value: sortTimeSql('t.last_activity_at'),
  },
  status: { order: '(NOT s.closed)', type: 'boolean', value: '(NOT s.closed)::text' },
};

// Ticket ids are bigints written canonically (no leading zeros, so one ticket has one name);
// anything else cannot name a ticket, so it is "not found".
const TICKET_ID = /^[1-9]\d{0,17}$/;

/** What `pageOfTickets` selects, filters and pages by. */
export interface TicketPageQuery {
  /** The columns, over `TICKET_FROM`; `id` among them. */
  columns: string;
  /** Conditions that all hold, with their values in `params`. */
  where: string[];
  params: SqlValue[];
  sort: TicketSort;
  cursor: string | null;
  limit: number;
}

/**
 * One page of tickets in a stable order: the sort column, then the id. A cursor holds the
 * last row's sort value and id, so a page resumes exactly after it even while tickets change.
 */
export async function pageOfTickets<Row extends { id: string }>(
  db: Queryable,
  query: TicketPageQuery,
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const descending = query.sort.startsWith('-');
  const column = SORT_COLUMNS[query.sort.replace('-', '') as BuiltInColumn];
  const params = [...query.params];
  const where = [...query.where];
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, query.sort);
    params.push(cursor.value, cursor.id);
    where.push(
      `(${column.order}, t.id) ${descending ? '<' : '>'} ($${params.length - 1}::${column.type}, $${params.length}::bigint)`,
    );
  }
  const direction = descending ? 'DESC' : 'ASC';
  // One row more than asked tells whether there is a next page.
  params.push(query.limit + 1);
  const rows = await db.query<Row & { sort_value: string }>(
    `SELECT ${query.columns}, ${column.value} AS sort_value FROM ${TICKET_FROM}
     WHERE ${where.join(' AND ') || 'true'}
     ORDER BY ${column.order} ${direction}, t.id ${direction}
     LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ sort: query.sort, value: last.sort_value, id: last.id })
      : null;
  return { rows: page, nextCursor };
}

/**
 * A condition for tickets whose subject or customer-visible messages match the search words
 * (`$n` holds them): web-search syntax, each word also as a prefix. Internal notes have no
 * search vector (migration 004), so they never match.
 */
function searchSql(placeholder: string): string {
  // First the ticket's own words (migration 007): a ticket without all the words the search
  // needs is passed over without opening its threads. Written as `IS TRUE` so it stays a check
  // on each ticket read in the page's order: as an index condition, PostgreSQL would collect
  // every ticket with a common word before it sorts them and picks a page.
  // OFFSET 0 keeps the messages checked ticket by ticket, as the page's tickets are read in
  // order: otherwise PostgreSQL collects every matching message in the database, whoever's
  // ticket it is on, and joins them with every thread before it picks a single ticket.
  // Each query is worked out once per run, in a subquery of its own: in a plan made for any
  // search (a prepared statement's), a call on the parameter would run again for every ticket.
  const prefilter = `(SELECT ticket_search_prefilter(${placeholder}))`;
  const query = `(SELECT ticket_search_query(${placeholder}))`;
  return `(${prefilter} IS NULL OR (t.search_words @@ ${prefilter}) IS TRUE)
    AND (t.search_vector @@ ${query} OR EXISTS (
    SELECT 1 FROM threads th JOIN messages m ON m.thread_id = th.id
    WHERE th.ticket_id = t.id AND m.search_vector @@ ${query}
    OFFSET 0))`;
}

/**
 * One page of the viewer's tickets (`scope=company`: also their company's, if allowed),
 * filtered, searched and sorted as asked, and only those the portal's filter rules let through.
 */
export async function listTickets(
  db: Queryable,
  viewer: TicketViewer,
  query: Required<TicketQuery>,
): Promise<Page<Ticket>> {
  if (query.scope === 'company') assertCompanyAccess(viewer);
  const params: SqlValue[] = [];
  const where = [viewerTicketsSql(viewer, query.scope === 'company' ? 'viewable' : 'own', params)];
  if (query.status !== 'all') {
    params.push(query.status === 'closed');
    where.push(`s.closed = $${params.length}`);
  }
  if (query.q) {
    params.push(query.q);
    where.push(searchSql(`$${params.length}`));
  }
  const { rows, nextCursor } = await pageOfTickets<TicketRow>(db, {
    columns: TICKET_COLUMNS,
    where,
    params,
    sort: query.sort,
    cursor: query.cursor,
    limit: query.limit,
  });
  return { items: rows.map(toTicket), nextCursor };
}

/**
 * How many of the viewer's own open tickets (under the filter rules, as the list shows them)
 * wait for the customer: the latest customer-visible message of their latest thread is an
 * agent's. Internal notes do not count, as the customer never sees them.
 */
export async function ticketSummary(
  db: Queryable,
  viewer: TicketViewer,
): Promise<{ awaitingReply: number }> {
  const params: SqlValue[] = [];
  const own = viewerTicketsSql(viewer, 'own', params);
  const [row] = await db.query<{ awaiting: number }>(
    `SELECT count(*)::int AS awaiting FROM ${TICKET_FROM}
     WHERE ${own} AND NOT s.closed AND (
       SELECT m.kind FROM messages m
       WHERE m.kind <> 'note' AND m.thread_id = (
         SELECT th.id FROM threads th WHERE th.ticket_id = t.id
         ORDER BY th.created_at DESC, th.seq DESC LIMIT 1)
       ORDER BY m.created_at DESC, m.seq DESC LIMIT 1) = 'agent'`,
    params,
  );
  return { awaitingReply: row?.awaiting ?? 0 };
}

/**
 * A ticket the viewer may open; `not_found` alike when it does not exist, is not theirs or
 * their company's, or the filter rules leave it out.
 */
export async function findTicket(db: Queryable, viewer: TicketViewer, id: string): Promise<Ticket> {
  return toTicket(await viewableTicketRow(db, viewer, id));
}

/**
 * Customer-visible messages of the ticket's latest thread, oldest first, with their files;
 * `not_found` as `findTicket` answers it.
 */
export async function listLatestMessages(
  db: Queryable,
  viewer: TicketViewer,
  ticketId: string,
): Promise<Message[]> {
  if (!TICKET_ID.test(ticketId)) throw new PortalError('not_found', t('noSuchTicket'));
  const params: SqlValue[] = [ticketId];
  // One round trip for what would be four (ticket, thread, messages, files): a row per message,
  // or one row without a message when the viewable ticket has none, and no row when the viewer
  // may not see the ticket. Internal notes stay with the agents: they never leave through here.
  const rows = await db.query<
    Omit<MessageRow, 'id'> & { id: string | null; attachments: AttachmentRow[] }
  >(
    `SELECT m.id, t.id::text AS ticket_id, m.thread_id, m.kind, m.author_name, m.body, m.html,
            m.created_at, ${MESSAGE_ATTACHMENTS_SQL} AS attachments
     FROM tickets t JOIN stages s ON s.id = t.stage_id
     LEFT JOIN LATERAL (
       SELECT th.id FROM threads th WHERE th.ticket_id = t.id
       ORDER BY th.created_at DESC, th.seq DESC LIMIT 1) latest ON true
     LEFT JOIN messages m ON m.thread_id = latest.id AND m.kind <> 'note'
     WHERE t.id = $1::bigint AND ${viewerTicketsSql(viewer, 'viewable', params)}
     ORDER BY m.created_at, m.seq`,
    params,
  );
  if (!rows.length) throw new PortalError('not_found', t('noSuchTicket'));
  return rows.flatMap(({ id, attachments, ...row }) =>
    id === null ? [] : [{ ...toMessage({ ...row, id }), attachments: attachmentsOf(attachments) }],
  );
}

/**
 * Adds the viewer's reply to the ticket's latest thread (starting one if it has none), on
 * their own ticket or, with company access, a colleague's. A ticket in no inbox moves to the
 * default inbox, so the reply reaches an agent. A repeated idempotency key returns the stored
 * reply with `created: false`.
 */
export async function addReply(
  db: Database,
  viewer: TicketViewer,
  ticketId: string,
  input: ReplyInput,
  now: Date,
  /** Checked uploads, stored with the reply (not on an idempotent repeat). */
  files: readonly CheckedFile[] = [],
): Promise<{ message: Message; created: boolean }> {
  const { contact } = viewer;
  return db.transaction(async (tx) => {
    // Locked, so concurrent replies cannot both start a thread or race a stage change.
    const ticket = await viewableTicketRow(tx, viewer, ticketId, 'FOR UPDATE OF t');
    const repeat = await findReplyByKey(tx, contact, input.idempotencyKey, ticket.id);
    if (repeat) return { message: repeat, created: false };
    const errors = validateReply(input, currentLanguage());
    if (Object.keys(errors).length) {
      throw new PortalError('validation', t('replyNotYet'), errors);
    }
    if (ticket.closed) {
      throw new PortalError('conflict', t('ticketClosed'));
    }
    const at = now.toISOString();
    const threadId = await conversationOf(tx, ticket.id, viewer.defaultInboxId, at);
    const message = await insertMessage(tx, {
      ticketId: ticket.id,
      threadId,
      kind: 'customer',
      authorName: contact.name,
      contactId: contact.id,
      text: input.text.trim(),
      idempotencyKey: input.idempotencyKey,
      files,
      at,
    });
    if (!message) {
      // A concurrent request stored this key first.
      const stored = await findReplyByKey(tx, contact, input.idempotencyKey, ticket.id);
      if (!stored) throw new Error('The reply stored with this key vanished.');
      return { message: stored, created: false };
    }
    return { message: toMessage(message), created: true };
  });
}

/** An agent's reply (customer-visible) or internal note, from the agent API. */
export interface AgentMessageInput {
  text: string;
  /** The reply as HTML (from email), stored raw: the elements sanitize it before showing it. */
  html?: string | null;
  /** An internal note: agents only, never shown in the portal. */
  internal?: boolean;
  authorName: string;
}

/**
 * Adds an agent's reply or internal note to the ticket's latest thread (starting one, in the
 * default inbox if the ticket has none). Every agent message goes through here.
 */
export async function addAgentMessage(
  db: Database,
  ticketId: string,
  input: AgentMessageInput,
  defaultInboxId: string | null,
  now: Date,
): Promise<AgentMessage> {
  return db.transaction(async (tx) => {
    const [ticket] = TICKET_ID.test(ticketId)
      ? await tx.query<{ id: string }>(
          'SELECT id::text AS id FROM tickets WHERE id = $1::bigint FOR UPDATE',
          [ticketId],
        )
      : [];
    if (!ticket) throw new PortalError('not_found', t('noSuchTicket'));
    const at = now.toISOString();
    const internal = input.internal === true;
    const message = await insertMessage(tx, {
      ticketId: ticket.id,
      threadId: await conversationOf(tx, ticket.id, defaultInboxId, at),
      kind: internal ? 'note' : 'agent',
      authorName: input.authorName,
      contactId: null,
      text: input.text.trim(),
      html: internal ? null : (input.html ?? null),
      at,
    });
    if (!message) throw new Error('The agent message was not stored.');
    return toAgentMessage(message);
  });
}

/** A message to store; `ticketId` must own `threadId`. */
interface NewMessage {
  ticketId: string;
  threadId: string;
  kind: MessageKind;
  authorName: string;
  /** The contact who wrote a customer message. */
  contactId: string | null;
  text: string;
  html?: string | null;
  idempotencyKey?: string;
  /** Checked uploads, stored in the same transaction as the message. */
  files?: readonly CheckedFile[];
  at: string;
}

/**
 * Stores a message and moves the ticket's last activity to it (internal notes do not move it:
 * customers would see a change with nothing to read). Every message is inserted here. Returns
 * `undefined` when the contact already stored a message under the idempotency key.
 */
async function insertMessage(tx: Queryable, message: NewMessage): Promise<MessageRow | undefined> {
  const [inserted] = await tx.query<{ id: string }>(
    `INSERT INTO messages (thread_id, kind, author_name, contact_id, body, html, idempotency_key,
                           created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz)
     ON CONFLICT (contact_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING id`,
    [
      message.threadId,
      message.kind,
      message.authorName,
      message.contactId,
      message.text,
      message.html ?? null,
      message.idempotencyKey ?? null,
      message.at,
    ],
  );
  if (!inserted) return undefined;
  if (message.files?.length) await storeAttachments(tx, inserted.id, message.files, message.at);
  if (message.kind !== 'note') {
    // GREATEST: a node with a slow clock never moves the activity back.
    await tx.query(
      `UPDATE tickets SET last_activity_at = GREATEST(last_activity_at, $2::timestamptz)
       WHERE id = $1::bigint`,
      [message.ticketId, message.at],
    );
    // Delivered on commit to every server process; notes are never announced.
    await publishChange(tx, {
      type: 'message',
      ticketId: message.ticketId,
      messageId: inserted.id,
    });
    await publishChange(tx, { type: 'ticket', ticketId: message.ticketId });
  }
  const [row] = await tx.query<MessageRow>(`${MESSAGE_SELECT} WHERE m.id = $1`, [inserted.id]);
  if (!row) throw new Error('The stored message vanished.');
  return row;
}

/**
 * The thread a new message goes to: the latest, or a new one. A ticket in no inbox (one filed
 * by phone, say) is put in the default inbox, so whoever writes to it reaches an agent.
 */
async function conversationOf(
  tx: Queryable,
  ticketId: string,
  defaultInboxId: string | null,
  at: string,
): Promise<string> {
  if (defaultInboxId !== null) {
    await tx.query('UPDATE tickets SET inbox_id = $2 WHERE id = $1::bigint AND inbox_id IS NULL', [
      ticketId,
      defaultInboxId,
    ]);
  }
  return (await latestThreadId(tx, ticketId)) ?? (await startThread(tx, ticketId, at));
}

/**
 * Files a ticket for the viewer from the support form: first open stage of the Support
 * pipeline, in the default inbox, the description as the first customer message. A repeated
 * idempotency key returns the ticket filed before with `created: false`. The answer is the
 * ticket as filed, even if the filter rules keep it out of the portal's lists.
 */
export async function createTicket(
  db: Database,
  viewer: TicketViewer,
  input: NewTicketInput,
  config: Pick<PortalConfig, 'supportForm'>,
  now: Date,
  /** Checked uploads, stored with the description (not on an idempotent repeat). */
  files: readonly CheckedFile[] = [],
): Promise<{ ticket: Ticket; created: boolean }> {
  const { contact } = viewer;
  return db.transaction(async (tx) => {
    const repeat = await findTicketByKey(tx, contact, input.idempotencyKey);
    if (repeat) return { ticket: repeat, created: false };
    const errors = validateNewTicket(input, config, currentLanguage());
    if (Object.keys(errors).length) {
      throw new PortalError('validation', t('someFieldsNeedAttention'), errors);
    }
    const [stage] = await tx.query<{ id: string }>(
      `SELECT id FROM stages WHERE pipeline = 'Support' AND NOT closed ORDER BY sort_order LIMIT 1`,
    );
    if (!stage) throw new Error('There is no open Support stage to file tickets in.');
    const at = now.toISOString();
    const [inserted] = await tx.query<{ id: string }>(
      `INSERT INTO tickets (contact_id, subject, stage_id, source, properties, idempotency_key,
                            created_at, last_activity_at, inbox_id)
       VALUES ($1, $2, $3, 'form', $4::jsonb, $5, $6::timestamptz, $6::timestamptz, $7)
       ON CONFLICT (contact_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING id::text AS id`,
      [
        contact.id,
        input.subject.trim(),
        stage.id,
        JSON.stringify(input.properties ?? {}),
        input.idempotencyKey,
        at,
        viewer.defaultInboxId,
      ],
    );
    if (!inserted) {
      // A concurrent request with the same key filed it first.
      const stored = await findTicketByKey(tx, contact, input.idempotencyKey);
      if (!stored) throw new Error('The ticket filed with this key vanished.');
      return { ticket: stored, created: false };
    }
    await insertMessage(tx, {
      ticketId: inserted.id,
      threadId: await startThread(tx, inserted.id, at),
      kind: 'customer',
      authorName: contact.name,
      contactId: contact.id,
      text: input.description.trim(),
      files,
      at,
    });
    const filed = await findTicketByKey(tx, contact, input.idempotencyKey);
    if (!filed) throw new Error('The ticket just filed vanished.');
    return { ticket: filed, created: true };
  });
}

async function viewableTicketRow(
  db: Queryable,
  viewer: TicketViewer,
  id: string,
  lock = '',
): Promise<TicketRow> {
  const params: SqlValue[] = [id];
  const [row] = TICKET_ID.test(id)
    ? await db.query<TicketRow>(
        `${TICKET_SELECT} WHERE t.id = $1::bigint AND ${viewerTicketsSql(viewer, 'viewable', params)} ${lock}`,
        params,
      )
    : [];
  // "Not yours", "filtered out" and "not there" give the same answer, so ids reveal nothing.
  if (!row) throw new PortalError('not_found', t('noSuchTicket'));
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

/** A row from `TICKET_COLUMNS` as the API answers it. */
export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    subject: row.subject,
    createdAt: new Date(row.created_at).toISOString(),
    lastActivityAt: new Date(row.last_activity_at).toISOString(),
    status: stageStatus(row),
    stageLabel: row.stage_label,
    requesterName: row.requester_name,
    properties: row.properties,
  };
}

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    author: { kind: row.kind === 'customer' ? 'customer' : 'agent', name: row.author_name },
    text: row.body,
    ...(row.html !== null && { html: row.html }),
    createdAt: new Date(row.created_at).toISOString(),
    attachments: [],
  };
}

function toAgentMessage(row: MessageRow): AgentMessage {
  return { ...toMessage(row), threadId: row.thread_id, kind: row.kind };
}

/** Every message of the ticket, internal notes included, by thread, oldest first. */
export async function listAllMessages(db: Queryable, ticketId: string): Promise<AgentMessage[]> {
  const rows = await db.query<MessageRow>(
    `${MESSAGE_SELECT} WHERE th.ticket_id = $1::bigint
     ORDER BY th.created_at, th.seq, m.created_at, m.seq`,
    [ticketId],
  );
  return withAttachments(db, rows.map(toAgentMessage));
}
