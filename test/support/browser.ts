import assert from 'node:assert/strict';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

/**
 * Text of the whole page, shadow roots included, as a person would read it. Kept as source
 * text so the TypeScript loader's helpers never reach the page.
 */
const VISIBLE_TEXT = `(() => {
  const parts = [];
  const collect = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      if (node.parentElement?.checkVisibility()) parts.push(node.textContent);
      return;
    }
    if (node.shadowRoot) collect(node.shadowRoot);
    for (const child of node.childNodes) collect(child);
  };
  collect(document.body);
  return parts.join(' ').replace(/\\s+/g, ' ');
})()`;

export function visibleText(page: Page): Promise<string> {
  return page.evaluate(VISIBLE_TEXT) as Promise<string>;
}

export async function waitForText(page: Page, text: string, present = true): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if ((await visibleText(page)).includes(text) === present) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`expected the page ${present ? 'to show' : 'not to show'} "${text}"`);
}

/**
 * Waits for an element matched by a selector that reaches into shadow roots (`a >>> b`).
 * Puppeteer's own wait re-checks on mutations of the document, which miss changes inside
 * shadow roots (an element rendered once its lazily loaded module arrives), so this polls.
 */
export async function waitForDeep(page: Page, selector: string): Promise<ElementHandle<Element>> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const found = await page.$(selector);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`expected the page to have ${selector}`);
}

/**
 * Signs in as `email` through `<customer-portal>`'s form, found by markup rather than accessible
 * name (a host page's `text-transform` reaches the names too), and waits for `shownAfter`.
 */
export async function signInByMarkup(
  page: Page,
  { email, password }: { email: string; password: string },
  shownAfter: string,
): Promise<void> {
  const login = 'customer-portal >>> portal-login >>>';
  await (await waitForDeep(page, `${login} input[autocomplete=username]`)).type(email);
  await (await waitForDeep(page, `${login} input[type=password]`)).type(password);
  await (await waitForDeep(page, `${login} button[part=submit]`)).click();
  await waitForText(page, shownAfter);
}

/** Signs in with the demo account through the sign-in form on the page, as a customer types it. */
export async function signInAsDemo(page: Page): Promise<void> {
  await fillIn(page, 'Email', DEMO_ACCOUNT.email);
  await (await page.waitForSelector('::-p-aria(Password)'))!.type(DEMO_ACCOUNT.password);
  await press(page, 'Sign in');
}

/** Headless Chromium with a page that records every error it raises. */
export async function openBrowser(): Promise<{ browser: Browser; page: Page; errors: string[] }> {
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { browser, page, errors };
}

/** Types into the field with this accessible name (shadow roots included). */
export async function fillIn(page: Page, name: string, text: string): Promise<void> {
  const field = await page.waitForSelector(`::-p-aria([name="${name}"][role="textbox"])`);
  await field!.type(text);
}

export async function press(page: Page, name: string): Promise<void> {
  await (await page.waitForSelector(`::-p-aria([name="${name}"][role="button"])`))!.click();
}

/** Follows the link with this accessible name (a ticket's subject in the list, say). */
export async function followLink(page: Page, name: string): Promise<void> {
  await waitForText(page, name);
  await (await page.waitForSelector(`::-p-aria([name="${name}"][role="link"])`))!.click();
}

/** Signs out through the portal's header and waits for the sign-in form. */
export async function signOut(page: Page): Promise<void> {
  await press(page, 'Sign out');
  await page.waitForSelector('::-p-aria([name="Sign in"][role="button"])');
}
