// A new ticket and a reply with an attachment, interrupted at every stage between the browser and
// the server: before anything is sent, halfway through the upload, after the server stored it
// but before the answer arrived, and with the server restarted in between. Each lands exactly
// once, the portal says what happened, and nothing typed is lost (drafts survive a reload).
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import {
  fillIn,
  followLink,
  openBrowser,
  press,
  visibleText,
  waitForText,
  signInAsDemo,
} from '../support/browser.js';
import { startFlakyProxy, type FlakyProxy } from '../support/flaky-proxy.js';
import { startPortalServer, type PortalServer } from '../support/portal-server.js';

const TICKET_POST = /^\/api\/tickets$/;
const REPLY_POST = /^\/api\/tickets\/[^/]+\/messages$/;
/** The alert the portal shows when a send did not get through, with its Retry button. */
const RETRY = '::-p-aria([name="Retry"][role="button"])';

describe('submissions interrupted at every stage land exactly once, in Chromium', () => {
  let portal: PortalServer;
  let proxy: FlakyProxy;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let picture = '';
  let restarts = 0;
  let attempted = 0;
  let landedOnce = 0;

  /** How many tickets have this subject, and how many files their first messages carry. */
  const storedTickets = async (subject: string) => {
    const [row] = await portal.db.query<{ tickets: number; files: number }>(
      `SELECT count(DISTINCT t.id)::int AS tickets, count(a.id)::int AS files
       FROM tickets t LEFT JOIN threads th ON th.ticket_id = t.id
       LEFT JOIN messages m ON m.thread_id = th.id
       LEFT JOIN attachments a ON a.message_id = m.id
       WHERE t.subject = $1`,
      [subject],
    );
    return row ?? { tickets: 0, files: 0 };
  };

  const storedReplies = async (text: string) => {
    const [row] = await portal.db.query<{ messages: number; files: number }>(
      `SELECT count(DISTINCT m.id)::int AS messages, count(a.id)::int AS files
       FROM messages m LEFT JOIN attachments a ON a.message_id = m.id WHERE m.body = $1`,
      [text],
    );
    return row ?? { messages: 0, files: 0 };
  };

  const restartServer = async () => {
    proxy.target = (await portal.restart()).url;
    restarts += 1;
  };

  const fieldValue = (name: string) =>
    page.$eval(`>>> [name="${name}"]`, (control) => (control as HTMLInputElement).value);

  const chooseFile = async () => {
    const picker = (await page.waitForSelector(
      '>>> input[type=file]',
    )) as ElementHandle<HTMLInputElement>;
    await picker.uploadFile(picture);
    await waitForText(page, 'screenshot.png');
  };

  /** Opens the support form and fills it in (with a screenshot when `withFile`). */
  const startTicket = async (subject: string, withFile: boolean) => {
    attempted += 1;
    await page.goto(`${proxy.url}/support.html#/`);
    await followLink(page, 'File a support ticket');
    await fillIn(page, 'Subject', subject);
    await fillIn(page, 'Describe the problem', `${subject}: the details.`);
    if (withFile) await chooseFile();
  };

  /** Sends, sees the failure said on screen with the form still filled in. */
  const sendAndFail = async (subject: string) => {
    await press(page, 'Send ticket');
    await page.waitForSelector(RETRY);
    assert.equal(await fieldValue('subject'), subject, 'the form keeps what was typed');
  };

  /** Sends (or retries) until the portal shows the new ticket; asserts it landed once. */
  const landsOnce = async (subject: string, button: string, files: number) => {
    await press(page, button);
    await waitForText(page, `${subject}: the details.`);
    assert.deepEqual(await storedTickets(subject), { tickets: 1, files });
    landedOnce += 1;
  };

  const openTicket = async (subject: string) => {
    await page.goto(`${proxy.url}/support.html#/`);
    await followLink(page, subject);
    await page.waitForSelector('::-p-aria([name="Your reply"][role="textbox"])');
  };

  before(async () => {
    const folder = await mkdtemp(join(tmpdir(), 'kundportal-faults-'));
    picture = join(folder, 'screenshot.png');
    await writeFile(
      picture,
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
        'base64',
      ),
    );
    // The browser talks to the proxy, so the server must take the proxy's origin as its own.
    proxy = await startFlakyProxy();
    portal = await startPortalServer({ allowedOrigins: [proxy.url] });
    proxy.target = portal.server.url;
    ({ browser, page, errors: pageErrors } = await openBrowser());
    await page.goto(`${proxy.url}/support.html`);
    await signInAsDemo(page);
    await waitForText(page, 'Invoices fail to export to PDF');
  });

  after(async () => {
    console.log(
      `# faults injected: ${proxy?.cut + proxy?.dropped + restarts} ` +
        `(${proxy?.cut} connections cut, ${proxy?.dropped} answers lost, ${restarts} server restarts); ` +
        `${landedOnce} of ${attempted} interrupted submissions landed exactly once`,
    );
    await browser?.close();
    await proxy?.close();
    await portal?.close();
  });

  it('a new ticket whose connection fails before sending is filed once on Retry', async () => {
    const subject = 'Offline when filing';
    await startTicket(subject, false);
    proxy.cutBeforeSending('POST', TICKET_POST);
    await sendAndFail(subject);
    proxy.restore();
    assert.deepEqual(await storedTickets(subject), { tickets: 0, files: 0 });
    await landsOnce(subject, 'Retry', 0);
  });

  it('a new ticket cut halfway through its upload stores nothing, then lands once with its file', async () => {
    const subject = 'Upload cut in a tunnel';
    await startTicket(subject, true);
    proxy.cutMidUpload('POST', TICKET_POST);
    await sendAndFail(subject);
    proxy.restore();
    assert.deepEqual(
      await storedTickets(subject),
      { tickets: 0, files: 0 },
      'half a ticket is none',
    );
    await landsOnce(subject, 'Retry', 1);
  });

  it('a new ticket stored but unanswered keeps its draft across a reload and is filed once', async () => {
    const subject = 'Answer lost, page reloaded';
    await startTicket(subject, true);
    proxy.loseAnswers('POST', TICKET_POST);
    await sendAndFail(subject);
    proxy.restore();
    assert.deepEqual(await storedTickets(subject), { tickets: 1, files: 1 });
    await page.reload();
    await page.waitForSelector('::-p-aria([name="Send ticket"][role="button"])');
    assert.equal(await fieldValue('subject'), subject, 'the subject survived the reload');
    assert.equal(await fieldValue('description'), `${subject}: the details.`);
    // The file cannot outlive the page; the ticket the server filed already has it.
    await landsOnce(subject, 'Send ticket', 1);
  });

  it('a new ticket stored before the server restarted is filed once when retried after', async () => {
    const subject = 'Server restarted meanwhile';
    await startTicket(subject, true);
    proxy.loseAnswers('POST', TICKET_POST);
    await sendAndFail(subject);
    proxy.restore();
    await restartServer();
    await landsOnce(subject, 'Retry', 1);
  });

  it('a reply cut halfway through its upload stores nothing, then lands once with its file', async () => {
    const text = 'Cut mid-upload: here is the screenshot.';
    attempted += 1;
    await openTicket('Invoices fail to export to PDF');
    await fillIn(page, 'Your reply', text);
    await chooseFile();
    proxy.cutMidUpload('POST', REPLY_POST);
    await press(page, 'Send');
    await page.waitForSelector(RETRY);
    proxy.restore();
    assert.deepEqual(await storedReplies(text), { messages: 0, files: 0 });
    await press(page, 'Retry');
    await page.waitForSelector(RETRY, { hidden: true });
    await waitForText(page, text);
    assert.deepEqual(await storedReplies(text), { messages: 1, files: 1 });
    landedOnce += 1;
  });

  it('a reply sent while the server restarts says so, keeps its draft and lands once after', async () => {
    const text = 'Sent while the server was restarting.';
    attempted += 1;
    await openTicket('Two-factor codes arrive late');
    await fillIn(page, 'Your reply', text);
    await chooseFile();
    proxy.loseAnswers('POST', REPLY_POST);
    await press(page, 'Send');
    await page.waitForSelector(RETRY);
    proxy.restore();
    assert.match(await visibleText(page), /No connection|unavailable/);
    await restartServer();
    await page.reload();
    await page.waitForSelector('::-p-aria([name="Your reply"][role="textbox"])');
    const draft = await page.$eval('>>> textarea', (area) => (area as HTMLTextAreaElement).value);
    assert.equal(draft, text, 'the draft survived the restart and the reload');
    await press(page, 'Send');
    await waitForText(page, text);
    assert.deepEqual(await storedReplies(text), { messages: 1, files: 1 });
    landedOnce += 1;
  });

  it('raised no error in the page beyond the failed requests', () => {
    const unexpected = pageErrors.filter(
      (error) => !/Failed to load resource|net::ERR_|Failed to fetch/.test(error),
    );
    assert.deepEqual(unexpected, []);
  });
});
