import { randomBytes } from 'node:crypto';
import type { Attachment, Message } from '@kundportal/core';
import type { Queryable } from '../db.js';
import type { CheckedFile } from './file-check.js';

/** Where a file is downloaded from: `GET /api/attachments/:id`. */
export const ATTACHMENT_URL_PREFIX = '/api/attachments/';

/** Attachment ids: 128 random bits, base64url, so they cannot be guessed or enumerated. */
export const ATTACHMENT_ID = /^[\w-]{22}$/;

/** An attachment's metadata as stored. */
export interface AttachmentRow {
  id: string;
  message_id: string;
  name: string;
  content_type: string;
  size: number;
}

/** An attachment with what decides who may download it. */
export interface StoredAttachment extends Attachment {
  ticketId: string;
  /** The message's kind: files on internal notes never leave through the portal. */
  messageKind: 'agent' | 'customer' | 'note';
}

/** Stores the files with their message, in the caller's transaction. */
export async function storeAttachments(
  tx: Queryable,
  messageId: string,
  files: readonly CheckedFile[],
  at: string,
): Promise<void> {
  for (const [position, file] of files.entries()) {
    // Sent as base64 text and decoded in SQL, so both engines take the bytes the same way.
    await tx.query(
      `INSERT INTO attachments (id, message_id, name, content_type, size, data, position, created_at)
       VALUES ($1, $2, $3, $4, $5, decode($6, 'base64'), $7, $8::timestamptz)`,
      [
        randomBytes(16).toString('base64url'),
        messageId,
        file.name,
        file.contentType,
        file.bytes.byteLength,
        Buffer.from(file.bytes).toString('base64'),
        position,
        at,
      ],
    );
  }
}

/**
 * The attachments of the message `m` as a JSON array of `AttachmentRow`s, in upload order, for
 * a query that reads messages and their files in one go (`attachmentsOf` reads it).
 */
export const MESSAGE_ATTACHMENTS_SQL = `(
  SELECT coalesce(json_agg(json_build_object('id', a.id, 'message_id', a.message_id,
    'name', a.name, 'content_type', a.content_type, 'size', a.size) ORDER BY a.position), '[]')
  FROM attachments a WHERE a.message_id = m.id)`;

/** The attachments `MESSAGE_ATTACHMENTS_SQL` selected, as the API answers them. */
export function attachmentsOf(rows: readonly AttachmentRow[]): Attachment[] {
  return rows.map(toAttachment);
}

/** The messages with their attachments filled in, in upload order. */
export async function withAttachments<M extends Message>(
  db: Queryable,
  messages: M[],
): Promise<M[]> {
  if (!messages.length) return messages;
  const rows = await db.query<AttachmentRow>(
    `SELECT id, message_id, name, content_type, size FROM attachments
     WHERE message_id IN (SELECT jsonb_array_elements_text($1::jsonb))
     ORDER BY message_id, position`,
    [JSON.stringify(messages.map((message) => message.id))],
  );
  const byMessage = new Map<string, Attachment[]>();
  for (const row of rows) {
    byMessage.set(row.message_id, [...(byMessage.get(row.message_id) ?? []), toAttachment(row)]);
  }
  return messages.map((message) => ({ ...message, attachments: byMessage.get(message.id) ?? [] }));
}

/** The attachment's metadata and where it belongs, without its bytes. */
export async function findAttachment(
  db: Queryable,
  id: string,
): Promise<StoredAttachment | undefined> {
  if (!ATTACHMENT_ID.test(id)) return undefined;
  const [row] = await db.query<
    AttachmentRow & { ticket_id: string; kind: StoredAttachment['messageKind'] }
  >(
    `SELECT a.id, a.message_id, a.name, a.content_type, a.size,
            th.ticket_id::text AS ticket_id, m.kind
     FROM attachments a JOIN messages m ON m.id = a.message_id JOIN threads th ON th.id = m.thread_id
     WHERE a.id = $1`,
    [id],
  );
  return row && { ...toAttachment(row), ticketId: row.ticket_id, messageKind: row.kind };
}

/** The attachment's bytes. */
export async function attachmentBytes(db: Queryable, id: string): Promise<Uint8Array> {
  const [row] = await db.query<{ data: Uint8Array }>('SELECT data FROM attachments WHERE id = $1', [
    id,
  ]);
  if (!row) throw new Error('The attachment vanished.');
  return row.data;
}

function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    name: row.name,
    size: Number(row.size),
    contentType: row.content_type,
    url: `${ATTACHMENT_URL_PREFIX}${row.id}`,
  };
}
