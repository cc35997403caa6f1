import * as oidc from 'openid-client';
import { SsoRefusedError, toIdentity, type SsoIdentity } from './identity.js';
import { isLoopbackUrl, type OidcProviderSettings } from './settings.js';

/** What the callback needs from the start of a sign-in; kept server-side under the state. */
export interface OidcPendingSignIn {
  nonce: string;
  codeVerifier: string;
}

// Discovery costs a round trip; the metadata rarely changes, so it is reused for a while.
const DISCOVERY_TTL_MS = 60 * 60_000;
const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

/**
 * The authorization URL to send the browser to (code flow with PKCE S256, a fresh state and
 * nonce), and what the callback will need to finish.
 */
export async function startOidcSignIn(
  provider: OidcProviderSettings,
  redirectUri: string,
): Promise<{ url: URL; state: string; pending: OidcPendingSignIn }> {
  const config = await configuration(provider);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: provider.scopes.join(' '),
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, pending: { nonce, codeVerifier } };
}

/**
 * Finishes a sign-in at the callback: exchanges the code (with the PKCE verifier), verifies the
 * ID token (signature, issuer, audience, nonce, time) and reads who signed in, asking the
 * userinfo endpoint when the ID token does not carry the email.
 */
export async function finishOidcSignIn(
  provider: OidcProviderSettings,
  callbackUrl: URL,
  state: string,
  pending: OidcPendingSignIn,
): Promise<SsoIdentity> {
  const config = await configuration(provider);
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      expectedState: state,
      expectedNonce: pending.nonce,
      pkceCodeVerifier: pending.codeVerifier,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new SsoRefusedError('the identity provider sent no ID token.');
    claims = { ...idClaims };
    if (claims.email === undefined && config.serverMetadata().userinfo_endpoint) {
      const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...userInfo, ...idClaims };
    }
  } catch (error) {
    if (error instanceof SsoRefusedError) throw error;
    throw new SsoRefusedError(
      `the identity provider’s answer was not accepted (${describe(error)}).`,
    );
  }
  // An address the provider has not verified could be anyone's, and would open their account.
  if (claims.email_verified === false) {
    throw new SsoRefusedError('the identity provider has not verified the email address.');
  }
  return toIdentity(
    {
      email: claims.email,
      name: claims.name,
      givenName: claims.given_name,
      familyName: claims.family_name,
      externalId: claims.sub,
      company: claims.company,
    },
    'oidc',
  );
}

function configuration(provider: OidcProviderSettings): Promise<oidc.Configuration> {
  const key = JSON.stringify([provider.issuer, provider.clientId, provider.clientSecret]);
  const cached = discovered.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
  const config = oidc.discovery(
    new URL(provider.issuer),
    provider.clientId,
    undefined,
    // client_secret_basic is what OpenID Connect assumes when a client registers no method.
    provider.clientSecret === undefined
      ? oidc.None()
      : oidc.ClientSecretBasic(provider.clientSecret),
    // Plain http only for an identity provider on this machine (development, tests).
    { execute: isLoopbackUrl(provider.issuer) ? [oidc.allowInsecureRequests] : [], timeout: 10 },
  );
  discovered.set(key, { at: Date.now(), config });
  // A failed discovery is not remembered: the next sign-in tries again.
  config.catch(() => discovered.delete(key));
  return config;
}

function describe(error: unknown): string {
  if (error instanceof oidc.AuthorizationResponseError) return error.error;
  if (error instanceof Error) return (error as { code?: string }).code ?? error.message;
  return String(error);
}
