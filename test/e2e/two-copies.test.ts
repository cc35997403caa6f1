// Two copies of the library on one page, as happens when a site's template and a plugin both
// embed it: the same script tag twice, the same build from two URLs (two separate module graphs,
// two Lits), and two different builds (the production bundle and a development build with Lit's
// dev mode). Whichever loads first serves the page; the portal works: sign in, list, open a
// ticket, reply once.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import {
  fillIn,
  followLink,
  openBrowser,
  press,
  waitForText,
  signInAsDemo,
} from '../support/browser.js';
import { startPortalServer, type PortalServer } from '../support/portal-server.js';

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

const PAGES: { name: string; scripts: string[] }[] = [
  { name: 'the script tag twice', scripts: ['/cdn/kundportal.js', '/cdn/kundportal.js'] },
  {
    name: 'the same build from two URLs',
    scripts: ['/cdn/kundportal.js', '/cdn-copy/kundportal.js'],
  },
  {
    name: 'the production build, then a development build',
    scripts: ['/cdn/kundportal.js', '/cdn-dev/kundportal.js'],
  },
  {
    name: 'a development build, then the production build',
    scripts: ['/cdn-dev/kundportal.js', '/cdn/kundportal.js'],
  },
];

const page = (scripts: string[]) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Two copies</title>
    <link rel="icon" href="data:," />
    ${scripts.map((src) => `<script type="module" src="${src}"></script>`).join('\n    ')}
  </head>
  <body>
    <nav><kb-portal-link api="/api" href="#/"></kb-portal-link></nav>
    <main><customer-portal api="/api"></customer-portal></main>
  </body>
</html>
`;

describe('two copies of the library on one page, in Chromium', () => {
  let portal: PortalServer;
  let browser: Browser;
  let tab: Page;
  let pageErrors: string[];
  let signedIn = false;
  const worked: string[] = [];

  before(async () => {
    const folder = await mkdtemp(join(tmpdir(), 'kundportal-two-copies-'));
    // A development build: Lit in dev mode, other chunks, other hashes; another library copy.
    await promisify(execFile)(
      repo('node_modules/.bin/vite'),
      ['build', '--mode', 'development', '--outDir', join(folder, 'cdn-dev'), '--logLevel', 'warn'],
      { cwd: repo(''), env: { ...process.env, NODE_ENV: 'development' } },
    );
    for (const [index, { scripts }] of PAGES.entries()) {
      await writeFile(join(folder, `page-${index}.html`), page(scripts));
    }
    portal = await startPortalServer({
      staticDirs: [
        { urlPrefix: '/cdn/', dir: repo('dist/cdn') },
        { urlPrefix: '/cdn-copy/', dir: repo('dist/cdn') },
        { urlPrefix: '/cdn-dev/', dir: join(folder, 'cdn-dev') },
        { urlPrefix: '/', dir: folder },
      ],
    });
    ({ browser, page: tab, errors: pageErrors } = await openBrowser());
  });

  after(async () => {
    console.log(`# pages with two copies that worked: ${worked.length} of ${PAGES.length}`);
    await browser?.close();
    await portal?.close();
  });

  for (const [index, { name, scripts }] of PAGES.entries()) {
    it(`works with ${name}`, async () => {
      await tab.goto(`${portal.server.url}/page-${index}.html`);
      if (!signedIn) {
        await signInAsDemo(tab);
        signedIn = true;
      }
      await waitForText(tab, 'Go to Nordlys Support');
      const fetched = await tab.evaluate(() =>
        performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
      );
      for (const script of new Set(scripts)) {
        assert.ok(fetched.includes(script), `${script} was loaded`);
      }
      const text = `A reply from the page with ${name}.`;
      await followLink(tab, 'Invoices fail to export to PDF');
      await fillIn(tab, 'Your reply', text);
      await press(tab, 'Send');
      await waitForText(tab, text);
      const [row] = await portal.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM messages WHERE body = $1',
        [text],
      );
      assert.equal(row?.n, 1);
      worked.push(name);
    });
  }

  it('raised no error in any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
