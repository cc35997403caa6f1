import { MemoryAdapter, PortalError, type PortalConfig, type Session } from '@kundportal/core';
import { DEMO_ACCOUNT, demoData } from '@kundportal/core/demo';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PortalLogin } from '../portal-login/portal-login.component.js';
import { PortalErrorEvent } from '../shared/events.js';
import {
  FakeClock,
  deepQuery,
  nextEvent,
  visibleText,
  waitForSelector,
  waitForText,
} from '../shared/test-utils.js';
import type { TicketList } from '../ticket-list/ticket-list.component.js';
import './customer-portal.js';
import { CustomerPortal, idleWarningDelay } from './customer-portal.component.js';

const startUrl = location.href.split('#')[0]!;

async function portalOn(adapter: MemoryAdapter, hash = '#/'): Promise<CustomerPortal> {
  history.replaceState(null, '', `${startUrl}${hash}`);
  return fixture<CustomerPortal>(html`<customer-portal .adapter=${adapter}></customer-portal>`);
}

async function loginIn(portal: CustomerPortal): Promise<PortalLogin> {
  const login = await waitForSelector<PortalLogin>(portal, 'portal-login');
  await waitUntil(() => login.shadowRoot!.querySelector('h2'));
  return login;
}

/** The heading of the portal-login view on screen, if any. */
const loginHeading = (portal: CustomerPortal) =>
  deepQuery(portal.shadowRoot!, 'portal-login')
    ?.shadowRoot?.querySelector('h2')
    ?.textContent?.trim();

async function signIn(portal: CustomerPortal): Promise<void> {
  const login = await waitForSelector<PortalLogin>(portal, 'portal-login');
  // Its module loads when the portal first shows it: no shadow root until it is defined.
  await customElements.whenDefined('portal-login');
  await login.updateComplete;
  login.shadowRoot!.querySelector<HTMLInputElement>('#email')!.value = DEMO_ACCOUNT.email;
  login.shadowRoot!.querySelector<HTMLInputElement>('#password')!.value = DEMO_ACCOUNT.password;
  login.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
}

const inPortal = <E extends HTMLElement>(portal: CustomerPortal, selector: string) =>
  portal.shadowRoot!.querySelector<E>(selector);

async function listRows(portal: CustomerPortal): Promise<TicketList> {
  const list = await waitForSelector<TicketList>(portal, 'ticket-list');
  // Its module loads when the portal first shows it: no shadow root until then.
  await waitUntil(() => (list.shadowRoot?.querySelectorAll('tr[part=row]').length ?? 0) > 0);
  return list;
}

const rowIds = (list: TicketList) =>
  [...list.shadowRoot!.querySelectorAll<HTMLElement>('tr[part=row]')].map(
    (r) => r.dataset.ticketId,
  );

function chooseStatus(list: TicketList, status: string): void {
  const select = list.shadowRoot!.querySelector<HTMLSelectElement>('select[part=filter]')!;
  select.value = status;
  select.dispatchEvent(new Event('change'));
}

/** Types into the list's search box and presses Enter, which searches at once. */
function searchFor(list: TicketList, text: string): void {
  list.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!.value = text;
  list.shadowRoot!.querySelector<HTMLFormElement>('form[part=search]')!.requestSubmit();
}

async function go(move: () => void): Promise<void> {
  const moved = new Promise((resolve) =>
    window.addEventListener('popstate', resolve, { once: true }),
  );
  move();
  await moved;
}

function storeDrafts(): void {
  localStorage.setItem('kundportal:draft:1001', '{"text":"Mine","idempotencyKey":"k1"}');
  localStorage.setItem('kundportal:draft:1002', '{"text":"Also","idempotencyKey":"k2"}');
  localStorage.setItem('someone-else', 'kept');
}

function storedDrafts(): string[] {
  return Object.keys(localStorage).filter((key) => key.startsWith('kundportal:draft:'));
}

describe('customer-portal', () => {
  afterEach(() => {
    history.replaceState(null, '', startUrl);
    localStorage.clear();
  });

  it("keeps the list's filter and search in the route; back and forward restore them", async () => {
    const portal = await portalOn(new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email }));
    const list = await listRows(portal);
    const entries = history.length;
    chooseStatus(list, 'closed');
    await waitUntil(() => location.hash === '#/?status=closed');
    expect(history.length).to.equal(entries + 1);
    searchFor(list, 'export');
    await waitUntil(() => location.hash === '#/?status=closed&q=export');
    expect(history.length, 'a search refines the entry').to.equal(entries + 1);
    await waitUntil(() => rowIds(list).join() === '1005');

    await go(() => history.back());
    await waitUntil(() => rowIds(list).length === 5);
    expect([list.status, list.q]).to.deep.equal(['all', '']);
    await go(() => history.forward());
    await waitUntil(() => rowIds(list).join() === '1005');
    expect(list.getAttribute('status')).to.equal('closed');
    expect(list.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!.value).to.equal(
      'export',
    );
  });

  it('opens the list in the state its URL names', async () => {
    const portal = await portalOn(
      new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email }),
      '#/?status=open&sort=createdAt',
    );
    const list = await listRows(portal);
    await waitUntil(() => rowIds(list).join() === '1001,1004,1002');
    expect(list.sort).to.equal('createdAt');
  });

  it('keeps the list state in the query under base-path', async () => {
    history.replaceState(null, '', '/support/?status=closed');
    const portal = await fixture<CustomerPortal>(
      html`<customer-portal
        base-path="/support"
        .adapter=${new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email })}
      ></customer-portal>`,
    );
    const list = await listRows(portal);
    await waitUntil(() => rowIds(list).length === 2);
    chooseStatus(list, 'open');
    await waitUntil(() => location.search === '?status=open');
    expect(location.pathname).to.equal('/support/');
    await go(() => history.back());
    await waitUntil(() => list.status === 'closed');
  });

  it('forgets every reply draft on signing out, and nothing else', async () => {
    const portal = await portalOn(new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email }));
    await listRows(portal);
    storeDrafts();
    const signedOut = nextEvent(portal, 'portal-signed-out');
    inPortal<HTMLButtonElement>(portal, '[part=sign-out]')!.click();
    await signedOut;
    expect(storedDrafts()).to.deep.equal([]);
    expect(localStorage.getItem('someone-else')).to.equal('kept');
  });

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
    await waitForText(portal, 'This support portal is closed.');
    expect(deepQuery(portal.shadowRoot!, 'portal-login')).to.equal(null);
    await expect(portal).to.be.accessible();
  });

  it('says the portal is closed when it answers unavailable', async () => {
    class Unavailable extends MemoryAdapter {
      override async getPortal(): Promise<PortalConfig> {
        throw new PortalError('unavailable', 'Closed.');
      }
    }
    const portal = await portalOn(new Unavailable());
    await waitForText(portal, 'This support portal is closed.');
    expect(inPortal(portal, '[role=alert]')).to.equal(null);
  });

  it('says a passing outage is one, with Retry, rather than calling the portal closed', async () => {
    class Outage extends MemoryAdapter {
      failures = 1;
      override async getPortal(): Promise<PortalConfig> {
        if (this.failures-- > 0) throw new PortalError('unavailable', 'Database away.', {}, 5);
        return super.getPortal();
      }
    }
    const portal = await portalOn(new Outage());
    await waitForText(portal, 'The portal is unavailable right now.');
    expect(visibleText(portal)).not.to.contain('This support portal is closed.');
    inPortal<HTMLButtonElement>(portal, '[role=alert] button')!.click();
    await waitForSelector(portal, 'portal-login');
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

  it('keeps text on the brand accent readable on a dark page', async function () {
    // axe over the whole signed-in portal takes a few seconds on a busy machine.
    this.timeout(20_000);
    const data = demoData();
    data.portal.branding.accentColor = '#2f5fd0';
    const adapter = new MemoryAdapter({ data, signedInAs: DEMO_ACCOUNT.email });
    history.replaceState(null, '', `${startUrl}#/`);
    const page = await fixture<HTMLElement>(html`
      <div style="color-scheme: dark; background: #151821; color: #e8eaf0">
        <customer-portal .adapter=${adapter}></customer-portal>
      </div>
    `);
    const portal = page.querySelector<CustomerPortal>('customer-portal')!;
    await listRows(portal);
    const button = inPortal<HTMLElement>(portal, '[part=new-ticket]')!;
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(47, 95, 208)');
    expect(getComputedStyle(button).color).to.equal('rgb(255, 255, 255)');
    await expect(page).to.be.accessible();
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

  describe('emailed links', () => {
    it('registers, then signs in from the verification link and cleans the URL', async () => {
      const adapter = new MemoryAdapter();
      const portal = await portalOn(adapter);
      const login = await loginIn(portal);
      const find = (selector: string) =>
        login.shadowRoot!.querySelector<HTMLInputElement>(selector)!;
      [...login.shadowRoot!.querySelectorAll('button')]
        .find((b) => b.textContent!.trim() === 'Create an account')!
        .click();
      await waitUntil(() => find('#name'));
      find('#name').value = 'Greta Holm';
      find('#email').value = 'greta@example.com';
      find('#password').value = 'a-long-passphrase';
      find('#consent').click();
      find('button[type=submit]').click();
      await waitForText(login, 'We sent a link to greta@example.com');
      const mail = adapter.outbox[0]!;
      expect(mail).to.include({ to: 'greta@example.com', purpose: 'verify' });

      const historyLength = history.length;
      const signedIn = nextEvent(portal, 'portal-signed-in');
      location.hash = `#/verify/${mail.token}`;
      expect((await signedIn).session.contact.name).to.equal('Greta Holm');
      await waitForSelector(portal, 'ticket-list');
      expect(location.hash).to.equal('#/');
      expect(location.href).not.to.contain(mail.token);
      expect(history.length).to.equal(historyLength + 1);
    });

    it('opens the reset view from a reset link on load', async () => {
      const adapter = new MemoryAdapter();
      await adapter.requestPasswordReset(DEMO_ACCOUNT.email);
      const portal = await portalOn(adapter, `#/reset/${adapter.outbox[0]!.token}`);
      const login = await loginIn(portal);
      expect(login.view).to.equal('reset-password');
      await expect(portal).to.be.accessible();
      for (const id of ['#password', '#confirm']) {
        login.shadowRoot!.querySelector<HTMLInputElement>(id)!.value = 'brand-new-password';
      }
      login.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
      await listRows(portal);
      expect(location.hash).to.equal('#/');
    });

    it('reads emailed links from the hash under base-path too', async () => {
      const adapter = new MemoryAdapter();
      await adapter.requestSignInLink(DEMO_ACCOUNT.email);
      history.replaceState(null, '', `/support/#/sign-in/${adapter.outbox[0]!.token}`);
      const portal = await fixture<CustomerPortal>(
        html`<customer-portal base-path="/support" .adapter=${adapter}></customer-portal>`,
      );
      await listRows(portal);
      expect(location.pathname + location.hash).to.equal('/support/');
    });

    it('shows the access-denied and SSO-error pages the server redirects to', async () => {
      const portal = await portalOn(new MemoryAdapter(), '#/access-denied');
      await waitUntil(() => loginHeading(portal) === 'You don’t have access to this portal');
      await expect(portal).to.be.accessible();
      location.hash = '#/sso-error';
      await waitUntil(() => loginHeading(portal) === 'Single sign-on did not work');
    });
  });

  describe('sso-token', () => {
    const ssoSession: Session = {
      contact: { id: 'p-sso', email: 'sso@example.com', name: 'Sam Sso', companyId: null },
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    };

    class SsoAdapter extends MemoryAdapter {
      exchanged: string[] = [];
      constructor(readonly accept: boolean) {
        super();
      }
      override async exchangeSsoToken(token: string): Promise<Session> {
        this.exchanged.push(token);
        if (!this.accept) throw new PortalError('forbidden', 'Not on the list.');
        return ssoSession;
      }
      override async listTickets() {
        return { items: [], nextCursor: null };
      }
    }

    it('exchanges the token once and signs in', async () => {
      const adapter = new SsoAdapter(true);
      history.replaceState(null, '', `${startUrl}#/`);
      const portal = await fixture<CustomerPortal>(
        html`<customer-portal
          .adapter=${adapter}
          .ssoToken=${'signed.jwt.token'}
        ></customer-portal>`,
      );
      await waitForSelector(portal, 'ticket-list');
      expect(visibleText(inPortal(portal, '[part=header]')!)).to.contain('Sam Sso');
      portal.requestUpdate();
      await portal.updateComplete;
      expect(adapter.exchanged).to.deep.equal(['signed.jwt.token']);
    });

    it('shows the access-denied page when the token is refused', async () => {
      const adapter = new SsoAdapter(false);
      const portal = await portalOn(adapter);
      portal.ssoToken = 'refused.jwt';
      await waitUntil(() => loginHeading(portal) === 'You don’t have access to this portal');
      expect(adapter.exchanged).to.deep.equal(['refused.jwt']);
    });
  });

  describe('idle timeout', () => {
    class ClockedPortal extends CustomerPortal {
      readonly clock = new FakeClock();
      protected override now(): number {
        return this.clock.now;
      }
      protected override setTimer(callback: () => void, ms: number): () => void {
        return this.clock.setTimer(callback, ms);
      }
    }
    customElements.define('clocked-portal', ClockedPortal);

    class CountingSessions extends MemoryAdapter {
      sessionChecks = 0;
      override getSession(): Promise<Session | null> {
        this.sessionChecks += 1;
        return super.getSession();
      }
    }

    const MINUTE = 60_000;

    async function idlePortal(adapter: MemoryAdapter): Promise<ClockedPortal> {
      history.replaceState(null, '', `${startUrl}#/`);
      const portal = await fixture<ClockedPortal>(
        html`<clocked-portal .adapter=${adapter}></clocked-portal>`,
      );
      await listRows(portal);
      return portal;
    }

    const dialog = (portal: CustomerPortal) => inPortal<HTMLDialogElement>(portal, 'dialog');

    async function advance(portal: ClockedPortal, ms: number): Promise<void> {
      portal.clock.advance(ms);
      await portal.updateComplete;
    }

    it('warns a minute early, or at 80% of short timeouts', () => {
      expect(idleWarningDelay(30 * MINUTE)).to.equal(29 * MINUTE);
      expect(idleWarningDelay(2 * MINUTE)).to.equal(1.6 * MINUTE);
    });

    it('warns before the timeout; "Stay signed in" refreshes the session and starts again', async () => {
      const adapter = new CountingSessions({ signedInAs: DEMO_ACCOUNT.email });
      const portal = await idlePortal(adapter);
      const signOut = inPortal<HTMLButtonElement>(portal, '[part=sign-out]')!;
      signOut.focus();
      await advance(portal, 29 * MINUTE - 1);
      expect(dialog(portal)!.open).to.equal(false);
      await advance(portal, 1);
      expect(dialog(portal)!.open).to.equal(true);
      expect(visibleText(dialog(portal)!)).to.contain('You will be signed out in 1:00');
      await advance(portal, 1000);
      expect(inPortal(portal, '[part=countdown]')!.textContent).to.equal('0:59');
      expect(inPortal(portal, '#idle-countdown')!.getAttribute('role')).to.equal('timer');
      expect(portal.shadowRoot!.activeElement).to.equal(inPortal(portal, '[part=stay-signed-in]'));
      await expect(portal).to.be.accessible();

      const checks = adapter.sessionChecks;
      inPortal<HTMLButtonElement>(portal, '[part=stay-signed-in]')!.click();
      await waitUntil(() => !dialog(portal)!.open, 'The dialog stayed open');
      expect(adapter.sessionChecks).to.equal(checks + 1);
      expect(portal.shadowRoot!.activeElement).to.equal(signOut);
      expect(await adapter.getSession()).not.to.equal(null);

      await advance(portal, 29 * MINUTE - 1);
      expect(dialog(portal)!.open).to.equal(false);
      await advance(portal, 1);
      expect(dialog(portal)!.open).to.equal(true);
    });

    it('counts activity in the portal as presence', async () => {
      const portal = await idlePortal(new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email }));
      await advance(portal, 20 * MINUTE);
      inPortal(portal, '[part=header]')!.dispatchEvent(
        new KeyboardEvent('keydown', { bubbles: true, composed: true }),
      );
      await advance(portal, 20 * MINUTE);
      expect(dialog(portal)!.open).to.equal(false);
      await advance(portal, 9 * MINUTE);
      expect(dialog(portal)!.open).to.equal(true);
    });

    it('signs out when the time passes and says why', async () => {
      const adapter = new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email });
      const portal = await idlePortal(adapter);
      storeDrafts();
      const signedOut = nextEvent(portal, 'portal-signed-out');
      await advance(portal, 29 * MINUTE);
      await advance(portal, MINUTE);
      await signedOut;
      expect(storedDrafts()).to.deep.equal([]);
      await loginIn(portal);
      const notice = inPortal(portal, '[part=notice]')!;
      expect(notice.textContent).to.equal('You were signed out after 30 minutes without activity.');
      expect(notice.getAttribute('role')).to.equal('status');
      expect(portal.shadowRoot!.activeElement).to.equal(notice);
      expect(await adapter.getSession()).to.equal(null);
      await expect(portal).to.be.accessible();
    });
  });
});
