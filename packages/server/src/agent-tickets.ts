import { PortalError, type IsoDate, type Page, type Ticket } from '@kundportal/core';
import type { Queryable, SqlValue } from './db.js';
import { publishChange } from './events/notices.js';
import {
  listAllMessages,
  pageOfTickets,
  TICKET_COLUMNS,
  TICKET_FROM,
  toTicket,
  type AgentMessage,
  type TicketRow,
} from './tickets.js';

/** A ticket as agents see it: where it stands, where it came from and who it is for. */
export interface AgentTicket extends Ticket {
  source: 'form' | 'email' | 'chat' | 'phone';
  stageId: string;
  pipeline: string;
  /** `null` until someone writes to a ticket that came in without a conversation. */
  inboxId: string | null;
  contact: { id: string; email: string; name: string };
}

/** One conversation of a ticket, internal notes included. */
export interface AgentThread {
  id: string;
  createdAt: IsoDate;
  messages: AgentMessage[];
}

/** A ticket with every thread, oldest first. */
export interface AgentTicketDetail extends AgentTicket {
  threads: AgentThread[];
}

interface AgentTicketRow extends TicketRow {
  source: AgentTicket['source'];
  stage_id: string;
  pipeline: string;
  inbox_id: string | null;
  contact_id: string;
  contact_email: string;
}

const AGENT_TICKET_COLUMNS = `${TICKET_COLUMNS}, t.source, t.stage_id, s.pipeline, t.inbox_id,
  rc.id AS contact_id, rc.email AS contact_email`;

const TICKET_ID = /^\d{1,18}$/;

/** `GET /api/agent/tickets`: an inbox's tickets (every inbox's without `inbox`). */
export interface InboxQuery {
  inbox: string | null;
  status: 'open' | 'closed' | 'all';
  cursor: string | null;
  limit: number;
}

/** A page of tickets, most recently active first, with their contacts. */
export async function listInboxTickets(
  db: Queryable,
  query: InboxQuery,
): Promise<Page<AgentTicket>> {
  const params: SqlValue[] = [];
  const where: string[] = [];
  if (query.inbox !== null) {
    await assertKnown(db, 'inboxes', query.inbox, 'inbox', 'There is no such inbox.');
    params.push(query.inbox);
    where.push(`t.inbox_id = $${params.length}`);
  }
  if (query.status !== 'all') {
    params.push(query.status === 'closed');
    where.push(`s.closed = $${params.length}`);
  }
  const { rows, nextCursor } = await pageOfTickets<AgentTicketRow>(db, {
    columns: AGENT_TICKET_COLUMNS,
    where,
    params,
    sort: '-lastActivityAt',
    cursor: query.cursor,
    limit: query.limit,
  });
  return { items: rows.map(toAgentTicket), nextCursor };
}

/** The ticket with every thread and internal note; `not_found` if there is none. */
export async function agentTicketDetail(db: Queryable, id: string): Promise<AgentTicketDetail> {
  const ticket = await findAgentTicket(db, id);
  const threads = await db.query<{ id: string; created_at: Date }>(
    'SELECT id, created_at FROM threads WHERE ticket_id = $1::bigint ORDER BY created_at, seq',
    [id],
  );
  const messages = await listAllMessages(db, id);
  return {
    ...ticket,
    threads: threads.map((thread) => ({
      id: thread.id,
      createdAt: new Date(thread.created_at).toISOString(),
      messages: messages.filter((message) => message.threadId === thread.id),
    })),
  };
}

/** `PATCH /api/agent/tickets/:id`: another stage, another inbox, or both. */
export interface TicketMove {
  stageId?: string;
  inboxId?: string;
}

/** Moves the ticket to a known stage and/or inbox (422 naming the unknown one). */
export async function moveTicket(
  db: Queryable,
  id: string,
  move: TicketMove,
): Promise<AgentTicket> {
  await findAgentTicket(db, id);
  if (move.stageId !== undefined) {
    await assertKnown(db, 'stages', move.stageId, 'stageId', 'There is no such stage.');
    await db.query('UPDATE tickets SET stage_id = $2 WHERE id = $1::bigint', [id, move.stageId]);
    // Customers see the stage (or Open/Closed); an inbox move is invisible to them.
    await publishChange(db, { type: 'ticket', ticketId: id });
  }
  if (move.inboxId !== undefined) {
    await assertKnown(db, 'inboxes', move.inboxId, 'inboxId', 'There is no such inbox.');
    await db.query('UPDATE tickets SET inbox_id = $2 WHERE id = $1::bigint', [id, move.inboxId]);
  }
  return findAgentTicket(db, id);
}

/** 422 naming `field` unless the inbox exists (for settings that point at one). */
export async function assertKnownInbox(db: Queryable, id: string, field: string): Promise<void> {
  await assertKnown(db, 'inboxes', id, field, 'There is no such inbox.');
}

async function assertKnown(
  db: Queryable,
  table: 'inboxes' | 'stages',
  id: string,
  field: string,
  message: string,
): Promise<void> {
  const found = await db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
  if (!found.length) throw new PortalError('validation', message, { [field]: message });
}

async function findAgentTicket(db: Queryable, id: string): Promise<AgentTicket> {
  const [row] = TICKET_ID.test(id)
    ? await db.query<AgentTicketRow>(
        `SELECT ${AGENT_TICKET_COLUMNS} FROM ${TICKET_FROM} WHERE t.id = $1::bigint`,
        [id],
      )
    : [];
  if (!row) throw new PortalError('not_found', 'There is no such ticket.');
  return toAgentTicket(row);
}

function toAgentTicket(row: AgentTicketRow): AgentTicket {
  return {
    ...toTicket(row),
    source: row.source,
    stageId: row.stage_id,
    pipeline: row.pipeline,
    inboxId: row.inbox_id,
    contact: { id: row.contact_id, email: row.contact_email, name: row.requester_name },
  };
}
