/** Single sign-on: JWT hand-off from the site's app, OpenID Connect and SAML 2.0. */
export { createSsoRoutes, isSsoFormPost, OIDC_STATE_COOKIE, type SsoDeps } from './routes.js';
export { SsoRefusedError, type SsoIdentity } from './identity.js';
export { portalSsoProviders, portalSsoRoutes, ssoSettingsOf } from './portal-sso.js';
export {
  NO_SSO,
  SSO_MOUNT_PATH,
  publicSsoProviders,
  ssoSettingsSchema,
  type JwtSsoSettings,
  type OidcProviderSettings,
  type SamlProviderSettings,
  type SsoSettings,
  type SsoSettingsInput,
} from './settings.js';
