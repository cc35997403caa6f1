import { getConnInfo } from '@hono/node-server/conninfo';
import { CSRF_HEADER, CSRF_VALUE, PortalError } from '@kundportal/core';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from './app-context.js';
import { loadPortalSettings, portalUrlOf, type PortalSettings } from './portal-settings.js';
import { isSsoFormPost } from './sso/routes.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const PORTAL_CLOSED_MESSAGE = 'This support portal is closed.';

/**
 * The client's IP: the socket's peer, or, when `trustProxy` is on, the last `X-Forwarded-For`
 * entry (the one our own proxy added; entries before it are whatever the client sent).
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // No socket: the app was called directly (tests), not through @hono/node-server.
    return 'unknown';
  }
}

/** Whether the browser reached us over https, directly or through a TLS-terminating proxy. */
export function isHttps(c: Context): boolean {
  // Trusting the proxy header is safe here: it can only add the Secure flag, never remove it.
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
  return new URL(c.req.url).protocol === 'https:' || forwarded === 'https';
}

/** This server's public base URL: the configured one, or the origin the request came to. */
export function publicUrlOf(c: Context, deps: AppDeps): string {
  return deps.publicUrl ?? new URL(c.req.url).origin;
}

/** The page emailed links point at. */
export function portalUrlFor(c: Context, deps: AppDeps, settings: PortalSettings): string {
  return portalUrlOf(settings, publicUrlOf(c, deps));
}

/** The origin a browser says the request comes from: `Origin`, else the `Referer`'s origin. */
function claimedOrigin(c: Context): string | null {
  const origin = c.req.header('origin');
  if (origin !== undefined) return origin;
  const referer = c.req.header('referer');
  return referer && URL.canParse(referer) ? new URL(referer).origin : null;
}

/** Other sites whose pages may call the customer API with the customer's cookie. */
function foreignAllowed(deps: AppDeps, settings: PortalSettings): Set<string> {
  return new Set([...deps.allowedOrigins, ...settings.allowedOrigins]);
}

/** Origins that are this portal itself: where the request came to, its public and portal URLs. */
function ownOrigins(c: Context, deps: AppDeps, settings: PortalSettings): Set<string> {
  const url = new URL(c.req.url);
  const own = new Set([url.origin, new URL(portalUrlFor(c, deps, settings)).origin]);
  if (deps.publicUrl) own.add(new URL(deps.publicUrl).origin);
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
  if (deps.trustProxy && proto) own.add(`${proto}://${url.host}`);
  return own;
}

/**
 * Every customer API request (everything under `/api` but the agent API) passes here:
 *
 * - CORS for the allowed other sites, with credentials, so a portal embedded elsewhere works;
 * - state-changing requests need the CSRF header (a cross-site page cannot add it without a
 *   preflight we refuse) and an `Origin` (or `Referer`) that is ours or allowed. Requests with
 *   neither header are not from a browser page, so they cannot carry a victim's cookie by CSRF.
 *   The SSO form posts (JWT hand-off, SAML assertion) come from other sites by design and cannot
 *   carry the header; their signed, single-use token is the proof instead;
 * - a portal that is off answers 503 to everything but `GET /api/portal`.
 */
export function customerRequestGuard(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const settings = await loadPortalSettings(deps.db);
    c.set('settings', settings);
    const origin = c.req.header('origin');
    const corsAllowed = origin !== undefined && foreignAllowed(deps, settings).has(origin);
    if (corsAllowed) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Credentials', 'true');
    }
    c.header('Vary', 'Origin', { append: true });
    if (c.req.method === 'OPTIONS') {
      if (corsAllowed) {
        c.header('Access-Control-Allow-Methods', 'GET, POST, DELETE');
        c.header('Access-Control-Allow-Headers', `content-type, ${CSRF_HEADER}`);
        c.header('Access-Control-Max-Age', '600');
      }
      return c.body(null, 204);
    }
    if (STATE_CHANGING.has(c.req.method) && !isSsoFormPost(c.req.raw)) {
      if (c.req.header(CSRF_HEADER) !== CSRF_VALUE) {
        throw new PortalError(
          'forbidden',
          `This request needs the header "${CSRF_HEADER}: ${CSRF_VALUE}" (protection against cross-site request forgery).`,
        );
      }
      const claimed = claimedOrigin(c);
      if (
        claimed !== null &&
        !ownOrigins(c, deps, settings).has(claimed) &&
        !foreignAllowed(deps, settings).has(claimed)
      ) {
        throw new PortalError(
          'forbidden',
          `Requests from ${claimed} are not allowed. The site owner can add it to the allowed origins.`,
        );
      }
    }
    if (!settings.enabled && !(c.req.method === 'GET' && c.req.path === '/api/portal')) {
      throw new PortalError('unavailable', PORTAL_CLOSED_MESSAGE);
    }
    await next();
  };
}
