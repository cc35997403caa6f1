import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import type { Database, RunningServer } from '@kundportal/server';
import {
  startDemoIdentityProviders,
  type DemoIdentityProviders,
} from '../../packages/server/src/dev-idp/index.js';
import { fillIn, openBrowser, press, signOut, waitForText } from '../support/browser.js';
import { startPortalServer, type PortalServer } from '../support/portal-server.js';

const ADA = DEMO_ACCOUNT.email;

describe('single sign-on through the demo identity providers, in Chromium', () => {
  let db: Database;
  let server: RunningServer;
  let portal: PortalServer;
  let idps: DemoIdentityProviders;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  /** What an agent does through the agent API, which must accept it. */
  const patchSettings = async (settings: object) => {
    const response = await portal.patchSettings(settings);
    assert.equal(response.status, 200, await response.text());
  };

  /** Clicks the portal's button for a provider and waits for that provider's login page. */
  const startSignIn = async (label: string) => {
    await page.goto(`${server.url}/support.html`);
    await (await page.waitForSelector(`::-p-aria([name="${label}"][role="link"])`))!.click();
    await page.waitForSelector('::-p-aria([name="Email"][role="textbox"])');
    assert.equal(new URL(page.url()).origin, idps.url, 'the browser is at the identity provider');
  };

  /** Waits until the redirects (and the SAML form post) have brought the browser back. */
  const backAtPortal = () =>
    page.waitForFunction(
      (portal) => location.href.startsWith(portal) && document.readyState === 'complete',
      {},
      `${server.url}/support.html`,
    );

  before(async () => {
    portal = await startPortalServer();
    ({ db, server } = portal);
    idps = await startDemoIdentityProviders({ publicUrl: server.url });
    await patchSettings({ sso: { oidc: [idps.oidc], saml: [idps.saml], jwt: idps.jwt } });
    ({ browser, page, errors: pageErrors } = await openBrowser());
  });

  after(async () => {
    await browser?.close();
    await idps?.close();
    await portal?.close();
  });

  it('signs in through the OpenID provider (code flow with PKCE), then out', async () => {
    await startSignIn('Sign in with Demo OIDC');
    await press(page, `Sign in as ${ADA}`);
    await backAtPortal();
    await waitForText(page, 'Invoices fail to export to PDF');
    await waitForText(page, 'Ada Lindqvist');
    await signOut(page);
  });

  it('signs in through the SAML identity provider (signed assertion), then out', async () => {
    await startSignIn('Sign in with Demo SAML');
    await press(page, `Sign in as ${ADA}`);
    await backAtPortal();
    await waitForText(page, 'Invoices fail to export to PDF');
    await signOut(page);
  });

  it('signs in by the JWT hand-off from the demo site app, once per token', async () => {
    await page.goto(idps.jwtSiteAppUrl);
    await press(page, `Sign in as ${ADA}`);
    await page.waitForSelector('::-p-aria([name="Continue to the portal"][role="button"])');
    // The hand-off page as served, to post its form a second time.
    const handOff = await page.content();
    await press(page, 'Continue to the portal');
    await backAtPortal();
    await waitForText(page, 'Invoices fail to export to PDF');
    await signOut(page);

    // The same token again, as a copy kept in history or a log would be replayed.
    await page.goto(idps.jwtSiteAppUrl);
    await page.setContent(handOff);
    await press(page, 'Continue to the portal');
    await backAtPortal();
    await waitForText(page, 'Single sign-on did not work');
    await page.goto(`${server.url}/support.html`);
    await page.waitForSelector('::-p-aria([name="Sign in"][role="button"])');
  });

  it('refuses a SAML response changed on its way, with the SSO error page', async () => {
    const acsUrl = `${server.url}/api/sso/saml/${idps.saml.id}/acs`;
    // Ada's assertion, rewritten to name Björn: the signature no longer matches.
    const tamper = (request: HTTPRequest) => {
      if (request.method() !== 'POST' || request.url() !== acsUrl) return void request.continue();
      const form = new URLSearchParams(request.postData());
      const xml = Buffer.from(form.get('SAMLResponse') ?? '', 'base64').toString();
      assert.ok(xml.includes(ADA), 'the response is about Ada');
      const forged = xml.replaceAll(ADA, 'bjorn@nordlys.example');
      form.set('SAMLResponse', Buffer.from(forged).toString('base64'));
      void request.continue({ postData: form.toString() });
    };
    await page.setRequestInterception(true);
    page.on('request', tamper);
    try {
      await startSignIn('Sign in with Demo SAML');
      await press(page, `Sign in as ${ADA}`);
      await backAtPortal();
      await waitForText(page, 'Single sign-on did not work');
    } finally {
      page.off('request', tamper);
      await page.setRequestInterception(false);
    }
    await page.goto(`${server.url}/support.html`);
    await page.waitForSelector('::-p-aria([name="Sign in"][role="button"])');
  });

  it('shows access denied to someone outside the lists when access is by SSO and lists', async () => {
    await patchSettings({ accessMode: 'sso-lists' });
    const stranger = 'stranger@example.com';
    await startSignIn('Sign in with Demo OIDC');
    await fillIn(page, 'Email', stranger);
    await press(page, 'Sign in');
    await backAtPortal();
    await waitForText(page, 'You don’t have access to this portal');
    const contacts = await db.query('SELECT 1 FROM contacts WHERE lower(email) = $1', [stranger]);
    assert.equal(contacts.length, 0, 'no contact was made for the stranger');
  });

  it('raised no error in the portal or the identity providers’ pages', () => {
    // Refusals arrive as redirects to the portal, never as failed requests the browser logs.
    assert.deepEqual(pageErrors, []);
  });
});
