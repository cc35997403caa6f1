import { createPublicKey, type JsonWebKey } from 'node:crypto';
import type { SsoProvider } from '@kundportal/core';
import { z } from 'zod';

/** Where `createSsoRoutes` is mounted on the server; start and callback URLs are built on it. */
export const SSO_MOUNT_PATH = '/api/sso';

/** HMAC algorithms: the only ones a shared secret may verify. */
export const SECRET_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;

/** Public-key algorithms: the only ones a public key or a JWKS may verify. */
export const PUBLIC_KEY_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

export type JwtAlgorithm =
  (typeof SECRET_ALGORITHMS)[number] | (typeof PUBLIC_KEY_ALGORITHMS)[number];

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a URL points at this machine (development and tests, where https is not set up). */
export function isLoopbackUrl(url: string | URL): boolean {
  return LOOPBACK_HOSTS.has(new URL(url).hostname);
}

// Keys and identity-provider metadata are fetched from here: plain http would let anyone on the
// path swap the keys, so it is allowed only on loopback.
const fetchedUrl = z
  .string()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackUrl(url));
    } catch {
      return false;
    }
  }, 'Use an https:// URL (plain http only on localhost).');

const label = z.string().trim().min(1).max(100);

// Ids appear in URLs and in the database; `jwt` names the JWT hand-off.
const providerId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Use lowercase letters, digits and dashes (at most 40).')
  .refine((id) => id !== 'jwt', '"jwt" is reserved for the JWT hand-off.');

const jwtSettingsSchema = z
  .strictObject({
    label: label.optional(),
    /** Shared secret for HS256/384/512; 32 characters at least, as HS256 needs 256 bits. */
    secret: z.string().min(32).max(1024).optional(),
    /** The site app's public key, as PEM (SPKI or certificate) or a JWK in JSON. */
    publicKey: z.string().max(20_000).optional(),
    /** Where the site app publishes its public keys. */
    jwksUrl: fetchedUrl.optional(),
    /** Accepted `alg` values; by default HS256 for a secret, RS256 and ES256 for public keys. */
    algorithms: z
      .array(z.enum([...SECRET_ALGORITHMS, ...PUBLIC_KEY_ALGORITHMS]))
      .min(1)
      .optional(),
    /** Required `iss`, when set. */
    issuer: z.string().min(1).max(500).optional(),
    /** Required `aud`, when set. */
    audience: z.string().min(1).max(500).optional(),
    /** Tokens older than this (by `iat`) are refused, whatever their `exp` says. */
    maxAgeSeconds: z.number().int().min(10).max(3600).default(300),
  })
  .superRefine((jwt, ctx) => {
    const keys = [jwt.secret, jwt.publicKey, jwt.jwksUrl].filter((key) => key !== undefined);
    if (keys.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['secret'],
        message: 'Set exactly one of secret, publicKey and jwksUrl.',
      });
      return;
    }
    // The key's kind fixes the algorithm family, so an HS256 token "signed" with the public
    // key as its secret can never be accepted (algorithm confusion).
    const family: readonly string[] =
      jwt.secret === undefined ? PUBLIC_KEY_ALGORITHMS : SECRET_ALGORITHMS;
    const foreign = (jwt.algorithms ?? []).filter((alg) => !family.includes(alg));
    if (foreign.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['algorithms'],
        message: `${foreign.join(', ')} cannot be used with ${jwt.secret === undefined ? 'a public key' : 'a shared secret'}.`,
      });
    }
    if (jwt.publicKey !== undefined && !parsesAsPublicKey(jwt.publicKey)) {
      ctx.addIssue({
        code: 'custom',
        path: ['publicKey'],
        message: 'This is not a public key in PEM or JWK form.',
      });
    }
  });

const oidcProviderSchema = z.strictObject({
  id: providerId,
  label,
  /** The issuer URL; its `/.well-known/openid-configuration` is read. */
  issuer: fetchedUrl,
  clientId: z.string().min(1).max(500),
  /** Absent for a public client, which relies on PKCE alone. */
  clientSecret: z.string().min(1).max(1000).optional(),
  scopes: z
    .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'Not a valid scope.'))
    .refine((scopes) => scopes.includes('openid'), 'The scopes must include "openid".')
    .default(['openid', 'email', 'profile']),
});

const samlProviderSchema = z.strictObject({
  id: providerId,
  label,
  /** The identity provider's single sign-on URL (HTTP-Redirect binding). */
  entryPoint: fetchedUrl,
  /** The identity provider's signing certificate(s), PEM or bare base64; several during rollover. */
  idpCert: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  /** Our entity id, as registered at the identity provider. */
  issuer: z.string().min(1).max(500),
  /** Required audience of assertions; the entity id when absent. */
  audience: z.string().min(1).max(500).optional(),
});

/**
 * Single sign-on settings as the site owner stores them. Exported so the agent settings API can
 * validate a change with the same rules.
 */
export const ssoSettingsSchema = z
  .strictObject({
    jwt: jwtSettingsSchema.optional(),
    oidc: z.array(oidcProviderSchema).max(20).default([]),
    saml: z.array(samlProviderSchema).max(20).default([]),
  })
  .superRefine((settings, ctx) => {
    const seen = new Set<string>();
    for (const kind of ['oidc', 'saml'] as const) {
      settings[kind].forEach((provider, index) => {
        if (seen.has(provider.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [kind, index, 'id'],
            message: 'Another provider has this id.',
          });
        }
        seen.add(provider.id);
      });
    }
  });

/** Single sign-on settings, validated (see `ssoSettingsSchema`). */
export type SsoSettings = z.output<typeof ssoSettingsSchema>;
/** Single sign-on settings as written, before defaults are filled in. */
export type SsoSettingsInput = z.input<typeof ssoSettingsSchema>;
export type JwtSsoSettings = NonNullable<SsoSettings['jwt']>;
export type OidcProviderSettings = SsoSettings['oidc'][number];
export type SamlProviderSettings = SsoSettings['saml'][number];

/** No single sign-on: what a portal has until the site owner sets some up. */
export const NO_SSO: SsoSettings = { oidc: [], saml: [] };

/**
 * The providers the sign-in screen offers (`PortalConfig.auth.sso`): ids, labels and start
 * URLs, never keys or secrets. `publicUrl` is the server's address as browsers reach it.
 */
export function publicSsoProviders(settings: SsoSettings, publicUrl: string): SsoProvider[] {
  const providers: SsoProvider[] = [];
  if (settings.jwt) {
    providers.push({
      id: 'jwt',
      kind: 'jwt',
      label: settings.jwt.label ?? 'Single sign-on',
      startUrl: null,
    });
  }
  for (const kind of ['oidc', 'saml'] as const) {
    for (const { id, label } of settings[kind]) {
      providers.push({ id, kind, label, startUrl: ssoUrl(publicUrl, `${kind}/${id}/start`) });
    }
  }
  return providers;
}

/** The absolute URL of an SSO route, e.g. `ssoUrl(publicUrl, 'oidc/acme/callback')`. */
export function ssoUrl(publicUrl: string, route: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${SSO_MOUNT_PATH}/${route}`;
}

function parsesAsPublicKey(text: string): boolean {
  try {
    publicKeyFrom(text);
    return true;
  } catch {
    return false;
  }
}

/** A public key from PEM (SPKI or certificate) or JWK JSON; throws when it is neither. */
export function publicKeyFrom(text: string): ReturnType<typeof createPublicKey> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const jwk: unknown = JSON.parse(trimmed);
    // A JWK with "d" is a private key: refuse it rather than quietly derive the public half.
    if (typeof jwk !== 'object' || jwk === null || 'd' in jwk || 'k' in jwk) {
      throw new Error('Not a public JWK.');
    }
    return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  }
  if (/PRIVATE KEY/.test(trimmed)) throw new Error('Not a public key.');
  return createPublicKey(trimmed);
}
