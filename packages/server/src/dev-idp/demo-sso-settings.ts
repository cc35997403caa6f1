import type { Database } from '../db.js';
import { loadPortalSettings, savePortalSettings } from '../portal-settings.js';
import { ssoSettingsOf } from '../sso/portal-sso.js';
import { ssoSettingsSchema } from '../sso/settings.js';
import type { DemoIdentityProviders } from './index.js';

/**
 * Stores the demo providers in the portal's SSO settings, so the sign-in page offers them:
 * replacing an earlier run's (their port, keys and secret changed) and keeping any provider the
 * site owner set up. Stored SSO settings that no longer validate count as none, as they do for
 * the sign-in routes.
 */
export async function offerDemoProviders(
  db: Database,
  { oidc, saml }: Pick<DemoIdentityProviders, 'oidc' | 'saml'>,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT 1 FROM portal_settings WHERE id FOR UPDATE');
    const settings = await loadPortalSettings(tx);
    const sso = ssoSettingsOf(settings);
    const withDemo = ssoSettingsSchema.parse({
      ...sso,
      oidc: [...sso.oidc.filter(({ id }) => id !== oidc.id), oidc],
      saml: [...sso.saml.filter(({ id }) => id !== saml.id), saml],
    });
    await savePortalSettings(tx, { ...settings, sso: withDemo }, new Date());
  });
}
