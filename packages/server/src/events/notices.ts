import type { Queryable } from '../db.js';

/** The NOTIFY channel every server process listens on. */
export const EVENTS_CHANNEL = 'kundportal_events';

/**
 * What changed, by id only: NOTIFY payloads are small (8000 bytes) and go to every process, so
 * each listener reads the current state itself, as each subscriber may see it.
 */
export type ChangeNotice =
  { type: 'ticket'; ticketId: string } | { type: 'message'; ticketId: string; messageId: string };

/**
 * Announces a change from inside the transaction that makes it: Postgres delivers the notice
 * on commit, and never when the transaction rolls back.
 */
export async function publishChange(tx: Queryable, notice: ChangeNotice): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify(notice)]);
}

/** The notice in a NOTIFY payload, or `null` for anything else on the channel. */
export function parseNotice(payload: string): ChangeNotice | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { type, ticketId, messageId } = value as Record<string, unknown>;
  if (typeof ticketId !== 'string') return null;
  if (type === 'ticket') return { type, ticketId };
  if (type === 'message' && typeof messageId === 'string') return { type, ticketId, messageId };
  return null;
}
