import type { Duplex } from 'node:stream';
import { getConnInfo } from '@hono/node-server/conninfo';
import { CSRF_HEADER, CSRF_VALUE, PortalError } from '@kundportal/core';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, AppEnv } from './app-context.js';
import { PayloadTooLargeError } from './attachments/errors.js';
import {
  cachedPortalSettings,
  loadPortalSettings,
  portalUrlOf,
  type PortalSettings,
} from './portal-settings.js';
import { RATE_LIMITS, assertUnderLimit, recordHit } from './rate-limit.js';
import { isSsoFormPost } from './sso/routes.js';
import { t } from './i18n.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

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

/** Bytes any request body may have, but the uploads (which have their own, larger limit). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

// Replies and new tickets carry files; `uploadBodyLimit` caps them by the attachment settings.
const UPLOAD_ROUTE = /^\/api\/tickets(?:\/[^/]+\/messages)?$/;

const capBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new PayloadTooLargeError(
      `The request body is too large: at most ${MAX_BODY_BYTES / 1024 / 1024} MB.`,
    );
  },
});

/**
 * Caps every other body (JSON, forms, SSO posts) before it is read: a 413 from
 * `Content-Length`, or as soon as the bytes sent pass the cap. GET and HEAD requests have no
 * body to read (the server hands them on without one) and skip the check, which would build a
 * full `Request` object for every read only to find that out.
 */
export const requestBodyLimit: MiddlewareHandler = (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  if (c.req.method === 'POST' && UPLOAD_ROUTE.test(c.req.path)) return next();
  return capBody(c, next);
};

/**
 * Answers what Node's HTTP parser refuses before the app sees it (headers over its 16 KB
 * limit, malformed requests) with the API's error body, instead of a bare status line.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request took too long to arrive.']
        : [400, 'Bad Request', 'The request is not valid HTTP.'];
  const body = JSON.stringify(new PortalError('validation', message).toBody());
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * `POST /api/sso/jwt`: refused exchanges count against the client's IP, like failed sign-ins,
 * so nobody can try forged tokens (or make the server fetch JWKS keys) without end. A refusal
 * is a 401 (JSON) or a redirect to `#/sso-error` (form post); someone the access rules keep out
 * presented a valid token, so that does not count.
 */
export function ssoExchangeGuard(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ip = clientIp(c, deps.trustProxy);
    await assertUnderLimit(deps.db, RATE_LIMITS.failedSsoPerIp, ip, deps.now());
    await next();
    const refused =
      c.res.status === 401 ||
      (c.res.status === 303 && (c.res.headers.get('location') ?? '').endsWith('#/sso-error'));
    if (refused) await recordHit(deps.db, RATE_LIMITS.failedSsoPerIp, ip, deps.now());
  };
}

/**
 * The reads a signed-in customer repeats (lists, searches, conversations, files) take the
 * settings from the copy `cachedPortalSettings` keeps; every other request, sign-in and the
 * public config among them, reads them afresh, so it sees a change at once.
 */
const CACHED_SETTINGS_READS = /^GET \/api\/(tickets|attachments)(\/|$)/;

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
    const settings = CACHED_SETTINGS_READS.test(`${c.req.method} ${c.req.path}`)
      ? await cachedPortalSettings(deps.db)
      : await loadPortalSettings(deps.db);
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
      throw new PortalError('unavailable', t('portalClosed'));
    }
    await next();
  };
}
