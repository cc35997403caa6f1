import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import type { Database, RunningServer } from '@kundportal/server';
import {
  fillIn,
  followLink,
  openBrowser,
  press,
  waitForText,
  signInAsDemo,
} from '../support/browser.js';
import { startFlakyProxy, type FlakyProxy } from '../support/flaky-proxy.js';
import { startPortalServer, type PortalServer } from '../support/portal-server.js';

const REPLY_POST = /^\/api\/tickets\/[^/]+\/messages$/;

describe('a reply whose answer is lost lands exactly once, in Chromium', () => {
  let db: Database;
  let server: RunningServer;
  let portal: PortalServer;
  let proxy: FlakyProxy;
  let browser: Browser;
  let page: Page;

  const storedCopies = async (text: string) => {
    const [row] = await db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM messages WHERE body = $1',
      [text],
    );
    return row?.count ?? 0;
  };

  const openTicket = async (subject: string) => {
    await followLink(page, subject);
    await page.waitForSelector('::-p-aria([name="Your reply"][role="textbox"])');
  };

  before(async () => {
    // The browser talks to the proxy, so the server must take the proxy's origin as its own.
    proxy = await startFlakyProxy();
    portal = await startPortalServer({ allowedOrigins: [proxy.url] });
    ({ db, server } = portal);
    proxy.target = server.url;
    ({ browser, page } = await openBrowser());
    await page.goto(`${proxy.url}/support.html`);
    await signInAsDemo(page);
    await waitForText(page, 'Invoices fail to export to PDF');
  });

  after(async () => {
    await browser?.close();
    await proxy?.close();
    await portal?.close();
  });

  it('keeps the reply on screen when the answer is lost, and Retry stores it once', async () => {
    const text = 'Sent from a train: the export still fails.';
    await openTicket('Invoices fail to export to PDF');
    await fillIn(page, 'Your reply', text);
    proxy.loseAnswers('POST', REPLY_POST);
    await press(page, 'Send');
    await page.waitForSelector('::-p-aria([name="Retry"][role="button"])');
    proxy.restore();
    assert.ok(proxy.dropped >= 1);
    assert.equal(await storedCopies(text), 1, 'stored once, however often the browser resent it');
    const draft = await page.$eval('>>> textarea', (area) => (area as HTMLTextAreaElement).value);
    assert.equal(draft, text, 'the reply is still there to send again');
    await press(page, 'Retry');
    await waitForText(page, text);
    await page.waitForSelector('::-p-aria([name="Retry"][role="button"])', { hidden: true });
    assert.equal(await storedCopies(text), 1, 'the retry did not post it twice');
  });

  it('keeps the draft across a reload after a lost answer, and sends it once', async () => {
    const text = 'Typed before the reload; it must arrive once.';
    await page.goto(`${proxy.url}/support.html#/`);
    await openTicket('Two-factor codes arrive late');
    await fillIn(page, 'Your reply', text);
    proxy.loseAnswers('POST', REPLY_POST);
    await press(page, 'Send');
    await page.waitForSelector('::-p-aria([name="Retry"][role="button"])');
    proxy.restore();
    await page.reload();
    await page.waitForSelector('::-p-aria([name="Your reply"][role="textbox"])');
    const draft = await page.$eval('>>> textarea', (area) => (area as HTMLTextAreaElement).value);
    assert.equal(draft, text, 'the draft survived the reload');
    await press(page, 'Send');
    await waitForText(page, text);
    assert.equal(await storedCopies(text), 1);
  });
});
