import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import Provider, { interactionPolicy, type Account } from 'oidc-provider';
import { loginPage, stoppedPage } from './login-page.js';
import { personFor, type DemoPerson } from './people.js';

/** Where the demo OpenID provider runs and the one client it knows: the portal. */
export interface OidcIdpOptions {
  /** The provider's issuer URL (where it listens). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The portal's OIDC callback URL, the only redirect URI the client may use. */
  redirectUri: string;
  people: readonly DemoPerson[];
}

/** A demo OpenID provider: the protocol endpoints, and the login pages under `/interaction/`. */
export interface OidcIdp {
  /** Authorization, token, userinfo, JWKS and discovery endpoints (oidc-provider). */
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** The login pages; mount at `/interaction`. */
  pages: Hono<{ Bindings: HttpBindings }>;
}

/**
 * A real OpenID provider (oidc-provider: code flow, PKCE required, signed ID tokens) whose login
 * page lets anyone sign in as any address, for trying the portal's OIDC sign-in by hand and in
 * the end-to-end test.
 */
export function createOidcIdp({
  issuer,
  clientId,
  clientSecret,
  redirectUri,
  people,
}: OidcIdpOptions): OidcIdp {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'demo', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    // Seconds. Short, as a demo needs, and set, or each use prints a notice asking for them.
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 300, IdToken: 300 },
    interactions: { policy: askEveryTime() },
    async findAccount(_ctx: unknown, accountId: string): Promise<Account | undefined> {
      const person = personFor(accountId, people);
      return (
        person && {
          accountId,
          claims: async () => ({
            sub: accountId,
            email: person.email,
            email_verified: true,
            name: person.name,
          }),
        }
      );
    },
  });

  const pages = new Hono<{ Bindings: HttpBindings }>();
  pages.get('/:uid', async (c) => {
    const { uid } = await provider.interactionDetails(c.env.incoming, c.env.outgoing);
    return c.html(loginPage({ protocol: 'OIDC', action: `/interaction/${uid}`, people }));
  });
  pages.post('/:uid', async (c) => {
    const interaction = await provider.interactionDetails(c.env.incoming, c.env.outgoing);
    const person = personFor((await c.req.parseBody()).email, people);
    if (!person) {
      const action = `/interaction/${interaction.uid}`;
      const error = 'Enter an email address.';
      return c.html(loginPage({ protocol: 'OIDC', action, people, error }), 400);
    }
    // Consent is granted here along with the login: the portal is the demo's own client.
    const grant = new provider.Grant({ accountId: person.email, clientId });
    grant.addOIDCScope(String(interaction.params.scope ?? 'openid'));
    const returnTo = await provider.interactionResult(
      c.env.incoming,
      c.env.outgoing,
      { login: { accountId: person.email }, consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: false },
    );
    return c.redirect(returnTo, 303);
  });
  // Mostly an expired or finished login (oidc-provider's SessionNotFound): start again.
  pages.onError((error, c) => c.html(stoppedPage('OIDC', error.message), 400));

  return { handle: provider.callback(), pages };
}

/**
 * The default login and consent prompts, plus a login every time: a real provider would keep
 * you signed in, but the demo is for trying different people one after the other.
 */
function askEveryTime() {
  const policy = interactionPolicy.base();
  const { Check } = interactionPolicy;
  policy
    .get('login')
    ?.checks.add(
      new Check('demo_every_time', 'The demo asks who you are every time', (ctx) =>
        ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT,
      ),
    );
  return policy;
}
