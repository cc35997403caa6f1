import { PortalError, type BuiltInColumn, type TicketSort } from '@kundportal/core';

/** Where the next page starts: the sort it belongs to, the last row's sort value and its id. */
export interface TicketCursor {
  sort: TicketSort;
  /** As `SORT_COLUMNS` in tickets.ts writes it: UTC time with microseconds, text or boolean. */
  value: string;
  id: string;
}

const TICKET_ID = /^\d{1,18}$/;
const SORT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

// What each sort's value may look like, so nothing else reaches the query's casts.
const VALUE_FORMATS: Record<BuiltInColumn, (value: string) => boolean> = {
  id: (value) => TICKET_ID.test(value),
  subject: (value) => value.length <= 1000,
  createdAt: (value) => SORT_TIME.test(value) && !Number.isNaN(Date.parse(value)),
  lastActivityAt: (value) => SORT_TIME.test(value) && !Number.isNaN(Date.parse(value)),
  status: (value) => value === 'true' || value === 'false',
};

/** An opaque base64url token for the page after `cursor`. */
export function encodeCursor(cursor: TicketCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString('base64url');
}

/**
 * Reads a token from `encodeCursor` for a list sorted by `sort`; anything else, including a
 * cursor of another sort, is a `validation` error.
 */
export function decodeCursor(token: string, sort: TicketSort): TicketCursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 3) {
      const [given, value, id] = decoded as unknown[];
      const column = sort.replace('-', '') as BuiltInColumn;
      const valid =
        given === sort &&
        typeof value === 'string' &&
        VALUE_FORMATS[column](value) &&
        typeof id === 'string' &&
        TICKET_ID.test(id);
      if (valid) return { sort, value, id };
    }
  } catch {
    // Falls through to the validation error: a garbled cursor is the client's mistake.
  }
  throw new PortalError('validation', 'The page cursor is not valid.', {
    cursor: 'Start again from the first page.',
  });
}
