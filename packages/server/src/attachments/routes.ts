import { PortalError } from '@kundportal/core';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-context.js';
import { signedInContact } from '../customer-session.js';
import { ticketViewer, type TicketViewer } from '../ticket-viewer.js';
import { findTicket } from '../tickets.js';
import { attachmentDisposition } from './file-names.js';
import { rendersAsDocument } from './limits.js';
import { attachmentBytes, findAttachment, type StoredAttachment } from './store.js';
import { t } from '../i18n.js';

/**
 * `GET /api/attachments/:id`: the file, for a contact who may see its ticket, always as a
 * download that no browser renders or sniffs.
 */
export function attachmentRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/attachments/:id', async (c) => {
    const viewer = ticketViewer(await signedInContact(c, deps), c.var.settings);
    const attachment = await visibleAttachment(deps, viewer, c.req.param('id'));
    const bytes = await attachmentBytes(db, attachment.id);
    // Both drivers return bytea over a plain ArrayBuffer; the type just cannot say so.
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': servedType(attachment.contentType),
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': attachmentDisposition(attachment.name),
      'X-Content-Type-Options': 'nosniff',
      // Even opened directly, the file runs no script and reaches nothing of the portal's.
      'Content-Security-Policy': "sandbox; default-src 'none'",
    });
  });

  return app;
}

/** The attachment if the contact may see its ticket; one `not_found` for every other case. */
async function visibleAttachment(
  deps: AppDeps,
  viewer: TicketViewer,
  id: string,
): Promise<StoredAttachment> {
  const attachment = await findAttachment(deps.db, id);
  // Internal notes stay with the agents, files included.
  if (!attachment || attachment.messageKind === 'note') {
    throw new PortalError('not_found', t('noSuchAttachment'));
  }
  try {
    await findTicket(deps.db, viewer, attachment.ticketId);
  } catch (error) {
    // "Not yours" reads exactly like "not there", so ids reveal nothing.
    if (PortalError.is(error, 'not_found'))
      throw new PortalError('not_found', t('noSuchAttachment'));
    throw error;
  }
  return attachment;
}

/** The stored (detected) type, with text as UTF-8; anything a browser would render as bytes. */
function servedType(contentType: string): string {
  if (rendersAsDocument(contentType)) return 'application/octet-stream';
  return contentType.startsWith('text/') ? `${contentType}; charset=utf-8` : contentType;
}
