/** Shared set-up for the SSO tests: the routes on a tiny app over a real database. */
import { HTTP_STATUS, PortalError, type Session } from '@kundportal/core';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { openDatabase, type Database } from '../db.js';
import { postgresDatabase } from '../test-support.js';
import type { SsoIdentity } from './identity.js';
import { createSsoRoutes } from './routes.js';
import {
  SSO_MOUNT_PATH,
  ssoSettingsSchema,
  type SsoSettings,
  type SsoSettingsInput,
} from './settings.js';

export const PUBLIC_URL = 'http://localhost:4000';
export const PORTAL_URL = 'http://localhost:4000/support.html';
/** `signIn` refuses this address, as an access check would for someone outside the lists. */
export const BLOCKED_EMAIL = 'blocked@example.com';

export interface SsoHarness {
  app: Hono;
  /** Everyone `signIn` let in, in order. */
  signIns: SsoIdentity[];
  /** Why redirect sign-ins were refused, in order. */
  refusals: string[];
  /** Replaces the SSO settings (validated like stored ones). */
  configure(settings: SsoSettingsInput): void;
}

/** The SSO routes at `/api/sso` with a `signIn` that records identities and sets a cookie. */
export function mountSso(db: Database): SsoHarness {
  let settings: SsoSettings = ssoSettingsSchema.parse({});
  const signIns: SsoIdentity[] = [];
  const refusals: string[] = [];
  const app = new Hono();
  app.route(
    SSO_MOUNT_PATH,
    createSsoRoutes({
      db,
      settings: async () => settings,
      publicUrl: () => PUBLIC_URL,
      portalUrl: async () => PORTAL_URL,
      async signIn(c, identity): Promise<Session> {
        if (identity.email === BLOCKED_EMAIL) {
          throw new PortalError('forbidden', 'You do not have access to this portal.');
        }
        signIns.push(identity);
        setCookie(c, 'kp_session', `session-${signIns.length}`, { httpOnly: true, path: '/' });
        return {
          contact: {
            id: `c-${signIns.length}`,
            email: identity.email,
            name: identity.name,
            companyId: null,
          },
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        };
      },
      // Unexpected errors fail the test that caused them.
      reportError: (error) => {
        throw error;
      },
      onRefused: (error) => refusals.push(error.message),
    }),
  );
  app.onError((error, c) => {
    if (error instanceof PortalError) {
      return c.json(error.toBody(), HTTP_STATUS[error.code] as ContentfulStatusCode);
    }
    throw error;
  });
  return {
    app,
    signIns,
    refusals,
    configure(input) {
      settings = ssoSettingsSchema.parse(input);
    },
  };
}

/** In-memory PGlite with the migrations applied. One per test file: each costs ~2 s. */
export function openTestDatabase(): Promise<Database> {
  return openDatabase({ dataDir: null });
}

export { postgresUnreachable } from '../test-support.js';

/** A fresh, migrated PostgreSQL database, created through `test`; `dispose` drops it. */
export function openThrowawayPostgres(): Promise<{
  db: Database;
  url: string;
  dispose: () => Promise<void>;
}> {
  return postgresDatabase('kp_sso');
}

/** Anything that answers requests like `Hono#request`, whatever its env. */
export interface RequestTarget {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** `POST` as a browser form would (no CSRF header, urlencoded body). */
export function postForm(
  app: RequestTarget,
  path: string,
  fields: Record<string, string>,
): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

/** `POST` JSON as the HttpAdapter does. */
export function postJson(app: RequestTarget, path: string, body: unknown): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kundportal': '1' },
      body: JSON.stringify(body),
    }),
  );
}
