// What a customer sees when the portal's PostgreSQL goes away mid-session: the portal says the
// service is unavailable, keeps the reply and the new ticket typed meanwhile (across a reload),
// and once the database is back the same Retry stores each exactly once.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import {
  openDatabase,
  seedDemo,
  startServer,
  type Database,
  type RunningServer,
} from '@kundportal/server';
import {
  postgresDatabase,
  postgresUnreachable,
  type TestDatabase,
} from '../../packages/server/src/test-support.js';
import { startTcpProxy, type TcpProxy } from '../security/tcp-proxy.js';
import {
  fillIn,
  followLink,
  openBrowser,
  press,
  waitForText,
  signInAsDemo,
} from '../support/browser.js';

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const UNAVAILABLE = 'The portal is unavailable right now.';
const RETRY = '::-p-aria([name="Retry"][role="button"])';

describe(
  'the portal while its database is away, in Chromium',
  { skip: await postgresUnreachable() },
  () => {
    let testDb: TestDatabase & { url: string };
    let proxy: TcpProxy;
    let db: Database;
    let server: RunningServer;
    let browser: Browser;
    let page: Page;
    let outages = 0;
    let attempted = 0;
    let landedOnce = 0;
    const unexpected: unknown[] = [];

    const stored = async (sql: string, value: string) => {
      const [row] = await testDb.db.query<{ n: number }>(sql, [value]);
      return row?.n ?? 0;
    };
    const storedReplies = (text: string) =>
      stored('SELECT count(*)::int AS n FROM messages WHERE body = $1', text);
    const storedTickets = (subject: string) =>
      stored('SELECT count(*)::int AS n FROM tickets WHERE subject = $1', subject);

    const databaseGoes = async () => {
      await proxy.stop();
      outages += 1;
    };

    before(async () => {
      testDb = await postgresDatabase('kp_e2e_outage');
      await seedDemo(testDb.db);
      const target = new URL(testDb.url);
      proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
      target.host = `127.0.0.1:${proxy.port}`;
      db = await openDatabase({ url: target.href });
      server = await startServer({
        port: 0,
        db,
        mailTransport: { send: async () => {} },
        reportError: (error) => unexpected.push(error),
        staticDirs: [
          { urlPrefix: '/cdn/', dir: repo('dist/cdn') },
          { urlPrefix: '/', dir: repo('examples/kb-site') },
        ],
      });
      ({ browser, page } = await openBrowser());
      await page.goto(`${server.url}/support.html`);
      await signInAsDemo(page);
      await waitForText(page, 'Invoices fail to export to PDF');
    });

    after(async () => {
      console.log(
        `# database outages injected: ${outages}; ${landedOnce} of ${attempted} submissions made during them landed exactly once`,
      );
      await browser?.close();
      await server?.close();
      await db?.close();
      await proxy?.close();
      await testDb?.dispose();
    });

    it('says the portal is unavailable, keeps the reply across a reload and sends it once after', async () => {
      const text = 'Written while the database was away.';
      attempted += 1;
      await followLink(page, 'Invoices fail to export to PDF');
      await fillIn(page, 'Your reply', text);
      await databaseGoes();
      try {
        await press(page, 'Send');
        await page.waitForSelector(RETRY);
        await waitForText(page, UNAVAILABLE);
        await page.reload();
        await waitForText(page, UNAVAILABLE);
      } finally {
        await proxy.start();
      }
      await press(page, 'Retry');
      await page.waitForSelector('::-p-aria([name="Your reply"][role="textbox"])');
      const draft = await page.$eval('>>> textarea', (area) => (area as HTMLTextAreaElement).value);
      assert.equal(draft, text, 'the reply survived the outage and the reload');
      assert.equal(await storedReplies(text), 0);
      await press(page, 'Send');
      await waitForText(page, text);
      assert.equal(await storedReplies(text), 1);
      landedOnce += 1;
    });

    it('keeps a new ticket typed during the outage and files it once after', async () => {
      const subject = 'Filed while the database was away';
      attempted += 1;
      await page.goto(`${server.url}/support.html#/`);
      await followLink(page, 'File a support ticket');
      await fillIn(page, 'Subject', subject);
      await fillIn(page, 'Describe the problem', 'The database went away.');
      await databaseGoes();
      try {
        await press(page, 'Send ticket');
        await page.waitForSelector(RETRY);
        await waitForText(page, UNAVAILABLE);
      } finally {
        await proxy.start();
      }
      assert.equal(await storedTickets(subject), 0);
      await press(page, 'Retry');
      await waitForText(page, 'The database went away.');
      assert.equal(await storedTickets(subject), 1);
      landedOnce += 1;
    });

    it('met no server error on the way', () => {
      assert.deepEqual(unexpected, []);
    });
  },
);
