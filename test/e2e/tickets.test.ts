import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import type { RunningServer } from '@kundportal/server';
import {
  fillIn,
  followLink,
  openBrowser,
  press,
  waitForText,
  signInAsDemo,
} from '../support/browser.js';
import { AGENT_KEY, startPortalServer, type PortalServer } from '../support/portal-server.js';

/** The smallest PNG there is: one transparent pixel. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('tickets in Chromium: attachments and live updates', () => {
  let server: RunningServer;
  let portal: PortalServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  before(async () => {
    portal = await startPortalServer();
    ({ server } = portal);
    ({ browser, page, errors: pageErrors } = await openBrowser());
    await page.goto(`${server.url}/support.html`);
    await signInAsDemo(page);
    await waitForText(page, 'Two-factor codes arrive late');
    await followLink(page, 'Two-factor codes arrive late');
    await page.waitForSelector('::-p-aria([name="Your reply"][role="textbox"])');
  });

  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('sends a reply with a picture, which downloads as an attachment, never inline', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'kundportal-e2e-'));
    const picture = join(folder, 'screenshot.png');
    await writeFile(picture, PNG);
    const picker = (await page.waitForSelector(
      '>>> input[type=file]',
    )) as ElementHandle<HTMLInputElement>;
    await picker.uploadFile(picture);
    await waitForText(page, 'screenshot.png');
    await fillIn(page, 'Your reply', 'Here is what the code screen shows.');
    await press(page, 'Send');
    await waitForText(page, 'Here is what the code screen shows.');
    const href = await page.$eval(
      '>>> a[part=attachment]',
      (link) => (link as HTMLAnchorElement).href,
    );
    const signedOut = await fetch(href);
    assert.equal(signedOut.status, 401, 'no download without a session');
    const download = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return {
        status: response.status,
        disposition: response.headers.get('content-disposition'),
        nosniff: response.headers.get('x-content-type-options'),
        type: response.headers.get('content-type'),
        size: (await response.arrayBuffer()).byteLength,
      };
    }, href);
    assert.equal(download.status, 200);
    assert.match(download.disposition ?? '', /^attachment;.*screenshot\.png/);
    assert.equal(download.nosniff, 'nosniff');
    assert.equal(download.type, 'image/png');
    assert.equal(download.size, PNG.length);
  });

  it("shows an agent's answer without a reload", async () => {
    const response = await fetch(`${server.url}/api/agent/tickets/1002/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${AGENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Thanks, we are moving you to another SMS provider.' }),
    });
    assert.equal(response.status, 201, await response.text());
    await waitForText(page, 'we are moving you to another SMS provider');
  });

  it('raised no error in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
