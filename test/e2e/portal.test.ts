import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import type { Database, RunningServer } from '@kundportal/server';
import { followLink, openBrowser, visibleText, waitForText } from '../support/browser.js';
import { startPortalServer, type PortalServer } from '../support/portal-server.js';

describe('the portal end to end, in Chromium against the reference server', () => {
  let db: Database;
  let server: RunningServer;
  let portal: PortalServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  before(async () => {
    portal = await startPortalServer();
    ({ db, server } = portal);
    ({ browser, page, errors: pageErrors } = await openBrowser());
  });

  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('links from the knowledge base to the portal', async () => {
    await page.goto(`${server.url}/`);
    const link = await page.waitForSelector('::-p-aria(Go to Nordlys Support)');
    await Promise.all([page.waitForNavigation(), link!.click()]);
    assert.equal(new URL(page.url()).pathname, '/support.html');
  });

  it('signs in with the demo account and lists only her tickets', async () => {
    await (await page.waitForSelector('::-p-aria(Email)'))!.type(DEMO_ACCOUNT.email);
    await (await page.waitForSelector('::-p-aria(Password)'))!.type(DEMO_ACCOUNT.password);
    await (await page.waitForSelector('::-p-aria([name="Sign in"][role="button"])'))!.click();
    await waitForText(page, 'Invoices fail to export to PDF');
    const headers = await page.$$eval('>>> th', (cells) =>
      cells.map((cell) => cell.textContent?.trim()),
    );
    for (const name of ['ID', 'Subject', 'Created', 'Last activity', 'Status']) {
      assert.ok(headers.includes(name), `column ${name} in ${headers.join(', ')}`);
    }
    const text = await visibleText(page);
    assert.ok(text.includes('Open') && text.includes('Closed'));
    assert.ok(!text.includes('Salary slips'), "a colleague's ticket is not listed");
  });

  it('opens a ticket and shows its conversation without the internal note', async () => {
    await followLink(page, 'Invoices fail to export to PDF');
    await waitForText(page, 'the download never starts');
    await waitForText(page, 'Which browser do you use');
    const text = await visibleText(page);
    assert.ok(!text.includes('INTERNAL NOTE'));
    assert.ok(!text.includes('An earlier question'), 'older threads stay hidden');
  });

  it('sends a reply that the server stores once', async () => {
    const reply = 'Chrome 131; it happens for February too.';
    await (await page.waitForSelector('::-p-aria([name="Your reply"][role="textbox"])'))!.type(
      reply,
    );
    await (await page.waitForSelector('::-p-aria([name="Send"][role="button"])'))!.click();
    await waitForText(page, reply);
    const rows = await db.query<{ count: number }>(
      'select count(*)::int as count from messages where body = $1',
      [reply],
    );
    assert.equal(rows[0]?.count, 1);
  });

  it('files a new ticket from the support form and lands on it', async () => {
    await followLink(page, 'File a support ticket');
    await (await page.waitForSelector('::-p-aria([name="Subject"][role="textbox"])'))!.type(
      'Cannot add a new employee',
    );
    await (await page.waitForSelector(
      '::-p-aria([name="Describe the problem"][role="textbox"])',
    ))!.type('The Save button stays grey after filling in every field.');
    await (await page.waitForSelector('::-p-aria([name="Send ticket"][role="button"])'))!.click();
    await waitForText(page, 'The Save button stays grey');
    await waitForText(page, 'Cannot add a new employee');
    const rows = await db.query<{ id: string }>(
      'select id::text as id from tickets where subject = $1',
      ['Cannot add a new employee'],
    );
    assert.equal(rows.length, 1);
    assert.ok(page.url().includes(rows[0]!.id), `${page.url()} names ticket ${rows[0]!.id}`);
  });

  it('signs out, on the server too', async () => {
    await (await page.waitForSelector('::-p-aria([name="Sign out"][role="button"])'))!.click();
    await page.waitForSelector('::-p-aria(Password)');
    const session = await page.evaluate(() =>
      fetch('/api/session').then((response) => response.json()),
    );
    assert.deepEqual(session, { session: null });
  });

  it('raised no error in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
