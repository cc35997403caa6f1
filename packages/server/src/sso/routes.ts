import { PortalError, type Session } from '@kundportal/core';
import { Hono, type Context, type Env } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Queryable } from '../db.js';
import { readJsonBody } from '../request.js';
import { SsoRefusedError, type SsoIdentity } from './identity.js';
import { verifySsoJwt } from './jwt.js';
import { finishOidcSignIn, startOidcSignIn } from './oidc.js';
import { finishSamlSignIn, samlMetadata, startSamlSignIn, type SamlContext } from './saml.js';
import { SSO_MOUNT_PATH, ssoUrl, type SsoSettings } from './settings.js';
import { saveRequest, takeRequest } from './store.js';

/** What the SSO routes need from the server they are mounted on (`E`: its Hono env). */
export interface SsoDeps<E extends Env = Env> {
  db: Queryable;
  /** Clock, for tests. */
  now?: () => Date;
  /** The current SSO settings (validated). */
  settings: (c: Context<E>) => Promise<SsoSettings>;
  /** The server's address as browsers and identity providers reach it, e.g. `https://help.example.com`. */
  publicUrl: (c: Context<E>) => string;
  /** The portal page the browser returns to after a redirect sign-in. */
  portalUrl: (c: Context<E>) => Promise<string>;
  /**
   * Signs the person in: checks they may use the portal (throwing `PortalError` `forbidden` when
   * not), finds or creates their contact, starts the session and sets its cookie.
   */
  signIn: (c: Context<E>, identity: SsoIdentity) => Promise<Session>;
  /** Where unexpected errors in redirect flows go; the browser only lands on `#/sso-error`. */
  reportError?: (error: unknown) => void;
  /**
   * Hears why a redirect sign-in was refused (bad signature, replay, ...), which the browser is
   * not told; worth logging, as it is what a site owner setting up SSO needs to see.
   */
  onRefused?: (error: SsoRefusedError) => void;
}

/** The cookie binding an OIDC sign-in to the browser that started it (against login CSRF). */
export const OIDC_STATE_COOKIE = 'kp_oidc_state';

const OIDC_REQUEST_TTL_MS = 10 * 60_000;
export const tokenBodySchema = z.strictObject({ token: z.string().min(1).max(16_384) });

/**
 * Whether a request is one of the browser form posts that cannot carry the CSRF custom header:
 * the JWT hand-off form from the site's app and the SAML assertion from the identity provider.
 * Their signed token or assertion (single-use, short-lived) is the proof instead.
 */
export function isSsoFormPost(request: Request): boolean {
  if (request.method !== 'POST') return false;
  const { pathname } = new URL(request.url);
  if (new RegExp(`^${SSO_MOUNT_PATH}/saml/[^/]+/acs$`).test(pathname)) return true;
  return pathname === `${SSO_MOUNT_PATH}/jwt` && isFormBody(request.headers.get('content-type'));
}

/**
 * The single sign-on routes, to mount at `SSO_MOUNT_PATH` (`/api/sso`):
 *
 * - `POST jwt` `{token}` (JSON) → Session; or a form post (`jwt` or `token`) → 303 to the portal
 * - `GET oidc/:id/start` → the identity provider; `GET oidc/:id/callback` → 303 to the portal
 * - `GET saml/:id/start` → the identity provider; `POST saml/:id/acs` → 303 to the portal;
 *   `GET saml/:id/metadata` → our service provider metadata
 *
 * Redirect flows land on the portal URL, with `#/access-denied` when `signIn` refuses the person
 * and `#/sso-error` when the sign-in itself failed.
 */
export function createSsoRoutes<E extends Env = Env>(deps: SsoDeps<E>): Hono<E> {
  const { db, settings, signIn } = deps;
  const now = deps.now ?? (() => new Date());
  const reportError = deps.reportError ?? ((error: unknown) => console.error(error));
  const routes = new Hono<E>();

  /** Runs a redirect sign-in and sends the browser back to the portal, however it ended. */
  const signInAndReturn = async (c: Context<E>, identify: () => Promise<SsoIdentity>) => {
    const portal = new URL(await deps.portalUrl(c));
    try {
      await signIn(c, await identify());
    } catch (error) {
      if (PortalError.is(error, 'forbidden')) portal.hash = '/access-denied';
      else {
        portal.hash = '/sso-error';
        if (error instanceof SsoRefusedError) deps.onRefused?.(error);
        else if (!(error instanceof PortalError)) reportError(error);
      }
    }
    return c.redirect(portal.href, 303);
  };

  routes.post('/jwt', async (c) => {
    // A token in a URL ends up in logs and browser history: refuse it, even alongside a body.
    if (c.req.query('jwt') !== undefined || c.req.query('token') !== undefined) {
      throw new PortalError(
        'validation',
        'Send the sign-in token in the body of a POST request, never in the URL.',
      );
    }
    const jwt = (await settings(c)).jwt;
    if (isFormBody(c.req.header('content-type'))) {
      const form = await c.req.parseBody();
      const token = form.jwt ?? form.token;
      return signInAndReturn(c, async () => {
        if (!jwt) throw new SsoRefusedError('JWT sign-in is not set up.');
        if (typeof token !== 'string' || !token) throw new SsoRefusedError('no token was sent.');
        return verifySsoJwt(token, jwt, db, now());
      });
    }
    const { token } = await readJsonBody(c, tokenBodySchema);
    if (!jwt) throw new PortalError('not_found', 'JWT sign-in is not set up.');
    return c.json(await signIn(c, await verifySsoJwt(token, jwt, db, now())));
  });

  routes.get('/oidc/:id/start', async (c) => {
    const provider = findProvider((await settings(c)).oidc, c.req.param('id'));
    const publicUrl = deps.publicUrl(c);
    const redirectUri = ssoUrl(publicUrl, `oidc/${provider.id}/callback`);
    const { url, state, pending } = await startOidcSignIn(provider, redirectUri);
    const expiresAt = new Date(now().getTime() + OIDC_REQUEST_TTL_MS);
    await saveRequest(db, `oidc:${provider.id}`, state, { ...pending }, expiresAt);
    // Lax: the cookie comes back on the IdP's top-level redirect to the callback, and only then.
    setCookie(c, OIDC_STATE_COOKIE, state, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: new URL(publicUrl).protocol === 'https:',
      path: new URL(ssoUrl(publicUrl, 'oidc')).pathname,
      maxAge: OIDC_REQUEST_TTL_MS / 1000,
    });
    return c.redirect(url.href, 302);
  });

  routes.get('/oidc/:id/callback', async (c) => {
    const provider = findProvider((await settings(c)).oidc, c.req.param('id'));
    const publicUrl = deps.publicUrl(c);
    const state = c.req.query('state');
    const browserState = getCookie(c, OIDC_STATE_COOKIE);
    deleteCookie(c, OIDC_STATE_COOKIE, { path: new URL(ssoUrl(publicUrl, 'oidc')).pathname });
    return signInAndReturn(c, async () => {
      // The state must be the one this browser started with, else a stranger's callback URL
      // could sign this browser into the stranger's account.
      if (!state || state !== browserState) {
        throw new SsoRefusedError('the sign-in was not started in this browser.');
      }
      const pending = await takeRequest(db, `oidc:${provider.id}`, state, now());
      if (!pending?.nonce || !pending.codeVerifier) {
        throw new SsoRefusedError('the sign-in expired or was finished already.');
      }
      // Built from our public URL, not the request's: behind a proxy they differ, and the
      // redirect_uri sent with the code must be the one the IdP was given.
      const callbackUrl = new URL(ssoUrl(publicUrl, `oidc/${provider.id}/callback`));
      callbackUrl.search = new URL(c.req.url).search;
      return finishOidcSignIn(provider, callbackUrl, state, {
        nonce: pending.nonce,
        codeVerifier: pending.codeVerifier,
      });
    });
  });

  const samlContext = (c: Context<E>, id: string): SamlContext => ({
    db,
    now,
    acsUrl: ssoUrl(deps.publicUrl(c), `saml/${id}/acs`),
  });

  routes.get('/saml/:id/start', async (c) => {
    const provider = findProvider((await settings(c)).saml, c.req.param('id'));
    return c.redirect(await startSamlSignIn(provider, samlContext(c, provider.id)), 302);
  });

  routes.post('/saml/:id/acs', async (c) => {
    const provider = findProvider((await settings(c)).saml, c.req.param('id'));
    const form = await c.req.parseBody();
    return signInAndReturn(c, async () => {
      const response = form.SAMLResponse;
      if (typeof response !== 'string' || !response) {
        throw new SsoRefusedError('no SAMLResponse was posted.');
      }
      return finishSamlSignIn(provider, samlContext(c, provider.id), response);
    });
  });

  routes.get('/saml/:id/metadata', async (c) => {
    const provider = findProvider((await settings(c)).saml, c.req.param('id'));
    c.header('Content-Type', 'application/samlmetadata+xml');
    return c.body(samlMetadata(provider, samlContext(c, provider.id)));
  });

  return routes;
}

function findProvider<T extends { id: string }>(providers: readonly T[], id: string): T {
  const provider = providers.find((candidate) => candidate.id === id);
  if (!provider) throw new PortalError('not_found', 'There is no such sign-in provider.');
  return provider;
}

function isFormBody(contentType: string | null | undefined): boolean {
  return (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}
