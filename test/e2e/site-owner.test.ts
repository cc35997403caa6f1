import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEMO_ACCOUNT, demoData } from '@kundportal/core/demo';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { openBrowser, signInByMarkup, waitForText } from '../support/browser.js';
import { startPortalServer, type PortalServer } from '../support/portal-server.js';
import { serveStatic, type StaticServer } from '../support/static-server.js';

// What a site owner meets. The script tag: a fresh folder with a plain HTML page and a copy of
// dist/cdn, on a static host of its own, talking to the reference server's API on another
// origin, configured by attributes alone; the script twice on one page, and two copies (two
// folders, as two versions would be) on one page. And the HTTP API's reference page, read where
// the server has a real host name and no way out to the internet.

const root = fileURLToPath(new URL('../..', import.meta.url));
const data = demoData();
const ada = data.contacts.find((contact) => contact.email === DEMO_ACCOUNT.email)!;
const adasTickets = data.tickets.filter((ticket) => ticket.contactId === ada.id);
const firstSubject = adasTickets[0]!.subject;

/** Recorded before any page script: Content-Security-Policy violations. */
const WATCH_CSP = `(() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline'));
  });
})();`;

/** A plain page: the script tag(s) in the head, the elements in the body, nothing else. */
function plainPage({ scripts, body, csp }: { scripts: string[]; body: string; csp?: string }) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    ${csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}" />` : ''}
    <title>Help centre</title>
    <link rel="icon" href="favicon.svg" />
    ${scripts.map((src) => `<script type="module" src="${src}"></script>`).join('\n    ')}
  </head>
  <body>
    <h1>Help centre</h1>
    ${body}
  </body>
</html>
`;
}

/** Chromium with a profile that allows third-party cookies, as some customers' browsers do. */
async function browserAllowingThirdPartyCookies(profile: string): Promise<Browser> {
  await mkdir(join(profile, 'Default'), { recursive: true });
  await writeFile(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
  );
  return puppeteer.launch({
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
    userDataDir: profile,
  });
}

/** A name that is not loopback, as on a real server (tools skip some calls for localhost). */
const PUBLIC_HOST = 'support.example';

describe('what a site owner meets: the script tag on a plain page, and the API reference', () => {
  let portal: PortalServer;
  let site: StaticServer;
  let folder: string;
  let api: string;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let requested: string[];

  before(async () => {
    portal = await startPortalServer();
    api = `${portal.server.url}/api`;
    folder = await mkdtemp(join(tmpdir(), 'kundportal-site-'));
    // dist/cdn copied as it is, twice: two folders stand for two versions of the bundle.
    await cp(join(root, 'dist', 'cdn'), join(folder, 'kundportal'), { recursive: true });
    await cp(join(root, 'dist', 'cdn'), join(folder, 'kundportal-copy'), { recursive: true });
    await writeFile(
      join(folder, 'favicon.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>',
    );
    site = await serveStatic(folder);
    const apiOrigin = new URL(api).origin;
    await writeFile(
      join(folder, 'index.html'),
      plainPage({
        scripts: ['kundportal/kundportal.js'],
        body: `<customer-portal api="${api}"></customer-portal>`,
        // A strict policy, with the API's origin added for requests: what a site owner adds.
        csp: `default-src 'self'; connect-src 'self' ${apiOrigin}`,
      }),
    );
    await writeFile(
      join(folder, 'twice.html'),
      plainPage({
        // The same URL twice, and once more under another URL (a cache-busting query).
        scripts: [
          'kundportal/kundportal.js',
          'kundportal/kundportal.js',
          'kundportal/kundportal.js?v=2',
        ],
        body: `<kb-portal-link api="${api}" href="#/"></kb-portal-link>
    <customer-portal api="${api}"></customer-portal>`,
      }),
    );
    await writeFile(
      join(folder, 'two-copies.html'),
      plainPage({
        scripts: ['kundportal/kundportal.js', 'kundportal-copy/kundportal.js'],
        body: `<kb-portal-link api="${api}" href="#/"></kb-portal-link>
    <customer-portal api="${api}"></customer-portal>`,
      }),
    );
    // The page's origin is not the API's (another port): the site owner allows it.
    const allowed = await portal.patchSettings({ allowedOrigins: [new URL(site.url).origin] });
    assert.equal(allowed.status, 200);
  });

  after(async () => {
    await portal?.close();
    await site?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  async function open(url: string): Promise<void> {
    ({ browser, page, errors } = await openBrowser());
    requested = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.evaluateOnNewDocument(WATCH_CSP);
    await page.goto(url);
  }

  async function close(): Promise<void> {
    await browser?.close();
  }

  it('shows the portal, signs in and lists tickets from an API on another origin of the site', async () => {
    await open(`${site.url}index.html`);
    try {
      await waitForText(page, 'Nordlys Support');
      await signInByMarkup(page, DEMO_ACCOUNT, firstSubject);
      for (const ticket of adasTickets) await waitForText(page, ticket.subject);
      // The session cookie came with the API's answers: a reload stays signed in.
      await page.reload();
      await waitForText(page, firstSubject);
      assert.deepEqual(await page.evaluate('window.__violations'), [], 'CSP violations');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  it('loading the script twice does no harm: one loader, each element once', async () => {
    await open(`${site.url}twice.html`);
    try {
      await waitForText(page, 'Go to Nordlys Support');
      await signInByMarkup(page, DEMO_ACCOUNT, firstSubject);
      const portalChunks = requested.filter((url) =>
        /\/chunks\/customer-portal-[^/]+\.js$/.test(url),
      );
      assert.equal(portalChunks.length, 1, `customer-portal loaded once: ${portalChunks}`);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  it('two copies of the bundle on one page do no harm: the first serves, the second stands down', async () => {
    await open(`${site.url}two-copies.html`);
    try {
      await waitForText(page, 'Go to Nordlys Support');
      await signInByMarkup(page, DEMO_ACCOUNT, firstSubject);
      for (const ticket of adasTickets) await waitForText(page, ticket.subject);
      assert.ok(requested.some((url) => url.endsWith('/kundportal-copy/kundportal.js')));
      assert.deepEqual(
        requested.filter((url) => url.includes('/kundportal-copy/chunks/')),
        [],
        'nothing of the second copy is loaded beyond its loader',
      );
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  it('on another site, signs in with sessionSameSite None where third-party cookies are allowed', async () => {
    // localhost and 127.0.0.1 are two sites: the cookie is a third-party one there.
    const otherSite = site.url.replace('127.0.0.1', 'localhost');
    const settings = await portal.patchSettings({
      allowedOrigins: [new URL(otherSite).origin],
      sessionSameSite: 'None',
    });
    assert.equal(settings.status, 200);
    const profile = await mkdtemp(join(tmpdir(), 'kundportal-profile-'));
    const thirdPartyBrowser = await browserAllowingThirdPartyCookies(profile);
    try {
      const thirdPartyPage = await thirdPartyBrowser.newPage();
      const pageErrors: string[] = [];
      thirdPartyPage.on('pageerror', (error) => pageErrors.push(String(error)));
      await thirdPartyPage.goto(`${otherSite}index.html`);
      await waitForText(thirdPartyPage, 'Nordlys Support');
      await signInByMarkup(thirdPartyPage, DEMO_ACCOUNT, firstSubject);
      await thirdPartyPage.reload();
      await waitForText(thirdPartyPage, firstSubject);
      assert.deepEqual(pageErrors, []);
    } finally {
      await thirdPartyBrowser.close();
      await rm(profile, { recursive: true, force: true });
      await portal.patchSettings({ sessionSameSite: 'Lax' });
    }
  });
  it('has an HTTP API reference that renders offline, loading nothing from elsewhere', async () => {
    const referenceBrowser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${PUBLIC_HOST} 127.0.0.1`],
    });
    try {
      const page = await referenceBrowser.newPage();
      const elsewhere: string[] = [];
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.protocol.startsWith('http') && url.hostname !== PUBLIC_HOST) {
          elsewhere.push(request.url());
          void request.abort();
        } else void request.continue();
      });
      const { port } = new URL(portal.server.url);
      const response = await page.goto(`http://${PUBLIC_HOST}:${port}/api/docs`);
      assert.equal(response?.status(), 200);
      await waitForText(page, 'Kundportal HTTP API');
      // Operations from the document, each with its summary.
      await waitForText(page, 'Sign in with email and password');
      await waitForText(page, 'Reply to an open ticket');
      assert.deepEqual(elsewhere, [], 'requests that would need the network');
      assert.deepEqual(errors, []);
    } finally {
      await referenceBrowser.close();
    }
  });
});
