import {
  CSRF_HEADER,
  CSRF_VALUE,
  HTTP_STATUS,
  PortalError,
  normalizeTicketQuery,
  type Contact,
  type Session,
} from '@kundportal/core';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DatabaseUnavailableError, type Database } from './db.js';
import { loadPortalConfig } from './portal-settings.js';
import {
  MalformedJsonError,
  credentialsSchema,
  newTicketSchema,
  readJsonBody,
  readQuery,
  replySchema,
  ticketQuerySchema,
} from './request.js';
import {
  checkCredentials,
  endSession,
  resumeSession,
  startSession,
  type SessionLimits,
} from './sessions.js';
import { addReply, createTicket, findTicket, listLatestMessages, listTickets } from './tickets.js';

/** The session cookie; HttpOnly, so page scripts never see the token. */
export const SESSION_COOKIE = 'kp_session';

export interface AppOptions {
  db: Database;
  /** Clock, for tests. */
  now?: () => Date;
  /** Absolute session lifetime, however active the session is. 12 hours by default. */
  sessionTtlMinutes?: number;
  /** Where unexpected errors go; the client only hears that something went wrong. */
  reportError?: (error: unknown) => void;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The portal API under `/api`, as `@kundportal/core`'s `http-api.ts` describes it: portal
 * settings, cookie sessions, and the signed-in contact's own tickets and conversations.
 */
export function createApp({
  db,
  now = () => new Date(),
  sessionTtlMinutes = 12 * 60,
  reportError = (error) => console.error(error),
}: AppOptions): Hono {
  const app = new Hono();

  const sessionLimits = async (): Promise<SessionLimits> => ({
    idleMinutes: (await loadPortalConfig(db)).idleTimeoutMinutes,
    lifetimeMinutes: sessionTtlMinutes,
  });

  /** The session behind the request's cookie; an expired one is forgotten on both sides. */
  const currentSession = async (c: Context): Promise<Session | null> => {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token) return null;
    const session = await resumeSession(db, token, now(), await sessionLimits());
    if (!session) deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
    return session;
  };

  const signedInContact = async (c: Context): Promise<Contact> => {
    const session = await currentSession(c);
    if (!session) throw new PortalError('unauthenticated', 'Sign in to continue.');
    return session.contact;
  };

  app.use('/api/*', async (c, next) => {
    // A page on another site cannot add a custom header without a CORS preflight we never allow.
    if (STATE_CHANGING.has(c.req.method) && c.req.header(CSRF_HEADER) !== CSRF_VALUE) {
      throw new PortalError(
        'forbidden',
        `This request needs the header "${CSRF_HEADER}: ${CSRF_VALUE}" (protection against cross-site request forgery).`,
      );
    }
    await next();
    // Answers are about one person: no shared cache may keep them.
    c.header('Cache-Control', 'no-store');
  });

  app.get('/api/portal', async (c) => c.json(await loadPortalConfig(db)));

  app.get('/api/session', async (c) => c.json({ session: await currentSession(c) }));

  app.post('/api/session', async (c) => {
    const { email, password } = await readJsonBody(c, credentialsSchema);
    const contact = await checkCredentials(db, email, password);
    // One message for unknown email and wrong password: sign-in does not reveal who has an account.
    if (!contact) throw new PortalError('unauthenticated', 'Email or password is wrong.');
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) await endSession(db, previous);
    const { token, session, lifetimeSeconds } = await startSession(
      db,
      contact,
      now(),
      await sessionLimits(),
    );
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: isHttps(c),
      maxAge: lifetimeSeconds,
    });
    return c.json(session);
  });

  app.delete('/api/session', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await endSession(db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
    return c.body(null, 204);
  });

  app.get('/api/tickets', async (c) => {
    const contact = await signedInContact(c);
    const query = normalizeTicketQuery(readQuery(c, ticketQuerySchema));
    return c.json(await listTickets(db, contact, query));
  });

  app.post('/api/tickets', async (c) => {
    const contact = await signedInContact(c);
    const input = await readJsonBody(c, newTicketSchema);
    const config = await loadPortalConfig(db);
    const { ticket, created } = await createTicket(db, contact, input, config, now());
    return c.json(ticket, created ? 201 : 200);
  });

  app.get('/api/tickets/:id', async (c) => {
    const contact = await signedInContact(c);
    return c.json(await findTicket(db, contact, c.req.param('id')));
  });

  app.get('/api/tickets/:id/messages', async (c) => {
    const contact = await signedInContact(c);
    return c.json({ items: await listLatestMessages(db, contact, c.req.param('id')) });
  });

  app.post('/api/tickets/:id/messages', async (c) => {
    const contact = await signedInContact(c);
    const input = await readJsonBody(c, replySchema);
    const { message, created } = await addReply(db, contact, c.req.param('id'), input, now());
    return c.json(message, created ? 201 : 200);
  });

  app.all('/api/*', () => {
    throw new PortalError('not_found', 'There is no such API route.');
  });

  app.onError((error, c) => {
    if (error instanceof PortalError) {
      const status = error instanceof MalformedJsonError ? error.status : HTTP_STATUS[error.code];
      return c.json(error.toBody(), status as ContentfulStatusCode);
    }
    if (error instanceof DatabaseUnavailableError) {
      const unavailable = new PortalError(
        'unavailable',
        'The support portal is not available right now. Try again in a moment.',
      );
      return c.json(unavailable.toBody(), 503);
    }
    reportError(error);
    const hidden = new PortalError('server', 'Something went wrong on our side. Try again later.');
    return c.json(hidden.toBody(), 500);
  });

  return app;
}

/** Whether the browser reached us over https, directly or through a TLS-terminating proxy. */
function isHttps(c: Context): boolean {
  // Trusting the proxy header is safe here: it can only add the Secure flag, never remove it.
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
  return new URL(c.req.url).protocol === 'https:' || forwarded === 'https';
}
