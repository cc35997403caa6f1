// Demo identity providers for `npm start` and the end-to-end test, never part of a production
// server: cli.ts imports this module only in demo mode, and it needs dev dependencies
// (oidc-provider, selfsigned, xml-crypto).
import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { generate } from 'selfsigned';
import { ssoUrl, type SsoSettingsInput } from '../sso/settings.js';
import { createJwtSiteApp } from './jwt-site-app.js';
import { createOidcIdp } from './oidc-idp.js';
import { demoPeople } from './people.js';
import { createSamlIdp } from './saml-idp.js';

export { offerDemoProviders } from './demo-sso-settings.js';

// The demo providers' ids in the portal's SSO settings, and so in their start and callback URLs.
const DEMO_OIDC_ID = 'demo-oidc';
const DEMO_SAML_ID = 'demo-saml';
// The JWT hand-off has no id (there is one at most): this label marks the demo's.
const DEMO_JWT_LABEL = 'Demo JWT hand-off';

const CLIENT_ID = 'kundportal';

type OidcProviderInput = NonNullable<SsoSettingsInput['oidc']>[number];
type SamlProviderInput = NonNullable<SsoSettingsInput['saml']>[number];
type JwtSettingsInput = NonNullable<SsoSettingsInput['jwt']>;

/** The running demo identity providers and the portal settings that use them. */
export interface DemoIdentityProviders {
  /**
   * Where they listen, e.g. `http://127.0.0.1:43121`: the OIDC issuer, SAML under `/saml`, the
   * demo site app under `/jwt`.
   */
  url: string;
  /** The portal's settings for the demo OpenID provider ("Sign in with Demo OIDC"). */
  oidc: OidcProviderInput;
  /** The portal's settings for the demo SAML identity provider ("Sign in with Demo SAML"). */
  saml: SamlProviderInput;
  /** The portal's settings for the JWT hand-off from the demo site app: its HS256 secret. */
  jwt: JwtSettingsInput;
  /** The demo site app's page, where the JWT hand-off starts. */
  jwtSiteAppUrl: string;
  close(): Promise<void>;
}

/**
 * Starts an OpenID provider (the issuer, with login pages under `/interaction/`), a SAML
 * identity provider (at `/saml`) and a stand-in for the site's own app that hands off by JWT
 * (at `/jwt`) on a free loopback port, all registered for the portal at `publicUrl`. They let
 * anyone sign in as any address: keys, secrets and sessions live in memory and die with the
 * process.
 */
export async function startDemoIdentityProviders({
  publicUrl,
}: {
  publicUrl: string;
}): Promise<DemoIdentityProviders> {
  // The issuer must name the port, so listen first and route requests once the IdPs exist.
  let route: RequestListener = (_request, response) => void response.writeHead(503).end();
  const server = createServer((request, response) => route(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const people = demoPeople();
  const clientSecret = randomBytes(24).toString('base64url');
  const oidc = createOidcIdp({
    issuer: url,
    clientId: CLIENT_ID,
    clientSecret,
    redirectUri: ssoUrl(publicUrl, `oidc/${DEMO_OIDC_ID}/callback`),
    people,
  });
  const spEntityId = ssoUrl(publicUrl, `saml/${DEMO_SAML_ID}/metadata`);
  const certificate = await generate([{ name: 'commonName', value: 'Kundportal demo IdP' }], {
    keySize: 2048,
    algorithm: 'sha256',
  });
  const saml = createSamlIdp({
    entityId: `${url}/saml`,
    spEntityId,
    acsUrl: ssoUrl(publicUrl, `saml/${DEMO_SAML_ID}/acs`),
    key: { privateKey: certificate.private, cert: certificate.cert },
    people,
  });

  const jwtSecret = randomBytes(32).toString('base64url');
  const jwtSiteApp = createJwtSiteApp({
    secret: jwtSecret,
    handOffUrl: ssoUrl(publicUrl, 'jwt'),
    people,
  });

  const pages = new Hono<{ Bindings: HttpBindings }>();
  pages.route('/interaction', oidc.pages);
  pages.route('/saml', saml);
  pages.route('/jwt', jwtSiteApp);
  const servePage = getRequestListener(pages.fetch);
  route = (request, response) => {
    const { pathname } = new URL(request.url ?? '/', url);
    if (pathname.startsWith('/interaction/') || pathname === '/saml' || pathname === '/jwt') {
      void servePage(request, response);
    } else {
      oidc.handle(request, response);
    }
  };

  return {
    url,
    oidc: {
      id: DEMO_OIDC_ID,
      label: 'Sign in with Demo OIDC',
      issuer: url,
      clientId: CLIENT_ID,
      clientSecret,
    },
    saml: {
      id: DEMO_SAML_ID,
      label: 'Sign in with Demo SAML',
      entryPoint: `${url}/saml`,
      idpCert: certificate.cert,
      issuer: spEntityId,
    },
    jwt: { label: DEMO_JWT_LABEL, secret: jwtSecret },
    jwtSiteAppUrl: `${url}/jwt`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
