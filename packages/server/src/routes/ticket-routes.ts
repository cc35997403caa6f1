import { normalizeTicketQuery } from '@kundportal/core';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-context.js';
import { signedInContact } from '../customer-session.js';
import {
  newTicketSchema,
  readJsonBody,
  readQuery,
  replySchema,
  ticketQuerySchema,
} from '../request.js';
import { addReply, createTicket, findTicket, listLatestMessages, listTickets } from '../tickets.js';

/** The signed-in contact's own tickets and conversations, under `/api/tickets`. */
export function ticketRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db, now } = deps;
  const app = new Hono<AppEnv>();

  app.get('/tickets', async (c) => {
    const contact = await signedInContact(c, deps);
    const query = normalizeTicketQuery(readQuery(c, ticketQuerySchema));
    return c.json(await listTickets(db, contact, query));
  });

  app.post('/tickets', async (c) => {
    const contact = await signedInContact(c, deps);
    const input = await readJsonBody(c, newTicketSchema);
    const { ticket, created } = await createTicket(db, contact, input, c.var.settings, now());
    return c.json(ticket, created ? 201 : 200);
  });

  app.get('/tickets/:id', async (c) => {
    const contact = await signedInContact(c, deps);
    return c.json(await findTicket(db, contact, c.req.param('id')));
  });

  app.get('/tickets/:id/messages', async (c) => {
    const contact = await signedInContact(c, deps);
    return c.json({ items: await listLatestMessages(db, contact, c.req.param('id')) });
  });

  app.post('/tickets/:id/messages', async (c) => {
    const contact = await signedInContact(c, deps);
    const input = await readJsonBody(c, replySchema);
    const { message, created } = await addReply(db, contact, c.req.param('id'), input, now());
    return c.json(message, created ? 201 : 200);
  });

  return app;
}
