import { normalizeTicketQuery } from '@kundportal/core';
import { Hono, type Context } from 'hono';
import type { AppDeps, AppEnv } from '../app-context.js';
import { checkFiles } from '../attachments/file-check.js';
import { readBodyWithFiles, uploadBodyLimit } from '../attachments/request-body.js';
import { withAttachments } from '../attachments/store.js';
import { signedInContact } from '../customer-session.js';
import { newTicketSchema, readQuery, replySchema, ticketQuerySchema } from '../request.js';
import { ticketViewer, type TicketViewer } from '../ticket-viewer.js';
import {
  addReply,
  createTicket,
  findTicket,
  listLatestMessages,
  listTickets,
  ticketSummary,
} from '../tickets.js';

/**
 * The signed-in contact's tickets and conversations, under `/api/tickets`: their own, and their
 * company's when the settings allow; only those the settings' filter rules let through.
 */
export function ticketRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db, now } = deps;
  const app = new Hono<AppEnv>();

  /** The signed-in contact under the settings the request guard loaded. */
  const signedInViewer = async (c: Context<AppEnv>): Promise<TicketViewer> =>
    ticketViewer(await signedInContact(c, deps), c.var.settings);

  app.get('/tickets', async (c) => {
    const viewer = await signedInViewer(c);
    const query = normalizeTicketQuery(readQuery(c, ticketQuerySchema));
    return c.json(await listTickets(db, viewer, query));
  });

  // JSON, or multipart with attachments: every file is checked before anything is stored.
  app.post('/tickets', uploadBodyLimit, async (c) => {
    const viewer = await signedInViewer(c);
    const { input, files } = await readBodyWithFiles(c, newTicketSchema);
    const checked = await checkFiles(files, c.var.settings.attachments);
    const { ticket, created } = await createTicket(
      db,
      viewer,
      input,
      c.var.settings,
      now(),
      checked,
    );
    return c.json(ticket, created ? 201 : 200);
  });

  // Before `/tickets/:id`, which would otherwise take `summary` for an id.
  app.get('/tickets/summary', async (c) => {
    const viewer = await signedInViewer(c);
    return c.json(await ticketSummary(db, viewer));
  });

  app.get('/tickets/:id', async (c) => {
    const viewer = await signedInViewer(c);
    return c.json(await findTicket(db, viewer, c.req.param('id')));
  });

  app.get('/tickets/:id/messages', async (c) => {
    const viewer = await signedInViewer(c);
    return c.json({ items: await listLatestMessages(db, viewer, c.req.param('id')) });
  });

  app.post('/tickets/:id/messages', uploadBodyLimit, async (c) => {
    const viewer = await signedInViewer(c);
    const { input, files } = await readBodyWithFiles(c, replySchema);
    const checked = await checkFiles(files, c.var.settings.attachments);
    const id = c.req.param('id');
    const { message, created } = await addReply(db, viewer, id, input, now(), checked);
    const [answer] = await withAttachments(db, [message]);
    return c.json(answer, created ? 201 : 200);
  });

  return app;
}
