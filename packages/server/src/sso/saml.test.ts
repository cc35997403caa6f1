import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { generate } from 'selfsigned';
import type { Database } from '../db.js';
import { signSamlAssertion, type SamlSigningKey } from '../dev-idp/saml-response.js';
import {
  BLOCKED_EMAIL,
  PORTAL_URL,
  PUBLIC_URL,
  mountSso,
  openTestDatabase,
  postForm,
  type SsoHarness,
} from './test-support.js';

const ENTRY_POINT = 'https://idp.example.com/sso';
const IDP_ISSUER = 'https://idp.example.com';
const SP_ENTITY_ID = 'https://help.example.com/saml';
const ACS_PATH = '/api/sso/saml/corp/acs';
const ACS_URL = `${PUBLIC_URL}${ACS_PATH}`;
const MINUTE = 60_000;

interface AssertionOptions {
  inResponseTo: string;
  email?: string;
  audience?: string;
  /** When the assertion was issued, relative to now (ms). */
  issuedAgo?: number;
  /** How long it is valid after being issued (ms). */
  validFor?: number;
}

/** A SAML Response with one assertion, as an IdP would send it (before signing). */
function samlResponse({
  inResponseTo,
  email = 'ada@example.com',
  audience = SP_ENTITY_ID,
  issuedAgo = 0,
  validFor = 5 * MINUTE,
}: AssertionOptions): string {
  const issued = new Date(Date.now() - issuedAgo);
  const at = (offset: number) => new Date(issued.getTime() + offset).toISOString();
  return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" Version="2.0" IssueInstant="${at(0)}" Destination="${ACS_URL}" InResponseTo="${inResponseTo}">
<saml:Issuer>${IDP_ISSUER}</saml:Issuer>
<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
<saml:Assertion ID="_${randomUUID()}" Version="2.0" IssueInstant="${at(0)}">
<saml:Issuer>${IDP_ISSUER}</saml:Issuer>
<saml:Subject>
<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${email}</saml:NameID>
<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
<saml:SubjectConfirmationData InResponseTo="${inResponseTo}" NotOnOrAfter="${at(validFor)}" Recipient="${ACS_URL}"/>
</saml:SubjectConfirmation>
</saml:Subject>
<saml:Conditions NotBefore="${at(-MINUTE)}" NotOnOrAfter="${at(validFor)}">
<saml:AudienceRestriction><saml:Audience>${audience}</saml:Audience></saml:AudienceRestriction>
</saml:Conditions>
<saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="_session"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>
<saml:AttributeStatement>
<saml:Attribute Name="email"><saml:AttributeValue>${email}</saml:AttributeValue></saml:Attribute>
<saml:Attribute Name="displayName"><saml:AttributeValue>Ada Lovelace</saml:AttributeValue></saml:Attribute>
<saml:Attribute Name="company"><saml:AttributeValue>Analytical Engines</saml:AttributeValue></saml:Attribute>
</saml:AttributeStatement>
</saml:Assertion>
</samlp:Response>`;
}

const encode = (xml: string) => Buffer.from(xml).toString('base64');

describe('SAML SSO (SP-initiated, PGlite)', () => {
  let db: Database;
  let harness: SsoHarness;
  let idpKey: SamlSigningKey;
  let strangerKey: SamlSigningKey;

  before(async () => {
    const [idp, stranger] = await Promise.all([
      generate([{ name: 'commonName', value: 'idp.example.com' }], { keySize: 2048 }),
      generate([{ name: 'commonName', value: 'idp.example.com' }], { keySize: 2048 }),
    ]);
    idpKey = { privateKey: idp.private, cert: idp.cert };
    strangerKey = { privateKey: stranger.private, cert: stranger.cert };
    db = await openTestDatabase();
    harness = mountSso(db);
    harness.configure({
      saml: [
        {
          id: 'corp',
          label: 'Corporate sign-in',
          entryPoint: ENTRY_POINT,
          idpCert: idpKey.cert,
          issuer: SP_ENTITY_ID,
        },
      ],
    });
  });

  after(() => db.close());

  /** Starts a sign-in at the portal; returns the AuthnRequest's id. */
  async function start(): Promise<string> {
    const response = await harness.app.request('/api/sso/saml/corp/start');
    assert.equal(response.status, 302);
    const location = new URL(response.headers.get('location') ?? '');
    assert.equal(`${location.origin}${location.pathname}`, ENTRY_POINT);
    const request = inflateRawSync(
      Buffer.from(location.searchParams.get('SAMLRequest') ?? '', 'base64'),
    ).toString();
    assert.match(request, /<samlp:AuthnRequest/);
    assert.ok(request.includes(`AssertionConsumerServiceURL="${ACS_URL}"`));
    assert.ok(request.includes(SP_ENTITY_ID));
    const id = /ID="([^"]+)"/.exec(request)?.[1];
    assert.ok(id);
    return id;
  }

  const post = (xml: string) => postForm(harness.app, ACS_PATH, { SAMLResponse: encode(xml) });

  async function assertRefused(xml: string, reason: RegExp): Promise<void> {
    const before = harness.signIns.length;
    const response = await post(xml);
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), `${PORTAL_URL}#/sso-error`);
    assert.equal(harness.signIns.length, before, 'nobody was signed in');
    assert.match(harness.refusals.at(-1) ?? '', reason);
  }

  test('a signed assertion answering our request signs the person in', async () => {
    const inResponseTo = await start();
    const response = await post(signSamlAssertion(samlResponse({ inResponseTo }), idpKey));
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), PORTAL_URL);
    assert.match(response.headers.getSetCookie().join(), /kp_session=/);
    assert.deepEqual(harness.signIns.at(-1), {
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      externalId: 'ada@example.com',
      company: 'Analytical Engines',
      via: 'saml',
    });
  });

  test('an unsigned assertion is refused', async () => {
    await assertRefused(samlResponse({ inResponseTo: await start() }), /signature/i);
  });

  test('an assertion changed after signing is refused', async () => {
    const signed = signSamlAssertion(samlResponse({ inResponseTo: await start() }), idpKey);
    const tampered = signed.replaceAll('ada@example.com', 'mallory@example.com');
    assert.notEqual(tampered, signed);
    await assertRefused(tampered, /signature/i);
  });

  test('an assertion signed with another key is refused', async () => {
    const xml = samlResponse({ inResponseTo: await start() });
    await assertRefused(signSamlAssertion(xml, strangerKey), /signature/i);
  });

  test('an expired assertion is refused', async () => {
    const xml = samlResponse({ inResponseTo: await start(), issuedAgo: 20 * MINUTE });
    await assertRefused(
      signSamlAssertion(xml, idpKey),
      /expired|NotOnOrAfter|subject confirmation/i,
    );
  });

  test('an assertion for another audience is refused', async () => {
    const xml = samlResponse({
      inResponseTo: await start(),
      audience: 'https://other.example.com',
    });
    await assertRefused(signSamlAssertion(xml, idpKey), /audience/i);
  });

  test('an assertion answering no request of ours is refused', async () => {
    const xml = samlResponse({ inResponseTo: `_${randomUUID()}` });
    await assertRefused(signSamlAssertion(xml, idpKey), /InResponseTo/);
  });

  test('a replayed assertion is refused, also when posted twice at once', async () => {
    const signed = signSamlAssertion(samlResponse({ inResponseTo: await start() }), idpKey);
    assert.equal((await post(signed)).headers.get('location'), PORTAL_URL);
    await assertRefused(signed, /InResponseTo|presented before/);

    const racing = signSamlAssertion(samlResponse({ inResponseTo: await start() }), idpKey);
    const before = harness.signIns.length;
    const answers = await Promise.all([post(racing), post(racing), post(racing)]);
    const landings = answers.map((answer) => answer.headers.get('location'));
    assert.equal(landings.filter((location) => location === PORTAL_URL).length, 1);
    assert.equal(harness.signIns.length, before + 1);
  });

  test('a person the access check refuses lands on #/access-denied', async () => {
    const xml = samlResponse({ inResponseTo: await start(), email: BLOCKED_EMAIL });
    const response = await post(signSamlAssertion(xml, idpKey));
    assert.equal(response.headers.get('location'), `${PORTAL_URL}#/access-denied`);
  });

  test('a post without SAMLResponse is refused', async () => {
    const response = await postForm(harness.app, ACS_PATH, {});
    assert.equal(response.headers.get('location'), `${PORTAL_URL}#/sso-error`);
  });

  test('the service provider metadata names our entity id and ACS URL', async () => {
    const response = await harness.app.request('/api/sso/saml/corp/metadata');
    assert.equal(response.status, 200);
    const xml = await response.text();
    assert.ok(xml.includes(`entityID="${SP_ENTITY_ID}"`));
    assert.ok(xml.includes(`Location="${ACS_URL}"`));
  });
});
