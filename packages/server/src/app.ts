import { HTTP_STATUS, PortalError, type SsoProvider } from '@kundportal/core';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { agentApi } from './agent-api.js';
import type { AppDeps, AppEnv } from './app-context.js';
import { attachmentRoutes } from './attachments/routes.js';
import { DatabaseUnavailableError, type Database } from './db.js';
import { EventHub } from './events/hub.js';
import { eventRoutes } from './events/routes.js';
import { requestLanguage, t } from './i18n.js';
import { mountDevMailbox } from './mail/dev-mailbox.js';
import { openApiRoutes } from './openapi/routes.js';
import type { PortalSettings } from './portal-settings.js';
import { customerRequestGuard, requestBodyLimit, ssoExchangeGuard } from './request-guards.js';
import { authRoutes } from './routes/auth-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { ticketRoutes } from './routes/ticket-routes.js';
import { portalSsoProviders, portalSsoRoutes } from './sso/portal-sso.js';
import { SSO_MOUNT_PATH } from './sso/settings.js';

export { SESSION_COOKIE } from './customer-session.js';

/** Seconds a client is asked to wait while the database cannot be reached. */
const UNAVAILABLE_RETRY_SECONDS = 5;

export interface AppOptions {
  db: Database;
  /** Clock, for tests. */
  now?: () => Date;
  /** Absolute session lifetime, however active the session is. 12 hours by default. */
  sessionTtlMinutes?: number;
  /** Where unexpected errors go; the client only hears that something went wrong. */
  reportError?: (error: unknown) => void;
  /** This server's public base URL (`PUBLIC_URL`); by default the origin a request came to. */
  publicUrl?: string | null;
  /** Other sites allowed to call the customer API (`ALLOWED_ORIGINS`), besides the settings'. */
  allowedOrigins?: readonly string[];
  /** Take the client IP from `X-Forwarded-For` (`TRUST_PROXY=1`), for rate limits. */
  trustProxy?: boolean;
  /** Key of the agent API (`AGENT_API_KEY`); without one the agent API refuses every call. */
  agentApiKey?: string | null;
  /** Serve `/dev/mailbox`, the outbox as a web page, with live links: demo mode only. */
  devMailbox?: boolean;
  /** Called when an action has queued mail, so a sender can deliver it at once. */
  onMailQueued?: () => void;
  /** Public descriptions of the SSO providers for `GET /api/portal`; from `sso/` by default. */
  ssoProviders?: (settings: PortalSettings) => SsoProvider[];
  /** This process's live events; pass one to end its streams on shutdown (`startServer` does). */
  events?: EventHub;
}

/**
 * The portal API under `/api`, as `@kundportal/core`'s `http-api.ts` describes it (portal
 * config, sessions, every way in, the signed-in contact's tickets), and the agent API under
 * `/api/agent`.
 */
export function createApp({
  db,
  now = () => new Date(),
  sessionTtlMinutes = 12 * 60,
  reportError = (error) => console.error(error),
  publicUrl = null,
  allowedOrigins = [],
  trustProxy = false,
  agentApiKey = null,
  devMailbox = false,
  onMailQueued = () => {},
  ssoProviders,
  events = new EventHub(db),
}: AppOptions): Hono<AppEnv> {
  const base = publicUrl?.replace(/\/+$/, '') || null;
  const deps: AppDeps = {
    db,
    now,
    sessionTtlMinutes,
    publicUrl: base,
    allowedOrigins,
    trustProxy,
    agentApiKey,
    mailQueued: onMailQueued,
    // Without a public URL the start URLs are relative to this server, which suits a portal
    // on the same origin; cli.ts always passes PUBLIC_URL.
    ssoProviders: ssoProviders ?? portalSsoProviders(base ?? ''),
  };
  const app = new Hono<AppEnv>();

  app.use('/api/*', requestLanguage());
  app.use('/api/*', requestBodyLimit);
  app.use('/api/*', async (c, next) => {
    await next();
    // Answers are about one person or one portal's private settings: no shared cache may keep them.
    c.header('Cache-Control', 'no-store');
  });

  // The agent API authenticates by key, never by cookie, so the cookie guards do not apply.
  app.route('/api/agent', agentApi(deps));
  // The contract is public and readable even while the portal is off: before the guard.
  app.route('/api', openApiRoutes());
  const guard = customerRequestGuard(deps);
  app.use('/api/*', (c, next) => (c.req.path.startsWith('/api/agent/') ? next() : guard(c, next)));

  app.route('/api', sessionRoutes(deps));
  app.route('/api', authRoutes(deps));
  app.route('/api', ticketRoutes(deps));
  app.route('/api', attachmentRoutes(deps));
  app.route('/api', eventRoutes(deps, events, reportError));
  app.use(`${SSO_MOUNT_PATH}/jwt`, ssoExchangeGuard(deps));
  app.route(SSO_MOUNT_PATH, portalSsoRoutes(deps));

  app.all('/api/*', () => {
    throw new PortalError('not_found', 'There is no such API route.');
  });

  if (devMailbox) mountDevMailbox(app, db);

  app.onError((error, c) => {
    if (error instanceof PortalError) {
      // Some errors carry a more precise status than their code's (400 malformed, 413 too large).
      const status = 'status' in error ? Number(error.status) : HTTP_STATUS[error.code];
      if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
      return c.json(error.toBody(), status as ContentfulStatusCode);
    }
    if (error instanceof DatabaseUnavailableError) {
      // A passing outage, unlike a portal switched off: the client hears when to try again.
      c.header('Retry-After', String(UNAVAILABLE_RETRY_SECONDS));
      const unavailable = new PortalError(
        'unavailable',
        t('portalUnavailable'),
        {},
        UNAVAILABLE_RETRY_SECONDS,
      );
      return c.json(unavailable.toBody(), 503);
    }
    reportError(error);
    const hidden = new PortalError('server', t('serverError'));
    return c.json(hidden.toBody(), 500);
  });

  return app;
}
