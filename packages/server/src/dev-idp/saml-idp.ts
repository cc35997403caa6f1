import { inflateRawSync } from 'node:zlib';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { loginPage, page, stoppedPage } from './login-page.js';
import { personFor, type DemoPerson } from './people.js';
import { signedSamlResponse, type SamlSigningKey } from './saml-response.js';

/** The demo SAML identity provider and the one service provider it knows: the portal. */
export interface SamlIdpOptions {
  /** Our entity id, the Issuer of our assertions. */
  entityId: string;
  /** The portal's entity id, the audience of our assertions. */
  spEntityId: string;
  /** The portal's assertion consumer service: the only place assertions are posted to. */
  acsUrl: string;
  key: SamlSigningKey;
  people: readonly DemoPerson[];
}

/** What the demo needs from an AuthnRequest. */
interface AuthnRequest {
  id: string;
  encoded: string;
  relayState: string | undefined;
}

/**
 * A minimal SAML identity provider, to mount at its single sign-on URL: `GET` takes the portal's
 * AuthnRequest (HTTP-Redirect binding) and shows a "sign in as" page; `POST` (that page's forms)
 * answers with a signed assertion posted to the portal's ACS (HTTP-POST binding).
 */
export function createSamlIdp(options: SamlIdpOptions): Hono {
  const { people } = options;
  const routes = new Hono();
  /** The login page for a request, posting back here with the request carried along. */
  const showLogin = (action: string, request: AuthnRequest, error?: string) =>
    loginPage({
      protocol: 'SAML',
      action,
      hidden: {
        SAMLRequest: request.encoded,
        ...(request.relayState === undefined ? {} : { RelayState: request.relayState }),
      },
      people,
      error,
    });

  routes.get('/', (c) => {
    const request = readAuthnRequest(
      c.req.query('SAMLRequest'),
      c.req.query('RelayState'),
      options,
    );
    return c.html(showLogin(c.req.path, request));
  });

  routes.post('/', async (c) => {
    const form = await c.req.parseBody();
    const request = readAuthnRequest(form.SAMLRequest, form.RelayState, options);
    const person = personFor(form.email, people);
    if (!person) return c.html(showLogin(c.req.path, request, 'Enter an email address.'), 400);
    const response = signedSamlResponse(
      {
        issuer: options.entityId,
        audience: options.spEntityId,
        acsUrl: options.acsUrl,
        inResponseTo: request.id,
        email: person.email,
        name: person.name,
      },
      options.key,
    );
    return c.html(autoPost(options.acsUrl, response, request.relayState));
  });

  routes.onError((error, c) => c.html(stoppedPage('SAML', error.message), 400));
  return routes;
}

/**
 * The AuthnRequest's id, checked to come from the portal: its issuer and ACS URL must be the
 * registered ones, or the demo would sign assertions for anyone who asked.
 */
function readAuthnRequest(
  encoded: unknown,
  relayState: unknown,
  { spEntityId, acsUrl }: SamlIdpOptions,
): AuthnRequest {
  if (typeof encoded !== 'string' || !encoded) throw new Error('no SAMLRequest was sent');
  // The redirect binding deflates the request; the form posts carry it the same way.
  const xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
  const id = /<(?:\w+:)?AuthnRequest\b[^>]*\sID="([A-Za-z_][\w.-]*)"/.exec(xml)?.[1];
  const issuer = /<(?:\w+:)?Issuer\b[^>]*>([^<]*)</.exec(xml)?.[1]?.trim();
  const acs = /\sAssertionConsumerServiceURL="([^"]*)"/.exec(xml)?.[1];
  if (!id) throw new Error('the SAMLRequest is not an AuthnRequest');
  if (issuer !== spEntityId) throw new Error(`${issuer ?? 'no issuer'} is not the portal`);
  if (acs !== undefined && acs !== acsUrl) throw new Error(`${acs} is not the portal's ACS`);
  return { id, encoded, relayState: typeof relayState === 'string' ? relayState : undefined };
}

/** The HTTP-POST binding: a form the page submits at once (the button, without script). */
function autoPost(acsUrl: string, samlResponse: string, relayState: string | undefined) {
  return page(
    'Demo SAML sign-in',
    html`<form method="post" action="${acsUrl}">
        <input type="hidden" name="SAMLResponse" value="${samlResponse}" />
        ${
          relayState === undefined
            ? ''
            : html`<input type="hidden" name="RelayState" value="${relayState}" />`
        }
        <button>Continue to the portal</button>
      </form>
      <script>
        document.forms[0].submit();
      </script>`,
  );
}
