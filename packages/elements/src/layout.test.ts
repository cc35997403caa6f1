import { MemoryAdapter } from '@kundportal/core';
import { DEMO_ACCOUNT, demoData } from '@kundportal/core/demo';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import './all.js';
import { waitForSelector, waitForText } from './shared/test-utils.js';
import type { TicketDetail } from './ticket-detail/ticket-detail.component.js';
import type { TicketList } from './ticket-list/ticket-list.component.js';

const startUrl = location.href.split('#')[0]!;

/** Demo data with the long words and names that break narrow layouts. */
function longWords(): MemoryAdapter {
  const data = demoData();
  data.portal.title = 'Nordlys Kundtjänst och Supportportal';
  const first = data.tickets[0]!;
  first.subject = 'Fakturaexportfunktionalitetsproblem_med_PDF-generering_och_bilagor';
  return new MemoryAdapter({ data, signedInAs: DEMO_ACCOUNT.email });
}

/** Every element below `root`, through shadow roots. */
function deepElements(root: ParentNode): Element[] {
  const found: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  if (root instanceof Element && root.shadowRoot) walk(root.shadowRoot);
  walk(root);
  return found;
}

/** Elements whose box reaches past the viewport's right edge (or left, for right to left). */
function overflowing(root: Element): string[] {
  const width = document.documentElement.clientWidth;
  return deepElements(root)
    .filter((el) => el.getClientRects().length > 0)
    .map((el) => ({ el, box: el.getBoundingClientRect() }))
    .filter(({ box }) => box.right > width + 0.5 || box.left < -0.5)
    .map(
      ({ el, box }) =>
        `<${el.localName} class="${el.getAttribute('class') ?? ''}"> ${box.left}..${box.right}`,
    );
}

const screens: { name: string; render: () => TemplateResult; shows: string }[] = [
  {
    name: 'the ticket list',
    render: () => html`<customer-portal .adapter=${longWords()}></customer-portal>`,
    shows: 'Fakturaexport',
  },
  {
    name: 'a ticket',
    render: () => html`<ticket-detail .adapter=${longWords()} ticket-id="1001"></ticket-detail>`,
    shows: 'Your reply',
  },
  {
    name: 'sign-in',
    render: () => html`<customer-portal .adapter=${new MemoryAdapter()}></customer-portal>`,
    shows: 'Forgot password?',
  },
  {
    name: 'the support form',
    render: () => html`<support-form .adapter=${longWords()}></support-form>`,
    shows: 'Subject',
  },
];

describe('layout', () => {
  before(() => {
    document.body.style.margin = '0';
  });
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ media: 'screen' });
  });

  for (const screen of screens) {
    it(`fits a 320 px phone without scrolling sideways: ${screen.name}`, async () => {
      await setViewport({ width: 320, height: 640 });
      history.replaceState(null, '', `${startUrl}#/`);
      const el = await fixture<HTMLElement>(screen.render());
      await waitForText(el, screen.shows);
      expect(overflowing(el)).to.deep.equal([]);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    });
  }

  it('stacks the rows into cards below 480 px, and keeps the table on a wide screen', async () => {
    const list = await fixture<TicketList>(
      html`<ticket-list
        .adapter=${new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email })}
      ></ticket-list>`,
    );
    await waitUntil(() => list.shadowRoot!.querySelector('tr[part=row]'));
    const row = () => list.shadowRoot!.querySelector<HTMLElement>('tr[part=row]')!;
    const cells = () => [...row().querySelectorAll('td')].map((td) => td.getBoundingClientRect());

    await setViewport({ width: 1280, height: 800 });
    const wide = cells();
    expect(new Set(wide.map((box) => Math.round(box.top))).size, 'one line').to.equal(1);

    await setViewport({ width: 400, height: 800 });
    await waitUntil(() => new Set(cells().map((box) => Math.round(box.top))).size > 1);
    const narrow = cells();
    // The subject comes first, the other cells below it, each labelled with its column.
    const subject = row().querySelector('td.subject')!.getBoundingClientRect();
    expect(Math.min(...narrow.map((box) => box.top))).to.equal(subject.top);
    const label = getComputedStyle(row().querySelector('td[data-label]')!, '::before').content;
    expect(label).to.contain('ID');
  });

  it('prints a ticket with its conversation, without the reply form, buttons or navigation', async () => {
    history.replaceState(null, '', `${startUrl}#/tickets/1001`);
    const portal = await fixture<HTMLElement>(
      html`<customer-portal
        .adapter=${new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email })}
      ></customer-portal>`,
    );
    const detail = await waitForSelector<TicketDetail>(portal, 'ticket-detail');
    await waitForText(detail, 'Your reply');
    const shown = (el: Element | null) => Boolean(el && el.getClientRects().length > 0);
    const inDetail = (selector: string) => detail.shadowRoot!.querySelector(selector);
    const inPortal = (selector: string) => portal.shadowRoot!.querySelector(selector);
    expect(shown(inDetail('[part=reply-form]'))).to.equal(true);

    await emulateMedia({ media: 'print' });
    expect(shown(inDetail('[part=reply-form]')), 'reply form').to.equal(false);
    expect(shown(inDetail('[part=back]')), 'back link').to.equal(false);
    expect(shown(inPortal('nav')), 'navigation').to.equal(false);
    expect(shown(inPortal('[part=sign-out]')), 'sign out').to.equal(false);
    const buttons = [...detail.shadowRoot!.querySelectorAll('button')].filter(shown);
    expect(buttons, 'buttons').to.deep.equal([]);
    const messages = [...detail.shadowRoot!.querySelectorAll('[part~=message]')];
    expect(messages.length).to.be.greaterThan(1);
    expect(messages.every(shown), 'every message').to.equal(true);
    expect(shown(inDetail('h2')), 'subject').to.equal(true);
    expect(shown(inPortal('[part=title]')), 'portal title').to.equal(true);
  });
});
