import { html } from 'hono/html';
import type { DemoPerson } from './people.js';

/** What the "sign in as" page shows and where its forms post. */
export interface LoginPageOptions {
  /** The protocol, for the heading: `OIDC`, `SAML` or `JWT`. */
  protocol: string;
  /** What the page pretends to be; an organisation's sign-in page unless said otherwise. */
  standsInFor?: string;
  /** Where the forms post. */
  action: string;
  /** Fields every form carries along (the pending request). */
  hidden?: Record<string, string>;
  people: readonly DemoPerson[];
  /** Why the last attempt was not accepted. */
  error?: string;
}

/**
 * The demo identity provider's login page: one button per demo person and a field for any other
 * address (to try someone the portal's access rules refuse). No password: it is a stand-in for
 * an organisation's sign-in page (or the site's own app), and says so.
 */
export function loginPage({
  protocol,
  standsInFor = 'an organisation’s sign-in page',
  action,
  hidden = {},
  people,
  error,
}: LoginPageOptions) {
  const fields = Object.entries(hidden).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  return page(
    `Demo ${protocol} sign-in`,
    html`<p>
        This stands in for ${standsInFor}, so single sign-on can be tried. It believes whoever you
        say you are, which is why it runs only in demo mode on this machine.
      </p>
      ${error ? html`<p role="alert" class="error">${error}</p>` : ''}
      <ul>
        ${people.map(
          (person) =>
            html`<li>
              <form method="post" action="${action}">
                ${fields}
                <button name="email" value="${person.email}">Sign in as ${person.email}</button>
                <span>${person.name}</span>
              </form>
            </li>`,
        )}
      </ul>
      <form method="post" action="${action}">
        ${fields}
        <label>Email <input type="email" name="email" required autocomplete="off" /></label>
        <button>Sign in</button>
      </form>`,
  );
}

/** Why a sign-in at the demo identity provider stopped (expired, finished, or malformed). */
export function stoppedPage(protocol: string, reason: string) {
  return page(
    `Demo ${protocol} sign-in`,
    html`<p>This sign-in cannot go on: ${reason}. Start again from the portal’s sign-in page.</p>`,
  );
}

/** A page of the demo identity provider, unstyled but for a readable measure. */
export function page(title: string, body: unknown) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <!-- No favicon: the browser would ask the OpenID provider, which answers 404. -->
        <link rel="icon" href="data:," />
        <style>
          body {
            font:
              1rem/1.5 system-ui,
              sans-serif;
            max-width: 36rem;
            margin: 2rem auto;
            padding: 0 1rem;
          }
          ul {
            padding: 0;
            list-style: none;
          }
          li {
            margin: 0.5rem 0;
          }
          .error {
            color: #b00020;
          }
        </style>
      </head>
      <body>
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
}
