import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { ErrorBody, Session } from '@kundportal/core';
import { SignJWT, exportJWK, type JWTPayload } from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { openDatabase, type Database } from '../db.js';
import { ssoSettingsSchema } from './settings.js';
import {
  BLOCKED_EMAIL,
  PORTAL_URL,
  mountSso,
  openTestDatabase,
  openThrowawayPostgres,
  postForm,
  postJson,
  postgresUnreachable,
  type SsoHarness,
} from './test-support.js';

const SECRET = 'a-shared-secret-that-is-long-enough-for-hs256';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaPublicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const ecPublicPem = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** What a site's app puts in its token; `undefined` values are left out. */
function claims(overrides: Partial<Record<string, unknown>> = {}): JWTPayload {
  const all: Record<string, unknown> = {
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    sub: 'user-17',
    company: 'Analytical Engines',
    iat: nowSeconds(),
    exp: nowSeconds() + 120,
    jti: randomUUID(),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined));
}

function sign(
  payload: JWTPayload,
  alg: string,
  key: KeyObject | Uint8Array,
  header: Record<string, string> = {},
): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ ...header, alg }).sign(key);
}

const hs256 = (payload = claims()) => sign(payload, 'HS256', new TextEncoder().encode(SECRET));

async function exchange(harness: SsoHarness, token: string) {
  const response = await postJson(harness.app, '/api/sso/jwt', { token });
  return { status: response.status, body: (await response.json()) as Session & ErrorBody };
}

async function assertRefused(harness: SsoHarness, token: string, reason: RegExp): Promise<void> {
  const before = harness.signIns.length;
  const { status, body } = await exchange(harness, token);
  assert.equal(status, 401);
  assert.equal(body.error.code, 'unauthenticated');
  assert.match(body.error.message, reason);
  assert.equal(harness.signIns.length, before, 'nobody was signed in');
}

describe('JWT SSO (PGlite)', () => {
  let db: Database;
  let harness: SsoHarness;
  let jwks: Server;
  let jwksUrl: string;

  before(async () => {
    db = await openTestDatabase();
    harness = mountSso(db);
    const jwk = { ...(await exportJWK(rsa.publicKey)), kid: 'site-key-1', alg: 'RS256' };
    jwks = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  after(async () => {
    jwks.close();
    await db.close();
  });

  const useSecret = (extra: Record<string, unknown> = {}) =>
    harness.configure({ jwt: { secret: SECRET, ...extra } });

  test('an HS256 token signs the person in and answers the session', async () => {
    useSecret();
    const { status, body } = await exchange(harness, await hs256());
    assert.equal(status, 200);
    assert.equal(body.contact.email, 'ada@example.com');
    assert.deepEqual(harness.signIns.at(-1), {
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      externalId: 'user-17',
      company: 'Analytical Engines',
      via: 'jwt',
    });
  });

  test('external_id wins over sub, and the name falls back to the email', async () => {
    useSecret();
    await exchange(harness, await hs256(claims({ external_id: 'crm-9', name: undefined })));
    assert.equal(harness.signIns.at(-1)?.externalId, 'crm-9');
    assert.equal(harness.signIns.at(-1)?.name, 'ada@example.com');
  });

  test('RS256 and ES256 tokens verify with a PEM public key; a JWK works too', async () => {
    harness.configure({ jwt: { publicKey: rsaPublicPem } });
    assert.equal(
      (await exchange(harness, await sign(claims(), 'RS256', rsa.privateKey))).status,
      200,
    );
    harness.configure({ jwt: { publicKey: ecPublicPem } });
    assert.equal(
      (await exchange(harness, await sign(claims(), 'ES256', ec.privateKey))).status,
      200,
    );
    harness.configure({ jwt: { publicKey: JSON.stringify(await exportJWK(ec.publicKey)) } });
    assert.equal(
      (await exchange(harness, await sign(claims(), 'ES256', ec.privateKey))).status,
      200,
    );
  });

  test('an RS256 token verifies with the keys published at a JWKS URL', async () => {
    harness.configure({ jwt: { jwksUrl } });
    const token = await sign(claims(), 'RS256', rsa.privateKey, { kid: 'site-key-1' });
    assert.equal((await exchange(harness, token)).status, 200);
    const stranger = await sign(claims(), 'RS256', otherRsa.privateKey, { kid: 'site-key-1' });
    await assertRefused(harness, stranger, /signature/);
  });

  test('tokens made by the jsonwebtoken library are accepted (HS256 and RS256)', async () => {
    useSecret();
    const hsToken = jsonwebtoken.sign(
      { email: 'grace@example.com', name: 'Grace Hopper' },
      SECRET,
      {
        algorithm: 'HS256',
        expiresIn: '2m',
        jwtid: randomUUID(),
        subject: 'user-42',
      },
    );
    assert.equal((await exchange(harness, hsToken)).status, 200);
    assert.equal(harness.signIns.at(-1)?.externalId, 'user-42');

    harness.configure({ jwt: { publicKey: rsaPublicPem } });
    const rsToken = jsonwebtoken.sign(
      { email: 'grace@example.com' },
      rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }),
      { algorithm: 'RS256', expiresIn: 120, jwtid: randomUUID() },
    );
    assert.equal((await exchange(harness, rsToken)).status, 200);
  });

  test('a forged signature is refused', async () => {
    useSecret();
    const forged = await sign(claims(), 'HS256', new TextEncoder().encode(`${SECRET}-guess`));
    await assertRefused(harness, forged, /signature/);
    const [header, , signature] = (await hs256()).split('.');
    const changed = Buffer.from(JSON.stringify(claims({ email: 'mallory@example.com' })));
    await assertRefused(
      harness,
      `${header}.${changed.toString('base64url')}.${signature}`,
      /signature/,
    );
  });

  test('expired, not yet valid and too old tokens are refused', async () => {
    useSecret({ maxAgeSeconds: 300 });
    await assertRefused(
      harness,
      await hs256(claims({ iat: nowSeconds() - 200, exp: nowSeconds() - 60 })),
      /expired/,
    );
    await assertRefused(harness, await hs256(claims({ nbf: nowSeconds() + 120 })), /"nbf"/);
    // Valid by its own exp, but issued long before the portal's maximum age.
    await assertRefused(
      harness,
      await hs256(claims({ iat: nowSeconds() - 600, exp: nowSeconds() + 3600 })),
      /"iat"/,
    );
    await assertRefused(harness, await hs256(claims({ iat: undefined })), /"iat"/);
  });

  test('a small clock difference is tolerated', async () => {
    useSecret();
    const token = await hs256(claims({ iat: nowSeconds() + 10, nbf: nowSeconds() + 10 }));
    assert.equal((await exchange(harness, token)).status, 200);
  });

  test('a jti is single-use, also when the same token arrives twice at once', async () => {
    useSecret();
    const token = await hs256();
    assert.equal((await exchange(harness, token)).status, 200);
    await assertRefused(harness, token, /used before/);

    const racing = await hs256();
    const statuses = (await Promise.all([1, 2, 3, 4].map(() => exchange(harness, racing)))).map(
      (answer) => answer.status,
    );
    assert.deepEqual(statuses.sort(), [200, 401, 401, 401]);
  });

  test('a token without jti is refused', async () => {
    useSecret();
    await assertRefused(harness, await hs256(claims({ jti: undefined })), /"jti"/);
  });

  test('issuer and audience are checked when set', async () => {
    useSecret({ issuer: 'https://app.example.com', audience: 'kundportal' });
    const good = claims({ iss: 'https://app.example.com', aud: 'kundportal' });
    assert.equal((await exchange(harness, await hs256(good))).status, 200);
    await assertRefused(
      harness,
      await hs256(claims({ iss: 'https://evil.example.com', aud: 'kundportal' })),
      /"iss"/,
    );
    await assertRefused(
      harness,
      await hs256(claims({ iss: 'https://app.example.com', aud: 'another-app' })),
      /"aud"/,
    );
  });

  test('alg "none" is refused', async () => {
    useSecret();
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    await assertRefused(
      harness,
      `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims())}.`,
      /algorithm|not valid/,
    );
  });

  test('an HS256 token "signed" with the RSA public key as secret is refused', async () => {
    harness.configure({ jwt: { publicKey: rsaPublicPem } });
    const confused = await sign(claims(), 'HS256', new TextEncoder().encode(rsaPublicPem));
    await assertRefused(harness, confused, /algorithm/);
    // And the settings cannot be made to allow it.
    const attempt = ssoSettingsSchema.safeParse({
      jwt: { publicKey: rsaPublicPem, algorithms: ['RS256', 'HS256'] },
    });
    assert.equal(attempt.success, false);
  });

  test('an algorithm outside the allow-list is refused', async () => {
    harness.configure({ jwt: { publicKey: rsaPublicPem, algorithms: ['RS256'] } });
    await assertRefused(harness, await sign(claims(), 'PS256', rsa.privateKey), /algorithm/);
  });

  test('a token without a valid email is refused', async () => {
    useSecret();
    await assertRefused(harness, await hs256(claims({ email: 'not-an-email' })), /email/);
  });

  test('a token in the query string is refused and not used', async () => {
    useSecret();
    const token = await hs256();
    const inQuery = await harness.app.request(`/api/sso/jwt?jwt=${token}`, {
      method: 'POST',
      headers: { 'x-kundportal': '1' },
    });
    assert.equal(inQuery.status, 422);
    assert.match(((await inQuery.json()) as ErrorBody).error.message, /never in the URL/);
    const alongside = await postJson(harness.app, `/api/sso/jwt?token=${token}`, { token });
    assert.equal(alongside.status, 422);
    const viaGet = await harness.app.request(`/api/sso/jwt?jwt=${token}`);
    assert.equal(viaGet.status, 404);
    // Nothing consumed the token: posted properly, it still works.
    assert.equal((await exchange(harness, token)).status, 200);
  });

  test('the form post from the site app redirects to the portal (fields jwt and token)', async () => {
    useSecret();
    const before = harness.signIns.length;
    const signedIn = await postForm(harness.app, '/api/sso/jwt', { jwt: await hs256() });
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.headers.get('location'), PORTAL_URL);
    assert.match(signedIn.headers.get('set-cookie') ?? '', /kp_session=/);
    const viaToken = await postForm(harness.app, '/api/sso/jwt', { token: await hs256() });
    assert.equal(viaToken.headers.get('location'), PORTAL_URL);
    assert.equal(harness.signIns.length, before + 2);
  });

  test('a refused form post lands on #/sso-error, a person without access on #/access-denied', async () => {
    useSecret();
    const forged = await sign(claims(), 'HS256', new TextEncoder().encode(`${SECRET}-guess`));
    const refused = await postForm(harness.app, '/api/sso/jwt', { jwt: forged });
    assert.equal(refused.status, 303);
    assert.equal(refused.headers.get('location'), `${PORTAL_URL}#/sso-error`);
    assert.equal(refused.headers.get('set-cookie'), null);

    const missing = await postForm(harness.app, '/api/sso/jwt', {});
    assert.equal(missing.headers.get('location'), `${PORTAL_URL}#/sso-error`);

    const blocked = await postForm(harness.app, '/api/sso/jwt', {
      jwt: await hs256(claims({ email: BLOCKED_EMAIL })),
    });
    assert.equal(blocked.headers.get('location'), `${PORTAL_URL}#/access-denied`);
  });

  test('without JWT settings the exchange answers not_found', async () => {
    harness.configure({});
    const { status, body } = await exchange(harness, await hs256());
    assert.equal(status, 404);
    assert.equal(body.error.code, 'not_found');
  });
});

const postgresSkip = await postgresUnreachable();

describe('JWT single-use jti (PostgreSQL)', { skip: postgresSkip }, () => {
  let postgres: Awaited<ReturnType<typeof openThrowawayPostgres>>;
  let harness: SsoHarness;

  before(async () => {
    postgres = await openThrowawayPostgres();
    harness = mountSso(postgres.db);
    harness.configure({ jwt: { secret: SECRET } });
  });

  after(() => postgres.dispose());

  test('a replayed jti is refused', async () => {
    const token = await hs256();
    assert.equal((await exchange(harness, token)).status, 200);
    await assertRefused(harness, token, /used before/);
  });

  test('of ten concurrent exchanges of one token, exactly one signs in', async () => {
    const token = await hs256();
    const before = harness.signIns.length;
    const statuses = await Promise.all(
      Array.from({ length: 10 }, async () => (await exchange(harness, token)).status),
    );
    assert.equal(statuses.filter((status) => status === 200).length, 1);
    assert.equal(statuses.filter((status) => status === 401).length, 9);
    assert.equal(harness.signIns.length, before + 1);
  });

  test('two server nodes (two pools on one database) share the rule', async () => {
    const otherPool = await openDatabase({ url: postgres.url });
    try {
      const otherNode = mountSso(otherPool);
      otherNode.configure({ jwt: { secret: SECRET } });
      const token = await hs256();
      assert.equal((await exchange(harness, token)).status, 200);
      await assertRefused(otherNode, token, /used before/);
    } finally {
      await otherPool.close();
    }
  });
});
