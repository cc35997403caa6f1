// Demo identity providers for `npm start` and the end-to-end test, never part of a production
// server: main.ts imports this module only in demo mode, and it needs dev dependencies
// (oidc-provider, selfsigned, xml-crypto).
import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { generate } from 'selfsigned';
import { ssoUrl, type SsoSettingsInput } from '../sso/settings.js';
import { createOidcIdp } from './oidc-idp.js';
import { demoPeople } from './people.js';
import { createSamlIdp } from './saml-idp.js';

export { offerDemoProviders } from './demo-sso-settings.js';

// The demo providers' ids in the portal's SSO settings, and so in their start and callback URLs.
const DEMO_OIDC_ID = 'demo-oidc';
const DEMO_SAML_ID = 'demo-saml';

const CLIENT_ID = 'kundportal';

type OidcProviderInput = NonNullable<SsoSettingsInput['oidc']>[number];
type SamlProviderInput = NonNullable<SsoSettingsInput['saml']>[number];

/** The running demo identity providers and the portal settings that use them. */
export interface DemoIdentityProviders {
  /** Where they listen, e.g. `http://127.0.0.1:43121`: the OIDC issuer, SAML under `/saml`. */
  url: string;
  /** The portal's settings for the demo OpenID provider ("Sign in with Demo OIDC"). */
  oidc: OidcProviderInput;
  /** The portal's settings for the demo SAML identity provider ("Sign in with Demo SAML"). */
  saml: SamlProviderInput;
  close(): Promise<void>;
}

/**
 * Starts an OpenID provider (the issuer, with login pages under `/interaction/`) and a SAML
 * identity provider (at `/saml`) on a free loopback port, both registered for the portal at
 * `publicUrl`. They let anyone sign in as any address: keys, client secret and sessions live
 * in memory and die with the process.
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

  const pages = new Hono<{ Bindings: HttpBindings }>();
  pages.route('/interaction', oidc.pages);
  pages.route('/saml', saml);
  const servePage = getRequestListener(pages.fetch);
  route = (request, response) => {
    const { pathname } = new URL(request.url ?? '/', url);
    if (pathname.startsWith('/interaction/') || pathname === '/saml') {
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
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
