import { PortalError } from '@kundportal/core';

/** Where the next page starts: the last row's sort time (UTC, microseconds) and id. */
export interface TicketCursor {
  value: string;
  id: string;
}

// Exactly what `SORT_KEY_SQL` in tickets.ts writes, so nothing else reaches the query.
const SORT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const TICKET_ID = /^\d{1,18}$/;

/** An opaque base64url token for the page after `cursor`. */
export function encodeCursor(cursor: TicketCursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url');
}

/** Reads a token from `encodeCursor`; anything else is a `validation` error. */
export function decodeCursor(token: string): TicketCursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [value, id] = decoded as unknown[];
      const valid =
        typeof value === 'string' &&
        SORT_TIME.test(value) &&
        !Number.isNaN(Date.parse(value)) &&
        typeof id === 'string' &&
        TICKET_ID.test(id);
      if (valid) return { value, id };
    }
  } catch {
    // Falls through to the validation error: a garbled cursor is the client's mistake.
  }
  throw new PortalError('validation', 'The page cursor is not valid.', {
    cursor: 'Start again from the first page.',
  });
}
