import { PortalError, type PortalEvent } from '@kundportal/core';
import type { Queryable } from '../db.js';
import type { TicketViewer } from '../ticket-viewer.js';
import { findTicket, listLatestMessages } from '../tickets.js';
import type { ChangeNotice } from './notices.js';

/**
 * The event the viewer gets for a change, read as they may see it now; `null` when they may
 * not see the ticket, or the message is not in their view (internal notes never are).
 */
export async function visibleEvent(
  db: Queryable,
  viewer: TicketViewer,
  notice: ChangeNotice,
): Promise<PortalEvent | null> {
  try {
    if (notice.type === 'ticket') {
      return { type: 'ticket', ticket: await findTicket(db, viewer, notice.ticketId) };
    }
    // The same reading as the conversation view: visibility, latest thread, no notes.
    const messages = await listLatestMessages(db, viewer, notice.ticketId);
    const message = messages.find((candidate) => candidate.id === notice.messageId);
    return message ? { type: 'message', message } : null;
  } catch (error) {
    if (PortalError.is(error, 'not_found')) return null;
    throw error;
  }
}
