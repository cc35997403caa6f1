import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { build } from 'vite';
import { DEMO_ACCOUNT, demoData } from '@kundportal/core/demo';
import { followLink, openBrowser, visibleText, waitForText } from '../support/browser.js';
import { serveStatic, type StaticServer } from '../support/static-server.js';

// The React and Vue examples, built with Vite as an app developer would and opened in Chromium:
// the demo account's tickets are listed, and opening one reaches the app's own handler.

const root = fileURLToPath(new URL('../..', import.meta.url));
const data = demoData();
const ada = data.contacts.find((contact) => contact.email === DEMO_ACCOUNT.email)!;
const adasTickets = data.tickets.filter((ticket) => ticket.contactId === ada.id);
const othersTicket = data.tickets.find((ticket) => ticket.contactId !== ada.id)!;
const opened = adasTickets[0]!;
/** The opened ticket's latest customer-visible message, which only its detail view shows. */
const openedMessage = opened.threads.at(-1)!.messages.find((message) => message.kind === 'agent')!;

for (const framework of ['react', 'vue'] as const) {
  describe(`${framework} example`, () => {
    let server: StaticServer;
    let browser: Browser;
    let page: Page;
    let errors: string[];

    before(async () => {
      const outDir = join(root, '.tmp', `example-${framework}`);
      await build({
        configFile: join(root, 'examples', framework, 'vite.config.ts'),
        logLevel: 'warn',
        build: { outDir, emptyOutDir: true },
      });
      server = await serveStatic(outDir);
      ({ browser, page, errors } = await openBrowser());
      await page.goto(server.url);
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it("lists the signed-in customer's tickets and no one else's", async () => {
      for (const ticket of adasTickets) await waitForText(page, ticket.subject);
      assert.ok(!(await visibleText(page)).includes(othersTicket.subject));
      assert.deepEqual(errors, []);
    });

    it("opening a ticket runs the app's handler, which shows it below the list", async () => {
      await followLink(page, opened.subject);
      // The heading is the app's own markup, rendered from the id the event carried.
      await waitForText(page, `Ticket ${opened.id}`);
      await waitForText(page, openedMessage.text);
      // The handler cancelled the event, so the row's link was not followed.
      assert.equal(await page.evaluate(() => location.hash), '');
      assert.deepEqual(errors, []);
    });
  });
}
