import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import type { Browser, Page } from 'puppeteer-core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { DEMO_INVITEE, type Database, type RunningServer } from '@kundportal/server';
import {
  fillIn,
  openBrowser,
  press,
  signOut,
  visibleText,
  waitForText,
} from '../support/browser.js';
import { lastMailedLink } from '../support/mail.js';
import { startPortalServer, type PortalServer } from '../support/portal-server.js';

const JWT_SECRET = 'a shared secret of at least thirty-two characters';

describe('every way into the portal, in Chromium against the reference server', () => {
  let db: Database;
  let server: RunningServer;
  let portal: PortalServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  const email = `rut-${Date.now()}@example.com`;

  /** What an agent does through the agent API, which must accept it. */
  const patchSettings = async (settings: object) => {
    const response = await portal.patchSettings(settings);
    assert.equal(response.status, 200, await response.text());
  };

  /** Follows the newest emailed link of this kind, as the customer clicking it would. */
  const followLink = async (purpose: 'verify' | 'reset' | 'sign-in') => {
    const token = await lastMailedLink(db, email, purpose);
    assert.ok(token, `a ${purpose} link was mailed to ${email}`);
    await page.goto(`${server.url}/support.html#/${purpose}/${token}`);
    return token;
  };

  before(async () => {
    portal = await startPortalServer();
    ({ db, server } = portal);
    ({ browser, page, errors: pageErrors } = await openBrowser());
  });

  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('registers with consent, then signs in from the emailed link, which leaves the URL', async () => {
    await page.goto(`${server.url}/support.html`);
    await press(page, 'Create an account');
    await fillIn(page, 'Name', 'Rut Berg');
    await fillIn(page, 'Email', email);
    await fillIn(page, 'Password', 'correct horse battery');
    await press(page, 'Create account');
    await waitForText(page, 'Tick the box to agree');
    assert.equal(await lastMailedLink(db, email, 'verify'), undefined, 'nothing sent yet');
    await (await page.waitForSelector('::-p-aria([role="checkbox"])'))!.click();
    await press(page, 'Create account');
    await waitForText(page, 'Check your email');
    const token = await followLink('verify');
    await waitForText(page, 'You have no tickets yet.');
    await waitForText(page, 'Rut Berg');
    assert.ok(!page.url().includes(token), 'the token left the address bar');
    const [consent] = await db.query<{ version: string }>(
      `SELECT version FROM consents c JOIN contacts p ON p.id = c.contact_id
       WHERE lower(p.email) = lower($1)`,
      [email],
    );
    assert.equal(consent?.version, '2026-11-01');
  });

  it('resets a forgotten password from a single-use link', async () => {
    await signOut(page);
    await press(page, 'Forgot password?');
    await fillIn(page, 'Email', email);
    await press(page, 'Send reset link');
    await waitForText(page, `If ${email} has an account`);
    const token = await followLink('reset');
    await fillIn(page, 'New password', 'a brand new long secret');
    await fillIn(page, 'Repeat the new password', 'a brand new long secret');
    await press(page, 'Save password and sign in');
    await waitForText(page, 'You have no tickets yet.');
    await signOut(page);
    await page.goto(`${server.url}/support.html#/reset/${token}`);
    await fillIn(page, 'New password', 'yet another long secret');
    await fillIn(page, 'Repeat the new password', 'yet another long secret');
    await press(page, 'Save password and sign in');
    await waitForText(page, 'This link has expired or has been used already.');
  });

  it('signs in with the new password, and by an emailed sign-in link', async () => {
    await page.goto(`${server.url}/support.html`);
    await fillIn(page, 'Email', email);
    await (await page.waitForSelector('::-p-aria(Password)'))!.type('a brand new long secret');
    await press(page, 'Sign in');
    await waitForText(page, 'You have no tickets yet.');
    await signOut(page);
    await press(page, 'Email me a sign-in link');
    await fillIn(page, 'Email', email);
    await press(page, 'Email me a link');
    await waitForText(page, 'Check your email');
    await followLink('sign-in');
    await waitForText(page, 'You have no tickets yet.');
    await signOut(page);
  });

  it('accepts an invitation sent to a contact list, once', async () => {
    const token = await lastMailedLink(db, DEMO_INVITEE.email, 'invitation');
    assert.ok(token, 'the demo list member was sent an invitation');
    await page.goto(`${server.url}/support.html#/invitation/${token}`);
    await fillIn(page, 'New password', 'an invited long secret');
    await fillIn(page, 'Repeat the new password', 'an invited long secret');
    await press(page, 'Set password and sign in');
    await waitForText(page, 'You have no tickets yet.');
    await signOut(page);
    await page.goto(`${server.url}/support.html#/invitation/${token}`);
    await fillIn(page, 'New password', 'another invited secret');
    await fillIn(page, 'Repeat the new password', 'another invited secret');
    await press(page, 'Set password and sign in');
    await waitForText(page, 'This link has expired or has been used already.');
  });

  it("signs in with a JWT the site's own app signed, handed over as a property", async () => {
    await patchSettings({ sso: { jwt: { secret: JWT_SECRET }, oidc: [], saml: [] } });
    const token = await new SignJWT({ email: DEMO_ACCOUNT.email, name: 'Ada Lindqvist' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('2m')
      .setJti(crypto.randomUUID())
      .sign(new TextEncoder().encode(JWT_SECRET));
    await page.goto(`${server.url}/support.html`);
    await page.waitForSelector('::-p-aria([name="Sign in"][role="button"])');
    await page.evaluate((jwt) => {
      const portal = document.querySelector('customer-portal') as HTMLElement & {
        ssoToken: string;
      };
      portal.ssoToken = jwt;
    }, token);
    await waitForText(page, 'Invoices fail to export to PDF');
    await signOut(page);
  });

  it('shows access denied to someone outside the allowed lists', async () => {
    await patchSettings({ accessMode: 'lists' });
    await page.goto(`${server.url}/support.html`);
    await press(page, 'Email me a sign-in link');
    await fillIn(page, 'Email', 'stranger@example.com');
    await press(page, 'Email me a link');
    await waitForText(page, 'access to this portal');
    const text = await visibleText(page);
    assert.match(text, /don’t have access|do not have access|not allowed/i);
    await patchSettings({ accessMode: 'registration' });
  });

  it('says the portal is closed, and the knowledge base hides its link, when it is off', async () => {
    await patchSettings({ enabled: false });
    await page.goto(`${server.url}/support.html`);
    await waitForText(page, 'This support portal is closed.');
    await page.goto(`${server.url}/`);
    await waitForText(page, 'How can we help?');
    await waitForText(page, 'Go to Nordlys Support', false);
    await patchSettings({ enabled: true });
  });

  it('raised no error in the page beyond the refusals it was shown', () => {
    // The browser logs every 4xx answer as a console error; anything else is a fault.
    const faults = pageErrors.filter((error) => !/status of (403|404|503)/.test(error));
    assert.deepEqual(faults, []);
  });
});
