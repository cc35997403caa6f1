import { MemoryAdapter, PortalError, type PortalConfig } from '@kundportal/core';
import { DEMO_ACCOUNT, demoData } from '@kundportal/core/demo';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PortalLogin } from '../portal-login/portal-login.component.js';
import { PortalErrorEvent } from '../shared/events.js';
import {
  deepQuery,
  nextEvent,
  visibleText,
  waitForSelector,
  waitForText,
} from '../shared/test-utils.js';
import type { TicketList } from '../ticket-list/ticket-list.component.js';
import './customer-portal.js';
import type { CustomerPortal } from './customer-portal.component.js';

const startUrl = location.href.split('#')[0]!;

async function portalOn(adapter: MemoryAdapter, hash = '#/'): Promise<CustomerPortal> {
  history.replaceState(null, '', `${startUrl}${hash}`);
  return fixture<CustomerPortal>(html`<customer-portal .adapter=${adapter}></customer-portal>`);
}

async function signIn(portal: CustomerPortal): Promise<void> {
  const login = await waitForSelector<PortalLogin>(portal, 'portal-login');
  await login.updateComplete;
  login.shadowRoot!.querySelector<HTMLInputElement>('#email')!.value = DEMO_ACCOUNT.email;
  login.shadowRoot!.querySelector<HTMLInputElement>('#password')!.value = DEMO_ACCOUNT.password;
  login.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
}

const inPortal = <E extends HTMLElement>(portal: CustomerPortal, selector: string) =>
  portal.shadowRoot!.querySelector<E>(selector);

async function listRows(portal: CustomerPortal): Promise<TicketList> {
  const list = await waitForSelector<TicketList>(portal, 'ticket-list');
  await waitUntil(() => list.shadowRoot!.querySelectorAll('tr[part=row]').length > 0);
  return list;
}

describe('customer-portal', () => {
  afterEach(() => history.replaceState(null, '', startUrl));

  it('walks sign in, list, ticket, back, new ticket and sign out', async () => {
    const adapter = new MemoryAdapter();
    const portal = await portalOn(adapter);
    await waitForSelector(portal, 'portal-login');
    expect(visibleText(portal)).to.contain('Nordlys Support');
    await expect(portal).to.be.accessible();

    const signedIn = nextEvent(portal, 'portal-signed-in');
    await signIn(portal);
    expect((await signedIn).session.contact.name).to.equal('Ada Lindqvist');
    const list = await listRows(portal);
    const header = inPortal(portal, '[part=header]')!;
    expect(visibleText(header)).to.contain('Ada Lindqvist');
    expect(inPortal(portal, '[part=sign-out]')!.textContent!.trim()).to.equal('Sign out');
    expect(inPortal(portal, '[part=new-ticket]')!.textContent).to.equal('File a support ticket');
    await expect(portal).to.be.accessible();

    list.shadowRoot!.querySelector<HTMLAnchorElement>('tr[data-ticket-id="1001"] a')!.click();
    const detail = await waitForSelector(portal, 'ticket-detail');
    expect(location.hash).to.equal('#/tickets/1001');
    await waitForText(detail, 'Invoices fail to export to PDF');
    await expect(portal).to.be.accessible();

    deepQuery<HTMLAnchorElement>(detail.shadowRoot!, 'a[part=back]')!.click();
    await listRows(portal);
    expect(location.hash).to.equal('#/');

    inPortal<HTMLAnchorElement>(portal, '[part=new-ticket]')!.click();
    await waitForSelector(portal, 'support-form');
    expect(location.hash).to.equal('#/new');

    history.back();
    await listRows(portal);
    expect(location.hash).to.equal('#/');

    const signedOut = nextEvent(portal, 'portal-signed-out');
    inPortal<HTMLButtonElement>(portal, '[part=sign-out]')!.click();
    await signedOut;
    await waitForSelector(portal, 'portal-login');
    expect(inPortal(portal, 'ticket-list')).to.equal(null);
    expect(await adapter.getSession()).to.equal(null);
  });

  it('opens a deep link after signing in', async () => {
    const portal = await portalOn(new MemoryAdapter(), '#/tickets/1005');
    await signIn(portal);
    const detail = await waitForSelector(portal, 'ticket-detail');
    await waitForText(detail, 'Request: export to SIE format');
  });

  it('follows the hash when it changes', async () => {
    const portal = await portalOn(new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email }));
    await listRows(portal);
    location.hash = '#/tickets/1002';
    const detail = await waitForSelector(portal, 'ticket-detail');
    await waitForText(detail, 'Two-factor codes arrive late');
  });

  it('routes with the History API under base-path', async () => {
    history.replaceState(null, '', '/support/tickets/1003');
    const portal = await fixture<CustomerPortal>(
      html`<customer-portal
        base-path="/support"
        .adapter=${new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email })}
      ></customer-portal>`,
    );
    const detail = await waitForSelector(portal, 'ticket-detail');
    await waitForText(detail, 'Change our billing address');
    expect(detail.getAttribute('back-href')).to.equal('/support/');
    deepQuery<HTMLAnchorElement>(detail.shadowRoot!, 'a[part=back]')!.click();
    const list = await listRows(portal);
    expect(location.pathname).to.equal('/support/');
    const link = list.shadowRoot!.querySelector('tr[data-ticket-id="1003"] a')!;
    expect(link.getAttribute('href')).to.equal('/support/tickets/1003');
    expect(inPortal(portal, '[part=new-ticket]')!.getAttribute('href')).to.equal('/support/new');
  });

  it('says when the portal is closed', async () => {
    const data = demoData();
    data.portal.enabled = false;
    const portal = await portalOn(new MemoryAdapter({ data }));
    await waitForText(portal, 'This portal is closed.');
    expect(deepQuery(portal.shadowRoot!, 'portal-login')).to.equal(null);
    await expect(portal).to.be.accessible();
  });

  it('shows a load failure with a Retry button that loads again', async () => {
    class FlakyAdapter extends MemoryAdapter {
      failures = 1;
      override async getPortal(): Promise<PortalConfig> {
        if (this.failures-- > 0) throw new PortalError('network', 'Failed to fetch');
        return super.getPortal();
      }
    }
    const portal = await portalOn(new FlakyAdapter());
    await waitForText(portal, 'No connection');
    await expect(portal).to.be.accessible();
    inPortal<HTMLButtonElement>(portal, '[role=alert] button')!.click();
    await waitForSelector(portal, 'portal-login');
  });

  it('asks to sign in again when the session has ended', async () => {
    const portal = await portalOn(new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email }));
    const list = await listRows(portal);
    list.dispatchEvent(new PortalErrorEvent(new PortalError('unauthenticated', 'Expired.')));
    await waitForSelector(portal, 'portal-login');
  });

  it('provides the adapter and config, so elements inside load the config only once', async () => {
    class CountingAdapter extends MemoryAdapter {
      portalLoads = 0;
      override getPortal(): Promise<PortalConfig> {
        this.portalLoads += 1;
        return super.getPortal();
      }
    }
    const adapter = new CountingAdapter({ signedInAs: DEMO_ACCOUNT.email });
    const portal = await portalOn(adapter);
    const list = await listRows(portal);
    expect(list.portalAdapter).to.equal(adapter);
    expect(adapter.portalLoads).to.equal(1);
  });
});
