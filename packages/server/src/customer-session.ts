import { PortalError, type Contact, type Session } from '@kundportal/core';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from './app-context.js';
import type { Queryable } from './db.js';
import type { PortalSettings } from './portal-settings.js';
import { isHttps } from './request-guards.js';
import { endSession, resumeSession, startSession, type SessionLimits } from './sessions.js';
import { t } from './i18n.js';

/** The session cookie; HttpOnly, so page scripts never see the token. */
export const SESSION_COOKIE = 'kp_session';

type AppContext = Context<AppEnv>;

/** A session started in a transaction, answered (cookie and body) once that has committed. */
export interface StartedSession {
  token: string;
  session: Session;
  lifetimeSeconds: number;
}

export function sessionLimits(deps: AppDeps, settings: PortalSettings): SessionLimits {
  return { idleMinutes: settings.idleTimeoutMinutes, lifetimeMinutes: deps.sessionTtlMinutes };
}

function cookieAttributes(c: AppContext) {
  const sameSite = c.var.settings.sessionSameSite;
  // Browsers drop SameSite=None cookies that are not Secure.
  return { path: '/', sameSite, secure: sameSite === 'None' || isHttps(c) } as const;
}

/** The session behind the request's cookie; an expired one is forgotten on both sides. */
export async function currentSession(c: AppContext, deps: AppDeps): Promise<Session | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const session = await resumeSession(
    deps.db,
    token,
    deps.now(),
    sessionLimits(deps, c.var.settings),
  );
  if (!session) deleteCookie(c, SESSION_COOKIE, cookieAttributes(c));
  return session;
}

/** The signed-in contact, or 401 `unauthenticated`. Only the cookie counts, never an API key. */
export async function signedInContact(c: AppContext, deps: AppDeps): Promise<Contact> {
  const session = await currentSession(c, deps);
  if (!session) throw new PortalError('unauthenticated', t('signInToContinue'));
  return session.contact;
}

/**
 * Starts a new session for the contact in `tx`, ending the one the request's cookie held: a
 * new token on every sign-in, so a planted cookie never becomes a signed-in session.
 */
export async function beginSession(
  c: AppContext,
  deps: AppDeps,
  tx: Queryable,
  contact: Contact,
): Promise<StartedSession> {
  const previous = getCookie(c, SESSION_COOKIE);
  if (previous) await endSession(tx, previous);
  return startSession(tx, contact, deps.now(), sessionLimits(deps, c.var.settings));
}

/** Answers with the session and sets its cookie. */
export function answerWithSession(c: AppContext, started: StartedSession): Response {
  setCookie(c, SESSION_COOKIE, started.token, {
    ...cookieAttributes(c),
    httpOnly: true,
    maxAge: started.lifetimeSeconds,
  });
  return c.json(started.session);
}

/** Ends the request's session, if any, and clears the cookie. */
export async function endCurrentSession(c: AppContext, deps: AppDeps): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await endSession(deps.db, token);
  deleteCookie(c, SESSION_COOKIE, cookieAttributes(c));
}
