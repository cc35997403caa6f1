import { MemoryAdapter } from '@kundportal/core';
import { DEMO_ACCOUNT, demoData } from '@kundportal/core/demo';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PortalLogin } from '../portal-login/portal-login.component.js';
import { visibleText, waitForSelector, waitForText } from '../shared/test-utils.js';
import type { TicketDetail } from '../ticket-detail/ticket-detail.component.js';
import type { TicketList } from '../ticket-list/ticket-list.component.js';
import '../ticket-detail/ticket-detail.js';
import './customer-portal.js';
import type { CustomerPortal } from './customer-portal.component.js';

const startUrl = location.href.split('#')[0]!;
const LOGO =
  'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="40" height="20"/%3E';
const FAVICON = 'https://support.example.com/favicon.png';

function brandedData() {
  const data = demoData();
  data.portal.title = 'Nordlys Support';
  data.portal.branding = { logoUrl: LOGO, faviconUrl: FAVICON, accentColor: '#2f5fd0' };
  data.portal.nav = [
    { label: 'Knowledge base', href: '/kb/' },
    { label: 'Status page', href: 'https://status.example.com/' },
    { label: 'Sneaky', href: 'javascript:alert(1)' },
  ];
  return data;
}

async function portalOn(
  adapter: MemoryAdapter,
  { hash = '#/', embedded = false } = {},
): Promise<CustomerPortal> {
  history.replaceState(null, '', `${startUrl}${hash}`);
  return fixture<CustomerPortal>(
    html`<customer-portal .adapter=${adapter} ?embedded=${embedded}></customer-portal>`,
  );
}

const signedIn = (data = brandedData()) =>
  new MemoryAdapter({ data, signedInAs: DEMO_ACCOUNT.email });

const part = <E extends Element = HTMLElement>(portal: CustomerPortal, name: string) =>
  portal.shadowRoot!.querySelector<E>(`[part~=${name}]`);

/** The element that has focus, looking into shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const ourIcons = () =>
  [...document.head.querySelectorAll<HTMLLinkElement>('link[rel=icon]')].filter(
    (link) => link.getAttribute('href') === FAVICON,
  );

/** `#rrggbb` as a computed style writes it. */
const rgbOf = (hex: string) =>
  `rgb(${[1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).join(', ')})`;

/** WCAG 2 contrast ratio of two computed `rgb()` colours. */
function contrastRatio(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, b] = rgb
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map((value) => {
        const c = Number(value) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

async function signInThrough(portal: CustomerPortal): Promise<void> {
  const login = await waitForSelector<PortalLogin>(portal, 'portal-login');
  await waitUntil(() => login.shadowRoot?.querySelector('#email'));
  login.shadowRoot!.querySelector<HTMLInputElement>('#email')!.value = DEMO_ACCOUNT.email;
  login.shadowRoot!.querySelector<HTMLInputElement>('#password')!.value = DEMO_ACCOUNT.password;
  login.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
}

describe('customer-portal on its page', () => {
  const pageTitle = document.title;
  afterEach(() => {
    document.title = pageTitle;
  });

  it('shows the logo named by the portal title, the title once, and the branded accent', async () => {
    const portal = await portalOn(signedIn());
    await waitForText(portal, 'Sign out');
    const logo = part<HTMLImageElement>(portal, 'logo')!;
    expect(logo.getAttribute('src')).to.equal(LOGO);
    expect(logo.alt).to.equal('Nordlys Support');
    expect(visibleText(part(portal, 'title')!)).to.equal('Nordlys Support');
    // The visible title repeats the logo's name: screen readers hear it once.
    expect(part(portal, 'title')!.querySelector('span')!.getAttribute('aria-hidden')).to.equal(
      'true',
    );
    const base = part(portal, 'base')!;
    expect(getComputedStyle(base).getPropertyValue('--_brand-accent').trim()).to.equal('#2f5fd0');
  });

  for (const accent of ['#ffd400', '#1a237e', '#0f766e']) {
    it(`keeps text on the brand colour ${accent} readable (contrast at least 4.5:1)`, async () => {
      const data = brandedData();
      data.portal.branding.accentColor = accent;
      const portal = await portalOn(signedIn(data));
      await waitForText(portal, 'Sign out');
      const button = getComputedStyle(part(portal, 'new-ticket')!);
      expect(button.backgroundColor).to.equal(rgbOf(accent));
      expect(contrastRatio(button.color, button.backgroundColor)).to.be.at.least(4.5);
    });
  }

  it('names the title with text alone when there is no logo', async () => {
    const data = brandedData();
    data.portal.branding.logoUrl = null;
    const portal = await portalOn(signedIn(data));
    await waitForText(portal, 'Sign out');
    expect(part(portal, 'logo')).to.equal(null);
    expect(part(portal, 'title')!.querySelector('[aria-hidden]')).to.equal(null);
  });

  it('shows the configured navigation, "File a support ticket" and the person with "Sign out"', async () => {
    const portal = await portalOn(signedIn());
    await waitForText(portal, 'Sign out');
    const links = [...part(portal, 'nav')!.querySelectorAll('a')].map((a) => [
      a.textContent!.trim(),
      a.getAttribute('href'),
    ]);
    expect(links).to.deep.equal([
      ['Knowledge base', '/kb/'],
      ['Status page', 'https://status.example.com/'],
      ['My tickets', '#/'],
      ['File a support ticket', '#/new'],
    ]);
    expect(part(portal, 'person')!.textContent).to.equal('Ada Lindqvist');
    expect(part(portal, 'sign-out')!.textContent!.trim()).to.equal('Sign out');
  });

  it('offers the site links before sign-in too', async () => {
    const portal = await portalOn(new MemoryAdapter({ data: brandedData() }));
    await waitForSelector(portal, 'portal-login');
    const links = [...portal.shadowRoot!.querySelectorAll('[part=site-link]')];
    expect(links.map((a) => a.textContent)).to.deep.equal(['Knowledge base', 'Status page']);
  });

  it('names the page after the view: list, ticket subject, new ticket, sign in', async () => {
    const adapter = signedIn();
    const portal = await portalOn(adapter);
    await waitUntil(() => document.title === 'My tickets – Nordlys Support', document.title);
    portal.navigate({ view: 'ticket', ticketId: '1001' });
    await waitUntil(
      () => document.title === 'Invoices fail to export to PDF – Nordlys Support',
      document.title,
    );
    portal.navigate({ view: 'new' });
    await waitUntil(
      () => document.title === 'File a support ticket – Nordlys Support',
      document.title,
    );
    part<HTMLButtonElement>(portal, 'sign-out')!.click();
    await waitUntil(() => document.title === 'Sign in – Nordlys Support', document.title);
    portal.remove();
    expect(document.title).to.equal(pageTitle);
  });

  it('leaves the page title and icon alone when embedded', async () => {
    const portal = await portalOn(signedIn(), { embedded: true });
    await waitForText(portal, 'Sign out');
    portal.navigate({ view: 'new' });
    await portal.updateComplete;
    expect(document.title).to.equal(pageTitle);
    expect(ourIcons()).to.have.length(0);
  });

  it("sets the branding's favicon while it owns the page, and takes it away when it leaves", async () => {
    const portal = await portalOn(signedIn());
    await waitForText(portal, 'Sign out');
    expect(ourIcons()).to.have.length(1);
    await portal.updateComplete;
    expect(ourIcons(), 'one icon however often it renders').to.have.length(1);
    portal.remove();
    expect(ourIcons()).to.have.length(0);
  });

  describe('focus', () => {
    it("moves focus to each new view's heading: list after sign-in, ticket, sign-in after sign-out", async () => {
      const portal = await portalOn(new MemoryAdapter({ data: brandedData() }));
      await signInThrough(portal);
      const list = await waitForSelector<TicketList>(portal, 'ticket-list');
      await waitUntil(() => focused() === list.shadowRoot!.querySelector('h2'), 'list heading');
      expect(focused()!.getAttribute('tabindex')).to.equal('-1');

      portal.navigate({ view: 'ticket', ticketId: '1001' });
      const detail = await waitForSelector<TicketDetail>(portal, 'ticket-detail');
      await waitUntil(() => focused()?.textContent === 'Invoices fail to export to PDF');
      expect(focused()!.getRootNode()).to.equal(detail.shadowRoot);

      part<HTMLButtonElement>(portal, 'sign-out')!.click();
      const login = await waitForSelector<PortalLogin>(portal, 'portal-login');
      await waitUntil(() => focused() === login.shadowRoot!.querySelector('h2'), 'sign-in heading');
    });

    it('does not move focus when the page opens, nor when the list is filtered', async () => {
      const portal = await portalOn(signedIn());
      const list = await waitForSelector<TicketList>(portal, 'ticket-list');
      await waitUntil(() => list.shadowRoot?.querySelector('tr[part=row]'));
      expect(focused()).to.equal(document.body);
      const filter = list.shadowRoot!.querySelector<HTMLSelectElement>('select[part=filter]')!;
      filter.focus();
      filter.value = 'closed';
      filter.dispatchEvent(new Event('change'));
      await waitUntil(() => list.getAttribute('status') === 'closed');
      await waitUntil(() => list.shadowRoot!.querySelector('[part=base][aria-busy=false]'));
      await portal.updateComplete;
      expect(focused()).to.equal(filter);
    });
  });
});
