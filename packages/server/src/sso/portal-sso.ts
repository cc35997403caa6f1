import type { Session, SsoProvider } from '@kundportal/core';
import type { Context, Hono } from 'hono';
import { assertMayEnter } from '../access/access-policy.js';
import { createContact, findContactByEmail } from '../access/accounts.js';
import type { AppDeps, AppEnv } from '../app-context.js';
import { answerWithSession, beginSession } from '../customer-session.js';
import type { PortalSettings } from '../portal-settings.js';
import { portalUrlFor, publicUrlOf } from '../request-guards.js';
import type { SsoIdentity } from './identity.js';
import { createSsoRoutes } from './routes.js';
import { NO_SSO, publicSsoProviders, ssoSettingsSchema, type SsoSettings } from './settings.js';

type AppContext = Context<AppEnv>;

/**
 * The SSO settings stored in the portal settings. Settings saved through the agent API were
 * checked with `ssoSettingsSchema` already; anything that no longer fits counts as no SSO.
 */
export function ssoSettingsOf(settings: PortalSettings): SsoSettings {
  const parsed = ssoSettingsSchema.safeParse(settings.sso);
  return parsed.success ? parsed.data : NO_SSO;
}

/** The `ssoProviders` option of `createApp`: what `GET /api/portal` shows under `auth.sso`. */
export function portalSsoProviders(publicUrl: string): (settings: PortalSettings) => SsoProvider[] {
  return (settings) => publicSsoProviders(ssoSettingsOf(settings), publicUrl);
}

/**
 * The SSO routes wired to the portal: settings from the request (loaded by the customer request
 * guard), the access mode's rules, and the portal's session cookie. Mount at `/api/sso`.
 */
export function portalSsoRoutes(deps: AppDeps): Hono<AppEnv> {
  return createSsoRoutes<AppEnv>({
    db: deps.db,
    now: deps.now,
    settings: async (c) => ssoSettingsOf(c.var.settings),
    publicUrl: (c) => publicUrlOf(c, deps),
    portalUrl: async (c) => portalUrlFor(c, deps, c.var.settings),
    signIn: (c, identity) => signInBySso(c, deps, identity),
  });
}

/**
 * Signs in the person a provider vouched for. In every access mode a configured provider is a
 * way in (the routes answer 404 for providers that are not configured); the lists modes still
 * need the contact on an allowed list. Someone new gets a contact, its address verified by the
 * provider.
 */
async function signInBySso(c: AppContext, deps: AppDeps, identity: SsoIdentity): Promise<Session> {
  const settings = c.var.settings;
  const started = await deps.db.transaction(async (tx) => {
    const known = await findContactByEmail(tx, identity.email);
    await assertMayEnter(tx, settings, known?.id ?? null, 'sso');
    const contact =
      known ??
      (await createContact(
        tx,
        { email: identity.email, name: identity.name, passwordHash: null, verified: true },
        deps.now(),
      )) ??
      // Someone else created the address a moment ago: sign in to that contact.
      (await findContactByEmail(tx, identity.email));
    if (!contact) throw new Error(`No contact for ${identity.email} after creating it.`);
    return beginSession(c, deps, tx, contact);
  });
  // Sets the session cookie; the JSON answer it builds is used by the JSON exchange only.
  answerWithSession(c, started);
  return started.session;
}
