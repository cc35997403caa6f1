import { createHash, timingSafeEqual } from 'node:crypto';
import { PortalError } from '@kundportal/core';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  addListMember,
  createContactList,
  listContactLists,
  removeListMember,
} from './access/contact-lists.js';
import { inviteIfWanted, inviteNewlyAllowed } from './access/invitations.js';
import type { MailSite } from './access/link-mail.js';
import { assertKnownInbox } from './agent-tickets.js';
import type { AppDeps } from './app-context.js';
import {
  forgetCachedPortalSettings,
  loadPortalSettings,
  mergePortalSettings,
  portalSettingsPatchSchema,
  portalUrlOf,
  savePortalSettings,
  type PortalSettings,
} from './portal-settings.js';
import { publicUrlOf } from './request-guards.js';
import { readJsonBody } from './request.js';
import { agentTicketRoutes } from './routes/agent-ticket-routes.js';
import { ssoSettingsSchema } from './sso/settings.js';

export const newListSchema = z.strictObject({ name: z.string().trim().min(1).max(200) });

export const newMemberSchema = z.strictObject({
  email: z
    .string()
    .trim()
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter an email address.')
    .max(320),
  name: z.string().trim().max(200).optional(),
});

/** SSO settings are stored loosely typed; the SSO module's own schema decides what is valid. */
function assertValidSso(sso: unknown): void {
  const result = ssoSettingsSchema.safeParse(sso);
  if (result.success) return;
  const fields = Object.fromEntries(
    result.error.issues.map((issue) => [['sso', ...issue.path].join('.'), issue.message]),
  );
  throw new PortalError('validation', 'The single sign-on settings are not valid.', fields);
}

function digest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Compares in constant time; hashing first makes the lengths equal. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The agent API under `/api/agent`, for the site owner's tools, never for customers:
 * `Authorization: Bearer <AGENT_API_KEY>` only, never the customer's cookie (and customer
 * routes never take the key). It is exempt from the CSRF rules, which guard cookies.
 *
 * GET    settings                   -> PortalSettings (private: everything configured)
 * PATCH  settings                   Partial<PortalSettings> -> PortalSettings; each field given
 *                                   replaces the old one; newly allowed lists get invitations
 * GET    lists                      -> { items: ContactList[] }
 * POST   lists                      {name} -> 201 ContactList
 * POST   lists/:id/members          {email, name?} -> 201 (200 if already a member)
 *                                   { contact, invited }; a new address becomes a contact
 * DELETE lists/:id/members/:email   -> 204
 *
 * and the ticket routes of `routes/agent-ticket-routes.ts` (inbox, threads, replies, notes).
 */
export function agentApi(deps: AppDeps): Hono {
  const { db, now } = deps;
  const app = new Hono();

  app.use('*', async (c, next) => {
    if (!deps.agentApiKey) {
      throw new PortalError(
        'unauthenticated',
        'The agent API is off: the server has no agent API key (AGENT_API_KEY).',
      );
    }
    const key = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (!key || !sameSecret(key, deps.agentApiKey)) {
      throw new PortalError(
        'unauthenticated',
        'The agent API needs the header "Authorization: Bearer <agent API key>".',
      );
    }
    await next();
  });

  const mailSite = (c: Context, settings: PortalSettings): MailSite => ({
    portalUrl: portalUrlOf(settings, publicUrlOf(c, deps)),
    portalTitle: settings.title,
    // Agents act for the portal: what they send goes out in its primary language.
    language: settings.languages[0] ?? 'en',
  });

  app.get('/settings', async (c) => c.json(await loadPortalSettings(db)));

  app.patch('/settings', async (c) => {
    const patch = await readJsonBody(c, portalSettingsPatchSchema);
    if (patch.sso !== undefined) assertValidSso(patch.sso);
    const settings = await db.transaction(async (tx) => {
      // Locks the row: two PATCHes at once apply one after the other, both merged.
      await tx.query('SELECT 1 FROM portal_settings WHERE id FOR UPDATE');
      const before = await loadPortalSettings(tx);
      const after = mergePortalSettings(before, patch);
      if (after.defaultInboxId !== null && after.defaultInboxId !== before.defaultInboxId) {
        await assertKnownInbox(tx, after.defaultInboxId, 'defaultInboxId');
      }
      await savePortalSettings(tx, after, now());
      await inviteNewlyAllowed(tx, before, after, mailSite(c, after), now());
      return after;
    });
    forgetCachedPortalSettings();
    deps.mailQueued();
    return c.json(settings);
  });

  app.get('/lists', async (c) => c.json({ items: await listContactLists(db) }));

  app.post('/lists', async (c) => {
    const { name } = await readJsonBody(c, newListSchema);
    return c.json(await db.transaction((tx) => createContactList(tx, name, now())), 201);
  });

  app.post('/lists/:id/members', async (c) => {
    const member = await readJsonBody(c, newMemberSchema);
    const result = await db.transaction(async (tx) => {
      const { contact, added } = await addListMember(tx, c.req.param('id'), member, now());
      const settings = await loadPortalSettings(tx);
      const invited =
        added && (await inviteIfWanted(tx, settings, contact, mailSite(c, settings), now()));
      return { contact, added, invited };
    });
    if (result.invited) deps.mailQueued();
    return c.json({ contact: result.contact, invited: result.invited }, result.added ? 201 : 200);
  });

  app.delete('/lists/:id/members/:email', async (c) => {
    const removed = await db.transaction((tx) =>
      removeListMember(tx, c.req.param('id'), c.req.param('email')),
    );
    if (!removed) throw new PortalError('not_found', 'That address is not on this list.');
    return c.body(null, 204);
  });

  app.route('/', agentTicketRoutes(deps));

  return app;
}
