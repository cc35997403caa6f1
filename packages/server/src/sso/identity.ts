import { PortalError } from '@kundportal/core';
import { z } from 'zod';

/** Who an identity provider (or the site's own app) says is signing in. */
export interface SsoIdentity {
  email: string;
  name: string;
  /** The person's id at the provider (`sub`, `external_id`, SAML NameID). */
  externalId?: string;
  company?: string;
  via: 'jwt' | 'oidc' | 'saml';
}

/**
 * A token, assertion or callback was refused. The message says why, which helps a site owner
 * set up SSO and tells an attacker nothing they could not see in their own token.
 */
export class SsoRefusedError extends PortalError {
  constructor(reason: string) {
    super('unauthenticated', `Single sign-on was refused: ${reason}`);
  }
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => value || undefined)
    .optional()
    .catch(undefined);

const claimsSchema = z.object({
  email: z.string().trim().max(320).pipe(z.email()),
  name: text(200),
  givenName: text(100),
  familyName: text(100),
  externalId: text(255),
  company: text(200),
});

/** What a provider said about the person, by our names, before checking. */
export type RawClaims = Partial<Record<keyof z.input<typeof claimsSchema>, unknown>>;

/**
 * Checks and normalises what a provider said: the email must be one; the name falls back to
 * given + family name, then to the email; anything else that is not text is left out.
 */
export function toIdentity(raw: RawClaims, via: SsoIdentity['via']): SsoIdentity {
  const parsed = claimsSchema.safeParse(raw);
  if (!parsed.success) throw new SsoRefusedError('it carries no valid email address.');
  const { email, name, givenName, familyName, externalId, company } = parsed.data;
  const joined = [givenName, familyName].filter(Boolean).join(' ');
  return {
    email,
    name: name ?? (joined || email),
    ...(externalId ? { externalId } : {}),
    ...(company ? { company } : {}),
    via,
  };
}
