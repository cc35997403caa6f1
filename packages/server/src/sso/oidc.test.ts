import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { exportJWK } from 'jose';
import Provider, { type Account } from 'oidc-provider';
import type { Database } from '../db.js';
import { OIDC_STATE_COOKIE } from './routes.js';
import {
  BLOCKED_EMAIL,
  PORTAL_URL,
  PUBLIC_URL,
  mountSso,
  openTestDatabase,
  type SsoHarness,
} from './test-support.js';

const CLIENT_ID = 'kundportal';
const CLIENT_SECRET = 'a-client-secret-for-the-test-only';
const CALLBACK_PATH = '/api/sso/oidc/acme/callback';

/** The identity provider's people, by login. */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  ada: { email: 'ada@example.com', email_verified: true, name: 'Ada Lovelace' },
  unverified: { email: 'eve@example.com', email_verified: false, name: 'Eve' },
  blocked: { email: BLOCKED_EMAIL, email_verified: true, name: 'Blocked' },
};

/** Cookies of one browser at the identity provider. */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value) this.#cookies.set(name.trim(), value);
      else this.#cookies.delete(name.trim());
    }
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

describe('OIDC SSO against oidc-provider on loopback', () => {
  let db: Database;
  let harness: SsoHarness;
  let idp: Server;
  let issuer: string;

  before(async () => {
    db = await openTestDatabase();
    harness = mountSso(db);
    // The provider needs its issuer URL, which needs the port: listen first, then hand over.
    let handle: RequestListener = () => {};
    idp = createServer((request, response) => handle(request, response));
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${PUBLIC_URL}${CALLBACK_PATH}`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      jwks: {
        keys: [{ ...(await exportJWK(privateKey)), kid: 'idp-1', use: 'sig', alg: 'RS256' }],
      },
      cookies: { keys: ['cookie-signing-key-for-the-test'] },
      // Code without PKCE is refused, so a passing flow proves PKCE was used.
      pkce: { required: () => true },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      async findAccount(_ctx: unknown, id: string): Promise<Account | undefined> {
        const claims = ACCOUNTS[id];
        return claims && { accountId: id, claims: async () => ({ sub: id, ...claims }) };
      },
    });
    handle = provider.callback();
    harness.configure({
      oidc: [
        { id: 'acme', label: 'Acme ID', issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      ],
    });
  });

  after(async () => {
    idp.closeAllConnections();
    idp.close();
    await db.close();
  });

  /** Starts at the portal; returns the IdP authorization URL and the portal's state cookie. */
  async function start(): Promise<{ authorizeUrl: URL; stateCookie: string }> {
    const response = await harness.app.request('/api/sso/oidc/acme/start');
    assert.equal(response.status, 302);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith(OIDC_STATE_COOKIE));
    assert.ok(cookie, 'the state cookie is set');
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    return {
      authorizeUrl: new URL(response.headers.get('location') ?? ''),
      stateCookie: cookie.split(';')[0] ?? '',
    };
  }

  /** A browser at the IdP: follows redirects and signs in as `login` when asked. */
  async function signInAtIdp(authorizeUrl: URL, login: string): Promise<string> {
    const jar = new CookieJar();
    let url = authorizeUrl.href;
    for (let step = 0; step < 12; step += 1) {
      if (url.startsWith(PUBLIC_URL)) return url;
      const page = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
      jar.store(page);
      const location = page.headers.get('location');
      if (location) {
        url = new URL(location, url).href;
        continue;
      }
      const html = await page.text();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      assert.ok(prompt, `the IdP shows a login or consent page (${page.status})`);
      const submitted = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(
          prompt === 'login' ? { prompt, login, password: 'x' } : { prompt },
        ),
      });
      jar.store(submitted);
      url = new URL(submitted.headers.get('location') ?? '', url).href;
    }
    throw new Error('The IdP did not send the browser back.');
  }

  async function callback(callbackUrl: string, cookie: string): Promise<Response> {
    const { pathname, search } = new URL(callbackUrl);
    return harness.app.request(`${pathname}${search}`, { headers: { cookie } });
  }

  test('the full code flow with PKCE signs the person in and returns to the portal', async () => {
    const { authorizeUrl, stateCookie } = await start();
    assert.equal(authorizeUrl.origin, issuer);
    const params = authorizeUrl.searchParams;
    assert.equal(params.get('response_type'), 'code');
    assert.equal(params.get('code_challenge_method'), 'S256');
    assert.ok(params.get('code_challenge'));
    assert.ok(params.get('nonce'));
    assert.equal(params.get('redirect_uri'), `${PUBLIC_URL}${CALLBACK_PATH}`);
    assert.equal(`${OIDC_STATE_COOKIE}=${params.get('state')}`, stateCookie);

    const callbackUrl = await signInAtIdp(authorizeUrl, 'ada');
    const landed = await callback(callbackUrl, stateCookie);
    assert.equal(landed.status, 303);
    assert.equal(landed.headers.get('location'), PORTAL_URL);
    assert.match(landed.headers.getSetCookie().join(), /kp_session=/);
    assert.deepEqual(harness.signIns.at(-1), {
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      externalId: 'ada',
      via: 'oidc',
    });
  });

  test('a callback in a browser that did not start the sign-in is refused (state mismatch)', async () => {
    const attacker = await start();
    const victim = await start();
    const attackersCallback = await signInAtIdp(attacker.authorizeUrl, 'ada');
    const before = harness.signIns.length;
    const landed = await callback(attackersCallback, victim.stateCookie);
    assert.equal(landed.headers.get('location'), `${PORTAL_URL}#/sso-error`);
    const noCookie = await callback(attackersCallback, '');
    assert.equal(noCookie.headers.get('location'), `${PORTAL_URL}#/sso-error`);
    assert.equal(harness.signIns.length, before);
  });

  test('a callback finishes once: replaying it is refused', async () => {
    const { authorizeUrl, stateCookie } = await start();
    const callbackUrl = await signInAtIdp(authorizeUrl, 'ada');
    assert.equal((await callback(callbackUrl, stateCookie)).headers.get('location'), PORTAL_URL);
    const replayed = await callback(callbackUrl, stateCookie);
    assert.equal(replayed.headers.get('location'), `${PORTAL_URL}#/sso-error`);
  });

  test('a tampered code is refused', async () => {
    const { authorizeUrl, stateCookie } = await start();
    const callbackUrl = new URL(await signInAtIdp(authorizeUrl, 'ada'));
    callbackUrl.searchParams.set('code', `${callbackUrl.searchParams.get('code')}x`);
    const landed = await callback(callbackUrl.href, stateCookie);
    assert.equal(landed.headers.get('location'), `${PORTAL_URL}#/sso-error`);
  });

  test('an email the IdP has not verified is refused', async () => {
    const { authorizeUrl, stateCookie } = await start();
    const landed = await callback(await signInAtIdp(authorizeUrl, 'unverified'), stateCookie);
    assert.equal(landed.headers.get('location'), `${PORTAL_URL}#/sso-error`);
  });

  test('a person the access check refuses lands on #/access-denied', async () => {
    const { authorizeUrl, stateCookie } = await start();
    const landed = await callback(await signInAtIdp(authorizeUrl, 'blocked'), stateCookie);
    assert.equal(landed.headers.get('location'), `${PORTAL_URL}#/access-denied`);
  });

  test('an unknown provider answers not_found', async () => {
    assert.equal((await harness.app.request('/api/sso/oidc/nope/start')).status, 404);
  });
});
