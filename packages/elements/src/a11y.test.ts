import { MemoryAdapter, type Message, type PortalEvent } from '@kundportal/core';
import { DEMO_ACCOUNT, demoData } from '@kundportal/core/demo';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import './all.js';
import { CustomerPortal } from './customer-portal/customer-portal.component.js';
import type { LoginView } from './portal-login/portal-login.component.js';
import {
  FakeClock,
  deepQuery,
  visibleText,
  waitForSelector,
  waitForText,
} from './shared/test-utils.js';
import type { TicketDetail } from './ticket-detail/ticket-detail.component.js';
import type { TicketList } from './ticket-list/ticket-list.component.js';

const startUrl = location.href.split('#')[0]!;
/** Long enough that a loading state stays for the whole test. */
const FOREVER_MS = 1e9;

const signedIn = () => new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email });
const loading = () => new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email, delayMs: FOREVER_MS });
const failing = () => new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email, failWith: 'server' });
const signedOut = () => new MemoryAdapter();

function noTickets(): MemoryAdapter {
  const data = demoData();
  data.tickets = [];
  return new MemoryAdapter({ data, signedInAs: DEMO_ACCOUNT.email });
}

function closedPortal(): MemoryAdapter {
  const data = demoData();
  data.portal.enabled = false;
  return new MemoryAdapter({ data });
}

function withRegistrationConsent(): MemoryAdapter {
  const data = demoData();
  data.portal.consent = {
    text: 'We keep your tickets as our [privacy notice](https://example.com/privacy) says.',
    checkboxLabel: 'I agree',
    version: '1',
  };
  return new MemoryAdapter({ data });
}

/** Signed in to a portal whose branding sets `accentColor`. */
function branded(accentColor: string): MemoryAdapter {
  const data = demoData();
  data.portal.branding.accentColor = accentColor;
  return new MemoryAdapter({ data, signedInAs: DEMO_ACCOUNT.email });
}

/** The element that has focus, looking into shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Every element matching `selector` below `root`, through shadow roots. */
function deepQueryAll(root: ParentNode, selector: string): Element[] {
  const found = [...root.querySelectorAll(selector)];
  if (root instanceof Element && root.shadowRoot) {
    found.push(...deepQueryAll(root.shadowRoot, selector));
  }
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) found.push(...deepQueryAll(el.shadowRoot, selector));
  }
  return found;
}

type Scheme = 'light' | 'dark';

/** A page in that colour scheme, as a site owner's page would set it. */
function usePageScheme(scheme: Scheme): void {
  const dark = scheme === 'dark';
  document.documentElement.style.colorScheme = scheme;
  document.body.style.background = dark ? '#14171c' : '#ffffff';
  document.body.style.color = dark ? '#e6e8eb' : '#1b1f24';
}

interface State {
  name: string;
  render: () => TemplateResult;
  /** Text on screen once the state is showing. */
  shows: string;
}

const loginViews: [LoginView, string][] = [
  ['sign-in', 'Forgot password?'],
  ['register', 'Create account'],
  ['check-email', 'Check your email'],
  ['forgot-password', 'Reset your password'],
  ['reset-link-sent', 'Check your email'],
  ['reset-password', 'Choose a new password'],
  ['invitation', 'Set your password'],
  ['sign-in-link', 'Sign in with a link'],
  ['sign-in-link-sent', 'Check your email'],
  ['verify', 'This link has expired'],
  ['sign-in-with-link', 'This link has expired'],
  ['access-denied', 'You don’t have access to this portal'],
  ['sso-error', 'Single sign-on did not work'],
];

const states: State[] = [
  {
    name: 'customer-portal loading',
    render: () => html`<customer-portal .adapter=${loading()}></customer-portal>`,
    shows: 'Loading…',
  },
  {
    name: 'customer-portal closed',
    render: () => html`<customer-portal .adapter=${closedPortal()}></customer-portal>`,
    shows: 'This support portal is closed.',
  },
  {
    name: 'customer-portal error',
    render: () => html`<customer-portal .adapter=${failing()}></customer-portal>`,
    shows: 'Something went wrong',
  },
  {
    name: 'customer-portal signed out',
    render: () => html`<customer-portal .adapter=${signedOut()}></customer-portal>`,
    shows: 'Forgot password?',
  },
  {
    name: 'customer-portal filled',
    render: () => html`<customer-portal .adapter=${signedIn()}></customer-portal>`,
    shows: 'Invoices fail to export to PDF',
  },
  ...loginViews.map(([view, shows]) => ({
    name: `portal-login ${view}`,
    render: () =>
      html`<portal-login .adapter=${withRegistrationConsent()} view=${view}></portal-login>`,
    shows,
  })),
  {
    name: 'portal-login access denied for a refused SSO token',
    render: () =>
      html`<portal-login .adapter=${signedOut()} view="sso" .token=${'bad'}></portal-login>`,
    shows: 'You don’t have access to this portal',
  },
  {
    name: 'ticket-list loading',
    render: () => html`<ticket-list .adapter=${loading()}></ticket-list>`,
    shows: 'Loading tickets…',
  },
  {
    name: 'ticket-list empty',
    render: () => html`<ticket-list .adapter=${noTickets()}></ticket-list>`,
    shows: 'You have no tickets yet.',
  },
  {
    name: 'ticket-list no match',
    render: () => html`<ticket-list .adapter=${signedIn()} q="zebra"></ticket-list>`,
    shows: 'Clear search',
  },
  {
    name: 'ticket-list error',
    render: () => html`<ticket-list .adapter=${failing()}></ticket-list>`,
    shows: 'Something went wrong',
  },
  {
    name: 'ticket-list filled',
    render: () => html`<ticket-list .adapter=${signedIn()}></ticket-list>`,
    shows: 'Invoices fail to export to PDF',
  },
  {
    name: 'ticket-detail loading',
    render: () => html`<ticket-detail .adapter=${loading()} ticket-id="1001"></ticket-detail>`,
    shows: 'Loading ticket…',
  },
  {
    name: 'ticket-detail open ticket',
    render: () => html`<ticket-detail .adapter=${signedIn()} ticket-id="1001"></ticket-detail>`,
    shows: 'Your reply',
  },
  {
    name: 'ticket-detail closed ticket',
    render: () => html`<ticket-detail .adapter=${signedIn()} ticket-id="1005"></ticket-detail>`,
    shows: 'This ticket is closed.',
  },
  {
    name: 'ticket-detail not found',
    render: () => html`<ticket-detail .adapter=${signedIn()} ticket-id="1006"></ticket-detail>`,
    shows: 'does not exist',
  },
  {
    name: 'ticket-detail error',
    render: () => html`<ticket-detail .adapter=${failing()} ticket-id="1001"></ticket-detail>`,
    shows: 'Something went wrong',
  },
  {
    name: 'support-form loading',
    render: () => html`<support-form .adapter=${loading()}></support-form>`,
    shows: 'Loading',
  },
  {
    name: 'support-form filled',
    render: () => html`<support-form .adapter=${signedIn()}></support-form>`,
    shows: 'Subject',
  },
  {
    name: 'kb-portal-link',
    render: () => html`<kb-portal-link .adapter=${signedIn()} href="#/"></kb-portal-link>`,
    shows: 'Nordlys Support',
  },
  {
    name: 'kb-portal-link with the count of tickets awaiting a reply',
    render: () =>
      html`<kb-portal-link .adapter=${signedIn()} href="#/" show-count></kb-portal-link>`,
    shows: 'awaiting your reply',
  },
  {
    name: 'customer-portal filled, on a light brand colour',
    render: () => html`<customer-portal .adapter=${branded('#ffd400')}></customer-portal>`,
    shows: 'Invoices fail to export to PDF',
  },
];

describe('accessibility (axe, WCAG 2.2 AA)', () => {
  afterEach(() => usePageScheme('light'));

  for (const scheme of ['light', 'dark'] as const) {
    describe(`on a ${scheme} page`, () => {
      beforeEach(() => {
        history.replaceState(null, '', `${startUrl}#/`);
        usePageScheme(scheme);
      });

      for (const state of states) {
        it(state.name, async () => {
          const el = await fixture(state.render());
          await waitForText(el, state.shows);
          await expect(el).to.be.accessible();
        });
      }
    });
  }
});

/** A portal whose idle clock moves only when told to. */
class ClockedPortal extends CustomerPortal {
  readonly clock = new FakeClock();
  protected override now(): number {
    return this.clock.now;
  }
  protected override setTimer(callback: () => void, ms: number): () => void {
    return this.clock.setTimer(callback, ms);
  }
}
customElements.define('a11y-clocked-portal', ClockedPortal);

describe('idle warning dialog', () => {
  afterEach(() => usePageScheme('light'));

  async function idlePortal(): Promise<ClockedPortal> {
    history.replaceState(null, '', `${startUrl}#/`);
    const portal = await fixture<ClockedPortal>(
      html`<a11y-clocked-portal .adapter=${signedIn()}></a11y-clocked-portal>`,
    );
    const list = await waitForSelector<TicketList>(portal, 'ticket-list');
    await waitUntil(() => list.shadowRoot?.querySelector('tr[part=row]'));
    return portal;
  }

  async function warn(portal: ClockedPortal): Promise<HTMLDialogElement> {
    portal.clock.advance(29 * 60_000);
    await portal.updateComplete;
    const dialog = portal.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    return dialog;
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`passes an audit on a ${scheme} page`, async () => {
      usePageScheme(scheme);
      const portal = await idlePortal();
      await warn(portal);
      await expect(portal).to.be.accessible();
    });
  }

  it('keeps focus inside while open and gives it back on close', async () => {
    const portal = await idlePortal();
    const link = portal.shadowRoot!.querySelector<HTMLAnchorElement>('[part=new-ticket]')!;
    link.focus();
    const dialog = await warn(portal);
    expect(dialog.contains(focused())).to.equal(true);
    for (let i = 0; i < 4; i += 1) {
      await sendKeys({ press: 'Tab' });
      const now = focused();
      // The page behind is inert: focus is in the dialog or has left the page, never behind it.
      expect(now === null || now === document.body || dialog.contains(now), `Tab ${i}`).to.equal(
        true,
      );
    }
    dialog.querySelector<HTMLButtonElement>('[part=stay-signed-in]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !dialog.open);
    await waitUntil(() => focused() === link, `focus went to ${focused()?.outerHTML}`);
  });
});

describe('live regions', () => {
  it('announce loading', async () => {
    const list = await fixture<TicketList>(html`<ticket-list .adapter=${loading()}></ticket-list>`);
    await waitForText(list, 'Loading tickets…');
    const status = deepQuery(list.shadowRoot!, '[role=status].muted')!;
    expect(status.textContent!.trim()).to.equal('Loading tickets…');
  });

  it('announce errors', async () => {
    const list = await fixture<TicketList>(html`<ticket-list .adapter=${failing()}></ticket-list>`);
    await waitForText(list, 'Something went wrong');
    expect(list.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(
      'Something went wrong',
    );
  });

  it("announce a new message from the support team, and the customer's own reply", async () => {
    class Pushing extends MemoryAdapter {
      readonly listeners = new Set<(event: PortalEvent) => void>();
      override subscribe(listener: (event: PortalEvent) => void): () => void {
        this.listeners.add(listener);
        const stop = super.subscribe(listener);
        return () => {
          this.listeners.delete(listener);
          stop();
        };
      }
    }
    const adapter = new Pushing({ signedInAs: DEMO_ACCOUNT.email });
    const detail = await fixture<TicketDetail>(
      html`<ticket-detail .adapter=${adapter} ticket-id="1001"></ticket-detail>`,
    );
    await waitForText(detail, 'Your reply');
    const live = () =>
      [...detail.shadowRoot!.querySelectorAll('[role=status]')].map((n) => n.textContent!.trim());
    const message: Message = {
      id: 'm-live',
      ticketId: '1001',
      author: { kind: 'agent', name: 'Maja Berg' },
      text: 'We found the cause.',
      createdAt: new Date().toISOString(),
      attachments: [],
    };
    for (const listener of adapter.listeners) listener({ type: 'message', message });
    await detail.updateComplete;
    expect(live()).to.include('New message from Maja Berg.');
    expect(visibleText(detail)).to.contain('We found the cause.');

    const textarea = detail.shadowRoot!.querySelector('textarea')!;
    textarea.value = 'Thanks!';
    textarea.dispatchEvent(new Event('input'));
    detail.shadowRoot!.querySelector<HTMLButtonElement>('[part=send]')!.click();
    await waitUntil(() => live().includes('Your reply was sent.'));
  });
});

describe('keyboard alone', () => {
  async function tabTo(predicate: (el: Element | null) => boolean, limit = 40): Promise<void> {
    for (let i = 0; i < limit; i += 1) {
      if (predicate(focused())) return;
      await sendKeys({ press: 'Tab' });
    }
    throw new Error(`Tabbing never reached it; focus is on ${focused()?.outerHTML}`);
  }

  it('signs in, opens a ticket and replies', async () => {
    history.replaceState(null, '', `${startUrl}#/`);
    const adapter = signedOut();
    const portal = await fixture<CustomerPortal>(
      html`<customer-portal .adapter=${adapter}></customer-portal>`,
    );
    await waitForText(portal, 'Forgot password?');

    await tabTo((el) => el?.id === 'email');
    await sendKeys({ type: DEMO_ACCOUNT.email });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: DEMO_ACCOUNT.password });
    await sendKeys({ press: 'Enter' });
    const list = await waitForSelector<TicketList>(portal, 'ticket-list');
    await waitUntil(() => list.shadowRoot?.querySelector('tr[part=row]'));
    expect((await adapter.getSession())?.contact.email).to.equal(DEMO_ACCOUNT.email);
    await tabTo((el) => el?.textContent === 'Invoices fail to export to PDF');
    await sendKeys({ press: 'Enter' });
    const detail = await waitForSelector<TicketDetail>(portal, 'ticket-detail');
    await waitForText(detail, 'Your reply');

    await tabTo((el) => el?.id === 'reply');
    await sendKeys({ type: 'Sent by keyboard alone.' });
    await tabTo((el) => el?.getAttribute('part') === 'send');
    await sendKeys({ press: 'Enter' });
    await waitForText(detail, 'Your reply was sent.');
    const messages = await adapter.listMessages('1001');
    expect(messages.at(-1)!.text).to.equal('Sent by keyboard alone.');
  });
});

describe('touch targets', () => {
  /** A link or button inside a sentence: exempt from the size rule (WCAG 2.5.8, inline). */
  function inSentence(el: Element): boolean {
    const parent = el.parentElement;
    if (!parent || parent.localName !== 'p') return false;
    return [...parent.childNodes].some(
      (node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim(),
    );
  }

  const screens: State[] = [
    states.find((s) => s.name === 'customer-portal filled')!,
    ...states.filter((s) => s.name.startsWith('portal-login')),
    states.find((s) => s.name === 'ticket-list filled')!,
    states.find((s) => s.name === 'ticket-list no match')!,
    states.find((s) => s.name === 'ticket-detail open ticket')!,
    states.find((s) => s.name === 'support-form filled')!,
  ];

  for (const screen of screens) {
    it(`are at least 24 by 24 pixels: ${screen.name}`, async () => {
      history.replaceState(null, '', `${startUrl}#/`);
      const el = await fixture(screen.render());
      await waitForText(el, screen.shows);
      const targets = deepQueryAll(el, 'a[href], button, select, input:not([type=file])').filter(
        (target) => target.getClientRects().length > 0 && !inSentence(target),
      );
      expect(targets.length).to.be.greaterThan(0);
      const small = targets
        .map((target) => ({ target, box: target.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 24 || box.height < 24)
        .map(
          ({ target, box }) =>
            `${target.localName} "${target.textContent!.trim()}" ${box.width}x${box.height}`,
        );
      expect(small).to.deep.equal([]);
    });
  }
});
