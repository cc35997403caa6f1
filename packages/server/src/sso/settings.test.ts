import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, test } from 'node:test';
import { isSsoFormPost } from './routes.js';
import { publicSsoProviders, ssoSettingsSchema, type SsoSettingsInput } from './settings.js';

const SECRET = 'a-shared-secret-that-is-long-enough-for-hs256';
const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

const FULL: SsoSettingsInput = {
  jwt: { label: 'Sign in with your Acme account', secret: SECRET },
  oidc: [
    {
      id: 'acme',
      label: 'Acme ID',
      issuer: 'https://id.acme.example',
      clientId: 'portal',
      clientSecret: 'oidc-client-secret',
    },
  ],
  saml: [
    {
      id: 'corp',
      label: 'Corporate sign-in',
      entryPoint: 'https://idp.corp.example/sso',
      idpCert: 'MIIC-not-checked-here',
      issuer: 'https://help.example.com/saml',
    },
  ],
};

const problems = (input: unknown): string[] => {
  const result = ssoSettingsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('SSO settings', () => {
  test('valid settings get their defaults', () => {
    const settings = ssoSettingsSchema.parse(FULL);
    assert.equal(settings.jwt?.maxAgeSeconds, 300);
    assert.deepEqual(settings.oidc[0]?.scopes, ['openid', 'email', 'profile']);
    assert.deepEqual(ssoSettingsSchema.parse({}), { oidc: [], saml: [] });
  });

  test('the JWT key is exactly one of secret, public key and JWKS URL', () => {
    assert.deepEqual(problems({ jwt: {} }), ['jwt.secret']);
    assert.deepEqual(problems({ jwt: { secret: SECRET, publicKey: publicPem } }), ['jwt.secret']);
    assert.deepEqual(problems({ jwt: { secret: 'too-short' } }), ['jwt.secret']);
    assert.deepEqual(problems({ jwt: { publicKey: publicPem } }), []);
  });

  test('the algorithms must belong to the key: no HS with public keys, no RS/ES with secrets', () => {
    assert.deepEqual(problems({ jwt: { publicKey: publicPem, algorithms: ['HS256'] } }), [
      'jwt.algorithms',
    ]);
    assert.deepEqual(problems({ jwt: { secret: SECRET, algorithms: ['RS256'] } }), [
      'jwt.algorithms',
    ]);
    assert.deepEqual(problems({ jwt: { secret: SECRET, algorithms: ['none'] } }), [
      'jwt.algorithms.0',
    ]);
  });

  test('a private key or garbage is not accepted as the public key', () => {
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    assert.deepEqual(problems({ jwt: { publicKey: privatePem } }), ['jwt.publicKey']);
    assert.deepEqual(problems({ jwt: { publicKey: 'hello' } }), ['jwt.publicKey']);
    const privateJwk = privateKey.export({ format: 'jwk' });
    assert.deepEqual(problems({ jwt: { publicKey: JSON.stringify(privateJwk) } }), [
      'jwt.publicKey',
    ]);
  });

  test('keys and metadata come over https, plain http only on loopback', () => {
    assert.deepEqual(problems({ jwt: { jwksUrl: 'http://keys.example.com/jwks.json' } }), [
      'jwt.jwksUrl',
    ]);
    assert.deepEqual(problems({ jwt: { jwksUrl: 'http://127.0.0.1:8080/jwks.json' } }), []);
    const oidc = FULL.oidc?.[0];
    assert.deepEqual(problems({ oidc: [{ ...oidc, issuer: 'http://id.acme.example' }] }), [
      'oidc.0.issuer',
    ]);
  });

  test('provider ids are unique, URL-safe and not "jwt"', () => {
    const oidc = FULL.oidc?.[0];
    const saml = FULL.saml?.[0];
    assert.deepEqual(problems({ oidc: [oidc], saml: [{ ...saml, id: 'acme' }] }), ['saml.0.id']);
    assert.deepEqual(problems({ oidc: [{ ...oidc, id: 'Acme ID' }] }), ['oidc.0.id']);
    assert.deepEqual(problems({ oidc: [{ ...oidc, id: 'jwt' }] }), ['oidc.0.id']);
    assert.deepEqual(problems({ oidc: [{ ...oidc, scopes: ['email'] }] }), ['oidc.0.scopes']);
  });

  test('the public providers carry labels and start URLs, never secrets', () => {
    const providers = publicSsoProviders(
      ssoSettingsSchema.parse(FULL),
      'https://help.example.com/',
    );
    assert.deepEqual(providers, [
      { id: 'jwt', kind: 'jwt', label: 'Sign in with your Acme account', startUrl: null },
      {
        id: 'acme',
        kind: 'oidc',
        label: 'Acme ID',
        startUrl: 'https://help.example.com/api/sso/oidc/acme/start',
      },
      {
        id: 'corp',
        kind: 'saml',
        label: 'Corporate sign-in',
        startUrl: 'https://help.example.com/api/sso/saml/corp/start',
      },
    ]);
    const text = JSON.stringify(providers);
    for (const secret of [SECRET, 'oidc-client-secret', 'MIIC-not-checked-here', 'portal']) {
      assert.ok(!text.includes(secret));
    }
  });
});

describe('isSsoFormPost', () => {
  const request = (method: string, path: string, contentType?: string) =>
    new Request(`https://help.example.com${path}`, {
      method,
      headers: contentType ? { 'content-type': contentType } : {},
    });

  test('lets through the JWT form post and the SAML ACS, nothing else', () => {
    const form = 'application/x-www-form-urlencoded';
    assert.equal(isSsoFormPost(request('POST', '/api/sso/jwt', form)), true);
    assert.equal(isSsoFormPost(request('POST', '/api/sso/saml/corp/acs', form)), true);
    assert.equal(isSsoFormPost(request('POST', '/api/sso/jwt', 'application/json')), false);
    assert.equal(isSsoFormPost(request('POST', '/api/session', form)), false);
    assert.equal(isSsoFormPost(request('POST', '/api/sso/saml/corp/acs/x', form)), false);
    assert.equal(isSsoFormPost(request('GET', '/api/sso/jwt')), false);
  });
});
