import type { Database } from '../db.js';
import {
  forgetCachedPortalSettings,
  loadPortalSettings,
  savePortalSettings,
} from '../portal-settings.js';
import { ssoSettingsOf } from '../sso/portal-sso.js';
import { ssoSettingsSchema } from '../sso/settings.js';
import type { DemoIdentityProviders } from './index.js';

/**
 * Stores the demo providers in the portal's SSO settings, so the sign-in page offers them:
 * replacing an earlier run's (their port, keys and secret changed) and keeping any provider the
 * site owner set up. There is one JWT hand-off at most, so the demo's takes its place only when
 * none is set up or the one set up is an earlier run's (known by its label). Stored SSO settings
 * that no longer validate count as none, as they do for the sign-in routes. Answers whether the
 * demo's JWT hand-off is the one in use.
 */
export async function offerDemoProviders(
  db: Database,
  { oidc, saml, jwt }: Pick<DemoIdentityProviders, 'oidc' | 'saml' | 'jwt'>,
): Promise<{ jwt: boolean }> {
  const offered = await db.transaction(async (tx) => {
    await tx.query('SELECT 1 FROM portal_settings WHERE id FOR UPDATE');
    const settings = await loadPortalSettings(tx);
    const sso = ssoSettingsOf(settings);
    const offersJwt = sso.jwt === undefined || sso.jwt.label === jwt.label;
    const withDemo = ssoSettingsSchema.parse({
      ...sso,
      jwt: offersJwt ? jwt : sso.jwt,
      oidc: [...sso.oidc.filter(({ id }) => id !== oidc.id), oidc],
      saml: [...sso.saml.filter(({ id }) => id !== saml.id), saml],
    });
    await savePortalSettings(tx, { ...settings, sso: withDemo }, new Date());
    return { jwt: offersJwt };
  });
  forgetCachedPortalSettings();
  return offered;
}
