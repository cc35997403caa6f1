import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from '@node-saml/node-saml';
import type { Queryable } from '../db.js';
import { SsoRefusedError, toIdentity, type SsoIdentity } from './identity.js';
import type { SamlProviderSettings } from './settings.js';
import { claimOnce, peekRequest, saveRequest, takeRequest } from './store.js';

/** How long the identity provider has to answer an AuthnRequest. */
const REQUEST_TTL_MS = 10 * 60_000;
/** Assertions older than this (by IssueInstant) are refused, whatever they say. */
const MAX_ASSERTION_AGE_MS = 5 * 60_000;
const CLOCK_SKEW_MS = 30_000;

const ATTRIBUTE = {
  email: [
    'email',
    'mail',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
    'urn:oid:0.9.2342.19200300.100.1.3',
  ],
  name: ['displayName', 'name', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name'],
  givenName: ['givenName', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname'],
  familyName: ['sn', 'surname', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname'],
  company: ['company', 'organization', 'o'],
} as const;

const EMAIL_NAME_ID = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

/** What an SP-initiated SAML sign-in needs: where it runs and how time passes. */
export interface SamlContext {
  db: Queryable;
  now: () => Date;
  /** Our assertion consumer service URL. */
  acsUrl: string;
}

/** The IdP URL (HTTP-Redirect binding) carrying a fresh AuthnRequest, whose id is remembered. */
export async function startSamlSignIn(
  provider: SamlProviderSettings,
  context: SamlContext,
): Promise<string> {
  return client(provider, context).getAuthorizeUrlAsync('', undefined, {});
}

/**
 * Validates the IdP's POSTed `SAMLResponse`: the assertion must be signed by the configured
 * certificate, answer a request we made (InResponseTo, once), be within its time window and
 * for our audience, and not have been presented before.
 */
export async function finishSamlSignIn(
  provider: SamlProviderSettings,
  context: SamlContext,
  samlResponse: string,
): Promise<SsoIdentity> {
  let profile: Profile | null;
  try {
    ({ profile } = await client(provider, context).validatePostResponseAsync({
      SAMLResponse: samlResponse,
    }));
  } catch (error) {
    throw new SsoRefusedError(
      `the SAML response was not accepted (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  if (!profile) throw new SsoRefusedError('the identity provider signed no one in.');
  // node-saml checks InResponseTo and forgets it in two steps; claiming the assertion's id closes
  // the gap, so the same assertion posted twice at once still signs in once.
  const assertionId = assertionIdOf(profile);
  const now = context.now();
  const keepUntil = new Date(now.getTime() + MAX_ASSERTION_AGE_MS + 2 * CLOCK_SKEW_MS);
  if (
    !assertionId ||
    !(await claimOnce(context.db, scope(provider), assertionId, keepUntil, now))
  ) {
    throw new SsoRefusedError('the assertion was presented before.');
  }
  const attribute = (names: readonly string[]): unknown =>
    names.map((name) => profile[name]).find((value) => typeof value === 'string');
  const nameIdIsEmail =
    profile.nameIDFormat === EMAIL_NAME_ID || /^[^@\s]+@[^@\s]+$/.test(profile.nameID ?? '');
  return toIdentity(
    {
      email: attribute(ATTRIBUTE.email) ?? (nameIdIsEmail ? profile.nameID : undefined),
      name: attribute(ATTRIBUTE.name),
      givenName: attribute(ATTRIBUTE.givenName),
      familyName: attribute(ATTRIBUTE.familyName),
      externalId: profile.nameID,
      company: attribute(ATTRIBUTE.company),
    },
    'saml',
  );
}

/** Our service provider metadata, for the identity provider's administrator. */
export function samlMetadata(provider: SamlProviderSettings, context: SamlContext): string {
  return client(provider, context).generateServiceProviderMetadata(null, null);
}

function client(provider: SamlProviderSettings, context: SamlContext): SAML {
  return new SAML({
    entryPoint: provider.entryPoint,
    issuer: provider.issuer,
    audience: provider.audience ?? provider.issuer,
    idpCert: provider.idpCert,
    callbackUrl: context.acsUrl,
    // The assertion itself must be signed: a signed envelope around an unsigned assertion is
    // the classic opening for signature-wrapping attacks.
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_TTL_MS,
    cacheProvider: requestStore(provider, context),
    maxAssertionAgeMs: MAX_ASSERTION_AGE_MS,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    signatureAlgorithm: 'sha256',
  });
}

/** AuthnRequest ids in the database, so the IdP's answer may reach any server node. */
function requestStore(provider: SamlProviderSettings, { db, now }: SamlContext): CacheProvider {
  return {
    async saveAsync(key, value) {
      const createdAt = now();
      await saveRequest(
        db,
        scope(provider),
        key,
        { value },
        new Date(createdAt.getTime() + REQUEST_TTL_MS),
      );
      return { value, createdAt: createdAt.getTime() };
    },
    async getAsync(key) {
      return (await peekRequest(db, scope(provider), key, now()))?.value ?? null;
    },
    async removeAsync(key) {
      if (key === null) return null;
      return (await takeRequest(db, scope(provider), key, now()))?.value ?? null;
    },
  };
}

function scope(provider: SamlProviderSettings): string {
  return `saml:${provider.id}`;
}

function assertionIdOf(profile: Profile): string | undefined {
  const assertion = profile.getAssertion?.() as { Assertion?: { $?: { ID?: unknown } } };
  const id = assertion?.Assertion?.$?.ID;
  return typeof id === 'string' ? id : undefined;
}
