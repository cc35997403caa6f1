import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Queryable } from '../db.js';
import { SsoRefusedError, toIdentity, type SsoIdentity } from './identity.js';
import {
  PUBLIC_KEY_ALGORITHMS,
  SECRET_ALGORITHMS,
  publicKeyFrom,
  type JwtAlgorithm,
  type JwtSsoSettings,
} from './settings.js';
import { claimOnce } from './store.js';

/** Clocks of the site's app and of the portal may differ by this much. */
export const CLOCK_TOLERANCE_SECONDS = 30;

const JTI_SCOPE = 'jwt';

// One key set per URL: jose caches the keys and refetches on an unknown `kid`, with a cooldown.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/**
 * Verifies a JWT from the site's own app and returns who it signs in. Refuses (with
 * `SsoRefusedError`) a bad signature, an algorithm outside the allow-list or foreign to the key,
 * a wrong issuer or audience, a token that is expired, not yet valid or older than
 * `maxAgeSeconds`, and a `jti` that is missing or was used before.
 */
export async function verifySsoJwt(
  token: string,
  settings: JwtSsoSettings,
  db: Queryable,
  now: Date,
): Promise<SsoIdentity> {
  let payload: JWTPayload;
  try {
    const options = {
      algorithms: allowedAlgorithms(settings),
      issuer: settings.issuer,
      audience: settings.audience,
      maxTokenAge: settings.maxAgeSeconds,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
      requiredClaims: ['iat', 'jti'],
    };
    if (settings.secret !== undefined) {
      payload = (await jwtVerify(token, new TextEncoder().encode(settings.secret), options))
        .payload;
    } else if (settings.publicKey !== undefined) {
      payload = (await jwtVerify(token, publicKeyFrom(settings.publicKey), options)).payload;
    } else if (settings.jwksUrl !== undefined) {
      payload = (await jwtVerify(token, keySet(settings.jwksUrl), options)).payload;
    } else {
      throw new SsoRefusedError('no key is configured for JWT sign-in.');
    }
  } catch (error) {
    if (error instanceof SsoRefusedError) throw error;
    throw new SsoRefusedError(refusalReason(error));
  }
  if (typeof payload.jti !== 'string' || !payload.jti) {
    throw new SsoRefusedError('the token has no "jti".');
  }
  // Kept until the token would be refused for its age anyway.
  const iat = payload.iat ?? now.getTime() / 1000;
  const lastValid = Math.min(payload.exp ?? Infinity, iat + settings.maxAgeSeconds);
  const keepUntil = new Date((lastValid + CLOCK_TOLERANCE_SECONDS) * 1000);
  if (!(await claimOnce(db, JTI_SCOPE, payload.jti, keepUntil, now))) {
    throw new SsoRefusedError('the token was used before ("jti" seen already).');
  }
  return toIdentity(
    {
      email: payload.email,
      name: payload.name,
      givenName: payload.given_name,
      familyName: payload.family_name,
      externalId: payload.external_id ?? payload.sub,
      company: payload.company,
    },
    'jwt',
  );
}

/**
 * The algorithms a token may use: the configured ones (or the defaults) narrowed to the family
 * the key belongs to, so stored settings that slipped past validation cannot open a confusion.
 */
export function allowedAlgorithms(settings: JwtSsoSettings): JwtAlgorithm[] {
  const family: readonly JwtAlgorithm[] =
    settings.secret !== undefined ? SECRET_ALGORITHMS : PUBLIC_KEY_ALGORITHMS;
  const wanted: readonly JwtAlgorithm[] =
    settings.algorithms ?? (settings.secret !== undefined ? ['HS256'] : ['RS256', 'ES256']);
  return wanted.filter((alg) => family.includes(alg));
}

function keySet(url: string): ReturnType<typeof createRemoteJWKSet> {
  let set = keySets.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url));
    keySets.set(url, set);
  }
  return set;
}

function refusalReason(error: unknown): string {
  if (error instanceof errors.JWTExpired) {
    return error.claim === 'iat'
      ? 'the token is older than the portal accepts ("iat").'
      : 'the token has expired.';
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `the "${error.claim}" claim is not acceptable (${error.message}).`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token’s algorithm is not allowed.';
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return 'the token’s signature does not verify.';
  }
  if (error instanceof errors.JWKSNoMatchingKey) return 'no published key matches the token.';
  if (error instanceof errors.JOSEError) return `the token is not valid (${error.code}).`;
  return 'the token could not be checked.';
}
