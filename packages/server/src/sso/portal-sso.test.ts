import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { HTTP_STATUS, PortalError, type Session } from '@kundportal/core';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SignJWT } from 'jose';
import type { AppDeps, AppEnv } from '../app-context.js';
import type { Database } from '../db.js';
import { loadPortalSettings, savePortalSettings, type PortalSettings } from '../portal-settings.js';
import { seedDemo } from '../seed.js';
import { portalSsoProviders, portalSsoRoutes } from './portal-sso.js';
import { openTestDatabase, postForm, postJson } from './test-support.js';

const SECRET = 'a-shared-secret-that-is-long-enough-for-hs256';
const PUBLIC_URL = 'http://localhost:4000';

const token = (email: string) =>
  new SignJWT({ email, name: 'Sam Single', jti: randomUUID() })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('2m')
    .sign(new TextEncoder().encode(SECRET));

// The app's customer request guard loads the settings into `c.var.settings`; this stands in for it.
describe('SSO wired to the portal’s access rules and sessions', () => {
  let db: Database;
  let app: Hono<AppEnv>;
  let seeded: PortalSettings;

  const configure = (change: Partial<PortalSettings>) =>
    savePortalSettings(db, { ...seeded, ...change }, new Date());

  before(async () => {
    db = await openTestDatabase();
    await seedDemo(db);
    seeded = await loadPortalSettings(db);
    const deps: AppDeps = {
      db,
      now: () => new Date(),
      sessionTtlMinutes: 60,
      publicUrl: PUBLIC_URL,
      allowedOrigins: [],
      trustProxy: false,
      agentApiKey: null,
      mailQueued: () => {},
      ssoProviders: portalSsoProviders(PUBLIC_URL),
    };
    app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      c.set('settings', await loadPortalSettings(db));
      await next();
    });
    app.route('/api/sso', portalSsoRoutes(deps));
    app.onError((error, c) => {
      if (!(error instanceof PortalError)) throw error;
      return c.json(error.toBody(), HTTP_STATUS[error.code] as ContentfulStatusCode);
    });
  });

  after(() => db.close());

  test('in the sso mode a new person gets a contact and a session cookie', async () => {
    await configure({ accessMode: 'sso', sso: { jwt: { secret: SECRET } } });
    const response = await postJson(app, '/api/sso/jwt', { token: await token('sam@example.com') });
    assert.equal(response.status, 200);
    const session = (await response.json()) as Session;
    assert.equal(session.contact.email, 'sam@example.com');
    assert.match(response.headers.get('set-cookie') ?? '', /kp_session=[^;]+;.*HttpOnly/);
    const [row] = await db.query<{ verified: boolean }>(
      'SELECT email_verified_at IS NOT NULL AS verified FROM contacts WHERE email = $1',
      ['sam@example.com'],
    );
    assert.equal(row?.verified, true);
  });

  test('the form post signs in with the cookie on the redirect; a known contact is reused', async () => {
    const response = await postForm(app, '/api/sso/jwt', { jwt: await token('sam@example.com') });
    assert.equal(response.status, 303);
    assert.match(response.headers.get('location') ?? '', /^http:\/\/localhost:4000\//);
    assert.match(response.headers.get('set-cookie') ?? '', /kp_session=/);
    const [row] = await db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM contacts WHERE email = $1',
      ['sam@example.com'],
    );
    assert.equal(row?.count, 1);
  });

  test('in the sso-lists mode someone on no allowed list is denied', async () => {
    await configure({
      accessMode: 'sso-lists',
      allowedListIds: [],
      sso: { jwt: { secret: SECRET } },
    });
    const response = await postForm(app, '/api/sso/jwt', { jwt: await token('new@example.com') });
    assert.match(response.headers.get('location') ?? '', /#\/access-denied$/);
    const json = await postJson(app, '/api/sso/jwt', { token: await token('new@example.com') });
    assert.equal(json.status, 403);
  });

  test('GET /api/portal’s providers come from the stored settings, without secrets', async () => {
    const providers = portalSsoProviders(PUBLIC_URL)({
      ...seeded,
      sso: {
        jwt: { secret: SECRET },
        oidc: [
          {
            id: 'acme',
            label: 'Acme',
            issuer: 'https://id.acme.example',
            clientId: 'x',
            clientSecret: 'y',
          },
        ],
      },
    });
    assert.deepEqual(providers, [
      { id: 'jwt', kind: 'jwt', label: 'Single sign-on', startUrl: null },
      {
        id: 'acme',
        kind: 'oidc',
        label: 'Acme',
        startUrl: `${PUBLIC_URL}/api/sso/oidc/acme/start`,
      },
    ]);
  });
});
