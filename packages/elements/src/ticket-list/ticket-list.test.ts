import { MemoryAdapter } from '@kundportal/core';
import { DEMO_ACCOUNT, demoData } from '@kundportal/core/demo';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../customer-portal/customer-portal.js';
import { nextEvent, visibleText, waitForSelector } from '../shared/test-utils.js';
import './ticket-list.js';
import type { TicketList } from './ticket-list.component.js';

const signedIn = (options = {}) =>
  new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email, ...options });

async function listOn(adapter: MemoryAdapter, pageSize = 25): Promise<TicketList> {
  const el = await fixture<TicketList>(
    html`<ticket-list .adapter=${adapter} page-size=${pageSize}></ticket-list>`,
  );
  await waitUntil(() => el.shadowRoot!.querySelector('table, [part=empty], [role=alert]'));
  return el;
}

const rowIds = (el: TicketList) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('tr[part=row]')].map((r) => r.dataset.ticketId);

describe('ticket-list', () => {
  it("shows Ada's five tickets under the default columns, never Björn's", async () => {
    const el = await listOn(signedIn());
    const headers = [...el.shadowRoot!.querySelectorAll('th')].map((th) => th.textContent?.trim());
    expect(headers).to.deep.equal(['ID', 'Subject', 'Created', 'Last activity', 'Status']);
    expect(rowIds(el)).to.have.members(['1001', '1002', '1003', '1004', '1005']);
    const text = visibleText(el);
    expect(text).to.contain('Invoices fail to export to PDF');
    expect(text).not.to.contain('Salary slips for Björn only');
    const row = (id: string) => el.shadowRoot!.querySelector(`tr[data-ticket-id="${id}"]`)!;
    expect(row('1001').querySelector('[part=status]')!.textContent).to.equal('Open');
    expect(row('1005').querySelector('[part=status]')!.textContent).to.equal('Closed');
    const time = row('1001').querySelector('time')!;
    expect(time.textContent).to.equal(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(time.dateTime),
      ),
    );
    await expect(el).to.be.accessible();
  });

  it('shows only closed tickets when filtered to Closed', async () => {
    const el = await listOn(signedIn());
    const select = el.shadowRoot!.querySelector('select')!;
    select.value = 'closed';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => rowIds(el).length === 2);
    expect(rowIds(el)).to.have.members(['1003', '1005']);
    expect(el.status).to.equal('closed');
    const statuses = [...el.shadowRoot!.querySelectorAll('[part=status]')].map(
      (s) => s.textContent,
    );
    expect(statuses).to.deep.equal(['Closed', 'Closed']);
  });

  it('fires a cancelable portal-ticket-open with the id when a subject is clicked', async () => {
    const el = await listOn(signedIn());
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>(
      'tr[data-ticket-id="1002"] a[part=link]',
    )!;
    expect(link.getAttribute('href')).to.equal('#/tickets/1002');
    el.addEventListener('portal-ticket-open', (event) => event.preventDefault());
    const opened = nextEvent(el, 'portal-ticket-open');
    const hashBefore = location.hash;
    link.click();
    const event = await opened;
    expect(event.ticketId).to.equal('1002');
    expect(event.cancelable && event.composed && event.bubbles).to.equal(true);
    expect(location.hash).to.equal(hashBefore);
  });

  it('says so when there are no tickets', async () => {
    const data = demoData();
    data.tickets = data.tickets.filter((t) => t.contactId !== 'p-ada');
    const el = await listOn(signedIn({ data }));
    expect(el.shadowRoot!.querySelector('[part=empty]')!.textContent).to.equal(
      'You have no tickets yet.',
    );
    await expect(el).to.be.accessible();
  });

  it('shows a network error with a Retry button', async () => {
    const el = await listOn(signedIn({ failWith: 'network' }));
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('No connection');
    expect(alert.querySelector('button')!.textContent).to.equal('Retry');
    await expect(el).to.be.accessible();
  });

  it('pages with "Load more"', async () => {
    const el = await listOn(signedIn(), 2);
    expect(rowIds(el)).to.have.length(2);
    const more = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=more]');
    more()!.click();
    await waitUntil(() => rowIds(el).length === 4);
    more()!.click();
    await waitUntil(() => rowIds(el).length === 5);
    await el.updateComplete;
    expect(more()).to.equal(null);
    expect(new Set(rowIds(el)).size).to.equal(5);
  });

  it('is busy while loading', async () => {
    const el = await fixture<TicketList>(
      html`<ticket-list .adapter=${signedIn({ delayMs: 100 })}></ticket-list>`,
    );
    expect(el.shadowRoot!.querySelector('[part=base]')!.getAttribute('aria-busy')).to.equal('true');
    expect(visibleText(el)).to.contain('Loading tickets');
  });

  it('gets its adapter from a customer-portal', async () => {
    history.replaceState(null, '', '#/');
    const portal = await fixture(html`<customer-portal .adapter=${signedIn()}></customer-portal>`);
    const list = await waitForSelector<TicketList>(portal, 'ticket-list');
    await waitUntil(() => rowIds(list).length === 5);
  });
});
