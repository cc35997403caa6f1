import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PortalError, validateReply } from '@kundportal/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { agentTicketDetail, listInboxTickets, moveTicket } from '../agent-tickets.js';
import type { AppDeps } from '../app-context.js';
import { loadPortalSettings } from '../portal-settings.js';
import { readJsonBody, readQuery } from '../request.js';
import { addAgentMessage } from '../tickets.js';

export const inboxQuerySchema = z.object({
  inbox: z.string().max(100).optional(),
  status: z.enum(['open', 'closed', 'all']).optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});

export const agentMessageSchema = z.strictObject({
  text: z.string(),
  // Mail bodies run long; this still caps what one request may store.
  html: z.string().max(500_000).optional(),
  internal: z.boolean().optional(),
  /** Who signs the message; the portal's title when not given. */
  authorName: z.string().trim().min(1).max(200).optional(),
});

export const ticketMoveSchema = z
  .strictObject({
    stageId: z.string().min(1).max(100).optional(),
    inboxId: z.string().min(1).max(100).optional(),
  })
  .refine((move) => move.stageId !== undefined || move.inboxId !== undefined, {
    message: 'Give a stageId, an inboxId or both.',
  });

/**
 * The agents' side of tickets, mounted in the agent API (which checks the key):
 *
 * GET   tickets?inbox&status&cursor&limit  -> Page<AgentTicket>, most recently active first
 * GET   tickets/:id                        -> AgentTicketDetail: every thread, notes included
 * POST  tickets/:id/messages               {text, html?, internal?, authorName?} -> 201
 *                                          AgentMessage: a reply the customer sees, or a note
 * PATCH tickets/:id                        {stageId?, inboxId?} -> AgentTicket
 */
export function agentTicketRoutes(deps: AppDeps): Hono {
  const { db, now } = deps;
  const app = new Hono();

  app.get('/tickets', async (c) => {
    const query = readQuery(c, inboxQuerySchema);
    const page = await listInboxTickets(db, {
      inbox: query.inbox ?? null,
      status: query.status ?? 'all',
      cursor: query.cursor ?? null,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
    });
    return c.json(page);
  });

  app.get('/tickets/:id', async (c) => c.json(await agentTicketDetail(db, c.req.param('id'))));

  app.post('/tickets/:id/messages', async (c) => {
    const input = await readJsonBody(c, agentMessageSchema);
    const errors = validateReply(input);
    if (Object.keys(errors).length) {
      throw new PortalError('validation', 'The message cannot be sent yet.', errors);
    }
    const settings = await loadPortalSettings(db);
    const message = await addAgentMessage(
      db,
      c.req.param('id'),
      { ...input, authorName: input.authorName ?? settings.title },
      settings.defaultInboxId,
      now(),
    );
    return c.json(message, 201);
  });

  app.patch('/tickets/:id', async (c) => {
    const move = await readJsonBody(c, ticketMoveSchema);
    return c.json(await db.transaction((tx) => moveTicket(tx, c.req.param('id'), move)));
  });

  return app;
}
