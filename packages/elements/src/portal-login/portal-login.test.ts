import { MemoryAdapter, type PortalAdapter } from '@kundportal/core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { expect, fixture, html } from '@open-wc/testing';
import '../customer-portal/customer-portal.js';
import { nextEvent, waitForSelector } from '../shared/test-utils.js';
import './portal-login.js';
import type { PortalLogin } from './portal-login.component.js';

async function signInWith(el: PortalLogin, email: string, password: string): Promise<void> {
  const root = el.shadowRoot!;
  root.querySelector<HTMLInputElement>('#email')!.value = email;
  root.querySelector<HTMLInputElement>('#password')!.value = password;
  root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
}

describe('portal-login', () => {
  it('labels its fields for autofill and passes an accessibility audit', async () => {
    const el = await fixture<PortalLogin>(
      html`<portal-login .adapter=${new MemoryAdapter()}></portal-login>`,
    );
    await el.updateComplete;
    const email = el.shadowRoot!.querySelector('#email')!;
    const password = el.shadowRoot!.querySelector('#password')!;
    expect(email.getAttribute('autocomplete')).to.equal('username');
    expect(password.getAttribute('autocomplete')).to.equal('current-password');
    expect(el.shadowRoot!.querySelector('label[for=email]')!.textContent).to.equal('Email');
    expect(el.shadowRoot!.textContent).to.contain('Use your Nordlys Support account.');
    await expect(el).to.be.accessible();
  });

  it('signs in with the demo account and fires portal-signed-in', async () => {
    const adapter = new MemoryAdapter();
    const el = await fixture<PortalLogin>(html`<portal-login .adapter=${adapter}></portal-login>`);
    const signedIn = nextEvent(el, 'portal-signed-in');
    await signInWith(el, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password);
    const event = await signedIn;
    expect(event.session.contact.name).to.equal('Ada Lindqvist');
    expect(event.bubbles && event.composed).to.equal(true);
    expect((await adapter.getSession())?.contact.email).to.equal(DEMO_ACCOUNT.email);
  });

  it('says when the password is wrong and does not sign in', async () => {
    const adapter = new MemoryAdapter();
    const el = await fixture<PortalLogin>(html`<portal-login .adapter=${adapter}></portal-login>`);
    let signedIn = false;
    el.addEventListener('portal-signed-in', () => (signedIn = true));
    const failed = nextEvent(el, 'portal-error');
    await signInWith(el, DEMO_ACCOUNT.email, 'not-the-password');
    expect((await failed).error.code).to.equal('unauthenticated');
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('Email or password is wrong.');
    expect(signedIn).to.equal(false);
    expect(await adapter.getSession()).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('disables the form while signing in', async () => {
    const adapter = new MemoryAdapter({ delayMs: 50 });
    const el = await fixture<PortalLogin>(html`<portal-login .adapter=${adapter}></portal-login>`);
    const signedIn = nextEvent(el, 'portal-signed-in');
    await signInWith(el, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('fieldset')!.disabled).to.equal(true);
    expect(el.shadowRoot!.querySelector('form')!.getAttribute('aria-busy')).to.equal('true');
    await signedIn;
  });

  it('uses the adapter a customer-portal provides', async () => {
    const adapter: PortalAdapter = new MemoryAdapter();
    const portal = await fixture(html`<customer-portal .adapter=${adapter}></customer-portal>`);
    const el = await waitForSelector<PortalLogin>(portal, 'portal-login');
    await el.updateComplete;
    const signedIn = nextEvent(portal, 'portal-signed-in');
    await signInWith(el, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password);
    expect((await signedIn).session.contact.email).to.equal(DEMO_ACCOUNT.email);
  });
});
