import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { SignJWT, decodeJwt } from 'jose';
import { loginPage, page } from './login-page.js';
import { personFor, type DemoPerson } from './people.js';

/** The key the demo site app signs with and where it hands customers over: the portal. */
export interface JwtSiteAppOptions {
  /** The shared HS256 secret, the same as the portal's `sso.jwt.secret`. */
  secret: string;
  /** The portal's JWT hand-off, `/api/sso/jwt`: the only place tokens are posted to. */
  handOffUrl: string;
  people: readonly DemoPerson[];
}

/** As long as the portal accepts by default (`maxAgeSeconds`). */
const VALID_FOR = '5m';

/**
 * A stand-in for the site's own app in the JWT hand-off, to mount at one path: `GET` shows a
 * "sign in as" page (the customer is signed in to the site already); `POST` (its forms) answers
 * with an HS256 token about that person in a form that posts it to the portal as `jwt`.
 */
export function createJwtSiteApp({ secret, handOffUrl, people }: JwtSiteAppOptions): Hono {
  const key = new TextEncoder().encode(secret);
  const routes = new Hono();
  const showLogin = (action: string, error?: string) =>
    loginPage({
      protocol: 'JWT',
      standsInFor: 'your site’s own app, where customers are signed in already',
      action,
      people,
      error,
    });

  routes.get('/', (c) => c.html(showLogin(c.req.path)));

  routes.post('/', async (c) => {
    const person = personFor((await c.req.parseBody()).email, people);
    if (!person) return c.html(showLogin(c.req.path, 'Enter an email address.'), 400);
    const token = await new SignJWT({ email: person.email, name: person.name })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(person.email)
      .setIssuedAt()
      .setExpirationTime(VALID_FOR)
      .setJti(randomUUID())
      .sign(key);
    return c.html(handOffPage(handOffUrl, token));
  });

  return routes;
}

/**
 * The hand-off: a form posting the token to the portal. A button rather than a script that
 * submits it, so the token's claims can be read first and the page needs no script at all.
 */
function handOffPage(handOffUrl: string, token: string) {
  return page(
    'Demo JWT sign-in',
    html`<p>
        The site’s app has signed a token saying who you are. Posting it to the portal signs you in
        there; the portal takes each token once, for five minutes at most.
      </p>
      <form method="post" action="${handOffUrl}">
        <input type="hidden" name="jwt" value="${token}" />
        <button>Continue to the portal</button>
      </form>
      <details>
        <summary>The token’s claims</summary>
        <pre>${JSON.stringify(decodeJwt(token), null, 2)}</pre>
      </details>`,
  );
}
