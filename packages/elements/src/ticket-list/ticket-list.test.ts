import {
  MemoryAdapter,
  type Page,
  type PortalEvent,
  type Ticket,
  type TicketQuery,
} from '@kundportal/core';
import { DEMO_ACCOUNT, demoData, type SeedTicket } from '@kundportal/core/demo';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { sendKeys } from '@web/test-runner-commands';
import '../customer-portal/customer-portal.js';
import { formatDateTime } from '../shared/format.js';
import { nextEvent, visibleText, waitForSelector } from '../shared/test-utils.js';
import './ticket-list.js';
import type { TicketList } from './ticket-list.component.js';

const signedIn = (options = {}) =>
  new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email, ...options });

/** Remembers every query the list sent. */
class RecordingAdapter extends MemoryAdapter {
  readonly queries: TicketQuery[] = [];

  constructor(options = {}) {
    super({ signedInAs: DEMO_ACCOUNT.email, ...options });
  }

  override listTickets(query?: TicketQuery): Promise<Page<Ticket>> {
    this.queries.push({ ...query });
    return super.listTickets(query);
  }
}

/** Pushes events as a server would, e.g. an agent moving a ticket to another stage. */
class LiveAdapter extends MemoryAdapter {
  readonly #listeners = new Set<(event: PortalEvent) => void>();

  constructor() {
    super({ signedInAs: DEMO_ACCOUNT.email });
  }

  override subscribe(listener: (event: PortalEvent) => void): () => void {
    this.#listeners.add(listener);
    const stop = super.subscribe(listener);
    return () => {
      this.#listeners.delete(listener);
      stop();
    };
  }

  push(event: PortalEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

/** The demo data where a contact may also see their company's tickets. */
function companyData() {
  const data = demoData();
  data.portal.ticketAccess = 'company';
  return data;
}

/**
 * A backend that serves pages of up to 1,000 tickets (MemoryAdapter stops at 100), so a test
 * can reach the end of 10,000 tickets in ten pages instead of a hundred.
 */
class BigPageAdapter extends MemoryAdapter {
  override async listTickets(query: TicketQuery = {}): Promise<Page<Ticket>> {
    const page: Page<Ticket> = { items: [], nextCursor: query.cursor ?? null };
    do {
      const next = await super.listTickets({ ...query, cursor: page.nextCursor, limit: 100 });
      page.items.push(...next.items);
      page.nextCursor = next.nextCursor;
    } while (page.nextCursor && page.items.length < (query.limit ?? 100));
    return page;
  }
}

async function listOn(adapter: MemoryAdapter, pageSize = 25): Promise<TicketList> {
  const el = await fixture<TicketList>(
    html`<ticket-list .adapter=${adapter} page-size=${pageSize}></ticket-list>`,
  );
  await settled(el);
  return el;
}

/** A list of `count` generated tickets, in pages of `pageSize`, once its virtualized rows show. */
async function longListOn(count: number, pageSize: number): Promise<TicketList> {
  // The virtualizer measures rows in animation frames, which a hidden page never gets; the test
  // runner runs one file at a time so that its page is the visible one.
  await waitUntil(
    () => document.visibilityState === 'visible',
    'The test page is hidden, so it gets no animation frames',
    { timeout: 10_000 },
  );
  const data = demoData();
  data.tickets = generatedTickets(count);
  const adapter = new BigPageAdapter({ data, signedInAs: DEMO_ACCOUNT.email });
  const el = await listOn(adapter, pageSize);
  await waitUntil(() => el.shadowRoot!.querySelector('tbody.virtual tr[part=row]'), 'No rows', {
    timeout: 10_000,
  });
  return el;
}

/** Holds back the adapter's pages from now on until the returned function is called. */
function holdPages(adapter: MemoryAdapter): () => void {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const listTickets = adapter.listTickets.bind(adapter);
  adapter.listTickets = async (query) => {
    await held;
    return listTickets(query);
  };
  return release;
}

/** Waits until the list shows tickets, says there are none, or shows an error. */
const settled = (el: TicketList) =>
  waitUntil(() =>
    el.shadowRoot!.querySelector('table, [part=empty], [part=no-match], [role=alert]'),
  );

const rowIds = (el: TicketList) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('tr[part=row]')].map((r) => r.dataset.ticketId);

const sortButton = (el: TicketList, label: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[part=sort]')].find(
    (button) => button.textContent?.trim() === label,
  )!;

const headers = (el: TicketList) =>
  [...el.shadowRoot!.querySelectorAll('th')].map((th) => th.textContent?.trim());

const cellTexts = (el: TicketList, id: string) =>
  [...el.shadowRoot!.querySelectorAll(`tr[data-ticket-id="${id}"] td`)].map((td) =>
    td.textContent!.trim(),
  );

const liveRegion = (el: TicketList) => el.shadowRoot!.querySelector('[role=status]')!.textContent;

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

const headerSort = (el: TicketList, label: string) =>
  sortButton(el, label).closest('th')!.getAttribute('aria-sort');

async function search(el: TicketList, text: string): Promise<void> {
  el.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!.focus();
  await sendKeys({ type: text });
}

function generatedTickets(count: number): SeedTicket[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(100_000 + i),
    contactId: 'p-ada',
    subject: `Generated ticket ${i}`,
    stageId: i % 3 ? 'support-new' : 'support-closed',
    source: 'form',
    minutesAgo: (i + 1) * 10,
    properties: {},
    threads: [],
  }));
}

describe('ticket-list', () => {
  // The virtualizer's resize observers may skip a frame; browsers report it, harmlessly.
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);
  beforeEach(() => history.replaceState(null, '', '#/'));

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
    await expect(el).to.be.accessible();
  });

  it('says how long ago a ticket was created, with the exact date as its title', async () => {
    const el = await listOn(signedIn());
    const [created, lastActivity] = el.shadowRoot!.querySelectorAll<HTMLTimeElement>(
      'tr[data-ticket-id="1001"] time',
    );
    expect(created!.textContent).to.equal('3 days ago');
    expect(created!.title).to.equal(formatDateTime(created!.dateTime));
    expect(lastActivity!.textContent).to.equal('2 days ago');
  });

  it('shows only closed tickets when filtered to Closed, and says so', async () => {
    const el = await listOn(signedIn());
    const changed = nextEvent(el, 'portal-list-state');
    const select = el.shadowRoot!.querySelector('select')!;
    select.value = 'closed';
    select.dispatchEvent(new Event('change'));
    expect((await changed).state).to.deep.equal({
      status: 'closed',
      q: '',
      sort: '-lastActivityAt',
      scope: 'mine',
    });
    await waitUntil(() => rowIds(el).length === 2);
    expect(rowIds(el)).to.have.members(['1003', '1005']);
    expect(el.getAttribute('status')).to.equal('closed');
    const statuses = [...el.shadowRoot!.querySelectorAll('[part=status]')].map(
      (s) => s.textContent,
    );
    expect(statuses).to.deep.equal(['Closed', 'Closed']);
  });

  it('searches once typing stops, sends q and shows only matches', async () => {
    const adapter = new RecordingAdapter();
    const el = await listOn(adapter);
    const changed = nextEvent(el, 'portal-list-state');
    await search(el, 'export');
    const event = await changed;
    expect(event.state.q).to.equal('export');
    expect(event.replace).to.equal(true);
    await waitUntil(() => rowIds(el).length === 2);
    expect(rowIds(el)).to.have.members(['1001', '1005']);
    expect(adapter.queries.map((query) => query.q)).to.deep.equal(['', 'export']);
    expect(el.getAttribute('q')).to.equal('export');
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('2 tickets.');
  });

  it('says when nothing matches and clears the search', async () => {
    const el = await listOn(signedIn());
    await search(el, 'printer');
    const noMatch = await waitForSelector(el, '[part=no-match]');
    expect(noMatch.querySelector('p')!.textContent).to.equal('No tickets match “printer”.');
    expect(liveRegion(el)).to.equal('No tickets match “printer”.');
    await expect(el).to.be.accessible();
    const cleared = nextEvent(el, 'portal-list-state');
    noMatch.querySelector('button')!.click();
    expect((await cleared).state.q).to.equal('');
    await waitUntil(() => rowIds(el).length === 5);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!;
    expect(input.value).to.equal('');
    expect(el.shadowRoot!.activeElement).to.equal(input);
    expect(el.q).to.equal('');
  });

  it('offers all tickets when a status filter matches none', async () => {
    const data = demoData();
    data.tickets = data.tickets.filter((t) => t.id !== '1003' && t.id !== '1005');
    const el = await fixture<TicketList>(
      html`<ticket-list status="closed" .adapter=${signedIn({ data })}></ticket-list>`,
    );
    const noMatch = await waitForSelector(el, '[part=no-match]');
    expect(noMatch.querySelector('p')!.textContent).to.equal('You have no closed tickets.');
    noMatch.querySelector('button')!.click();
    await waitUntil(() => rowIds(el).length === 3);
    expect(el.status).to.equal('all');
  });

  it('sorts by Created, newest first and then oldest first, and says so with aria-sort', async () => {
    const el = await listOn(signedIn());
    expect(headerSort(el, 'Last activity')).to.equal('descending');
    expect(headerSort(el, 'Created')).to.equal(null);
    sortButton(el, 'Created').click();
    await waitUntil(() => rowIds(el).join() === '1002,1004,1001,1003,1005');
    expect(headerSort(el, 'Created')).to.equal('descending');
    expect(headerSort(el, 'Last activity')).to.equal(null);
    expect(el.getAttribute('sort')).to.equal('-createdAt');
    sortButton(el, 'Created').click();
    await waitUntil(() => rowIds(el).join() === '1005,1003,1001,1004,1002');
    expect(headerSort(el, 'Created')).to.equal('ascending');
    expect(el.getAttribute('sort')).to.equal('createdAt');
  });

  it('sorts by ID, Subject and Status too, first in their natural direction', async () => {
    const adapter = new RecordingAdapter();
    const el = await listOn(adapter);
    sortButton(el, 'Subject').click();
    await waitUntil(() => rowIds(el).join() === '1003,1001,1004,1005,1002');
    expect(headerSort(el, 'Subject')).to.equal('ascending');
    expect(el.getAttribute('sort')).to.equal('subject');
    sortButton(el, 'Subject').click();
    await waitUntil(() => rowIds(el).join() === '1002,1005,1004,1001,1003');
    expect(headerSort(el, 'Subject')).to.equal('descending');
    sortButton(el, 'ID').click();
    await waitUntil(() => rowIds(el).join() === '1005,1004,1003,1002,1001');
    expect(headerSort(el, 'ID')).to.equal('descending');
    sortButton(el, 'Status').click();
    await waitUntil(() => headerSort(el, 'Status') === 'ascending');
    expect(adapter.queries.map((query) => query.sort)).to.deep.equal([
      '-lastActivityAt',
      'subject',
      '-subject',
      '-id',
      'status',
    ]);
  });

  it('shows stage names and property columns as the portal config says', async () => {
    const data = demoData();
    data.portal.statusDisplay = 'stages';
    data.portal.columns = ['id', 'subject', 'property:product', 'status'];
    const el = await listOn(signedIn({ data }));
    expect(headers(el)).to.deep.equal(['ID', 'Subject', 'Product', 'Status']);
    expect(cellTexts(el, '1001')).to.deep.equal([
      '1001',
      'Invoices fail to export to PDF',
      'Invoicing',
      'Waiting on customer',
    ]);
    expect(cellTexts(el, '1003')).to.deep.equal([
      '1003',
      'Change our billing address',
      '',
      'Resolved',
    ]);
    expect(sortButton(el, 'Product')).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('offers the company view only when the portal gives company access', async () => {
    const adapter = new RecordingAdapter();
    const el = await fixture<TicketList>(
      html`<ticket-list scope="company" .adapter=${adapter}></ticket-list>`,
    );
    await settled(el);
    expect(el.shadowRoot!.querySelector('[part=scope]')).to.equal(null);
    expect(adapter.queries[0]!.scope).to.equal('mine');
    expect(headers(el)).not.to.include('Requester');
    expect(rowIds(el)).not.to.include('1006');
  });

  it("switches to the company's tickets, with a Requester column", async () => {
    const adapter = new RecordingAdapter({ data: companyData() });
    const el = await listOn(adapter);
    const view = el.shadowRoot!.querySelector<HTMLSelectElement>('select[part=scope]')!;
    expect(view.closest('label')!.textContent).to.contain('View');
    expect([...view.options].map((option) => option.textContent)).to.deep.equal([
      'My tickets',
      'My company’s tickets',
    ]);
    expect(rowIds(el)).not.to.include('1006');
    const changed = nextEvent(el, 'portal-list-state');
    choose(view, 'company');
    expect((await changed).state.scope).to.equal('company');
    await waitUntil(() => rowIds(el).includes('1006'));
    expect(adapter.queries.at(-1)!.scope).to.equal('company');
    expect(el.getAttribute('scope')).to.equal('company');
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Your company’s tickets');
    expect(headers(el)).to.deep.equal([
      'ID',
      'Subject',
      'Requester',
      'Created',
      'Last activity',
      'Status',
    ]);
    expect(cellTexts(el, '1006')[2]).to.equal('Björn Svensson');
    expect(cellTexts(el, '1001')[2]).to.equal('Ada Lindqvist');
    await expect(el).to.be.accessible();
  });

  it('updates a row as its ticket changes and announces it', async () => {
    const adapter = new LiveAdapter();
    const el = await listOn(adapter);
    const ticket = await adapter.getTicket('1002');
    adapter.push({ type: 'ticket', ticket: { ...ticket, status: 'closed', stageLabel: 'Closed' } });
    await el.updateComplete;
    expect(cellTexts(el, '1002').at(-1)).to.equal('Closed');
    expect(liveRegion(el)).to.equal('Ticket 1002 is now Closed.');
    expect(el.shadowRoot!.querySelector('[part=new-activity]')).to.equal(null);
  });

  it('offers the latest order when a change would move a row', async () => {
    const adapter = new LiveAdapter();
    const el = await listOn(adapter);
    expect(rowIds(el)[0]).not.to.equal('1004');
    await adapter.reply('1004', { text: 'Any news?', idempotencyKey: 'k-1004' });
    await el.updateComplete;
    const notice = el.shadowRoot!.querySelector('[part=new-activity]')!;
    expect(notice.textContent).to.contain('New activity.');
    expect(liveRegion(el)).to.equal('New activity on ticket 1004.');
    expect(rowIds(el)[0]).not.to.equal('1004');
    await expect(el).to.be.accessible();
    notice.querySelector('button')!.click();
    await waitUntil(() => rowIds(el)[0] === '1004');
    expect(el.shadowRoot!.querySelector('[part=new-activity]')).to.equal(null);
  });

  // Before any other test loads the virtualizer: this one checks when it is fetched.
  it('never renders more than a page of rows at once while a list grows long', async () => {
    const data = demoData();
    data.tickets = generatedTickets(300);
    const el = await listOn(signedIn({ data }), 100);
    let mostRows = 0;
    const countRows = () => {
      mostRows = Math.max(mostRows, rowIds(el).length);
    };
    const observer = new MutationObserver(countRows);
    observer.observe(el.shadowRoot!, { childList: true, subtree: true });
    countRows();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=more]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('tbody.virtual tr[part=row]'), 'No rows', {
      timeout: 10_000,
    });
    observer.disconnect();
    expect(mostRows).to.be.at.most(100);
  });

  it('keeps only a window of 10,000 tickets in the DOM and scrolls to the last', async function () {
    this.timeout(30_000);
    const el = await longListOn(10_000, 1000);
    const lastRow = () => el.shadowRoot!.querySelector('tr[data-ticket-id="109999"]');
    const onScreen = (row: Element | null) =>
      row !== null && row.getBoundingClientRect().bottom <= window.innerHeight;
    let mostRows = 0;
    await waitUntil(
      () => {
        mostRows = Math.max(mostRows, rowIds(el).length);
        window.scrollTo(0, document.documentElement.scrollHeight);
        return onScreen(lastRow());
      },
      'The last ticket never appeared',
      { timeout: 20_000, interval: 50 },
    );
    expect(mostRows).to.be.greaterThan(5).and.lessThan(200);
    const last = lastRow()!;
    expect(last.textContent).to.contain('Generated ticket 9999');
    expect(el.shadowRoot!.querySelector('table')!.getAttribute('aria-rowcount')).to.equal('10001');
    expect(last.getAttribute('aria-rowindex')).to.equal('10001');
    await expect(el).to.be.accessible();
    window.scrollTo(0, 0);
  });

  it('renders the rows on screen and about 400 pixels of rows above and below, no more', async function () {
    this.timeout(30_000);
    const el = await longListOn(2000, 2000);
    const body = el.shadowRoot!.querySelector('tbody.virtual')!;
    window.scrollTo(0, body.getBoundingClientRect().top + window.scrollY + 20_000);
    const rows = () => [...el.shadowRoot!.querySelectorAll('tr[part=row]')];
    const span = () => {
      const boxes = rows().map((row) => row.getBoundingClientRect());
      return {
        top: Math.min(...boxes.map((box) => box.top)),
        bottom: Math.max(...boxes.map((box) => box.bottom)),
        row: boxes[0]!.height,
      };
    };
    // Settled: the rows cover the screen, with more beyond it on both sides.
    await waitUntil(
      () => {
        const { top, bottom } = span();
        return top < -300 && bottom > window.innerHeight + 300;
      },
      'The rows never covered the screen and beyond',
      { timeout: 10_000 },
    );
    const { top, bottom, row } = span();
    // lit-virtualizer's own default would keep 1,000 pixels of rows on each side.
    expect(top).to.be.at.least(-400 - 2 * row);
    expect(bottom).to.be.at.most(window.innerHeight + 400 + 2 * row);
    window.scrollTo(0, 0);
  });

  // lit-html 3.3.1 to 3.3.3 left one comment behind for every row taken out (lit/lit#5298), and
  // every frame of scrolling walked past all of them: the list slowed the further it went.
  it('leaves nothing behind of the rows it takes out while scrolling', async function () {
    this.timeout(30_000);
    const el = await longListOn(2000, 2000);
    const body = el.shadowRoot!.querySelector('tbody.virtual')!;
    const comments = () =>
      [...body.childNodes].filter((node) => node.nodeType === Node.COMMENT_NODE).length;
    // A screen a frame, as a customer flinging through the list would: rows come and go.
    for (let frame = 0; frame < 60; frame++) {
      window.scrollBy(0, window.innerHeight);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await waitUntil(() => !el.isUpdatePending, 'The list never settled', { timeout: 10_000 });
    const rows = rowIds(el).length;
    expect(Number(rowIds(el)[0]) - 100_000).to.be.greaterThan(200, 'it scrolled far');
    // Each row shown has its own two markers, the rows together two more.
    expect(comments()).to.be.at.most(2 * rows + 2);
    window.scrollTo(0, 0);
  });

  it('reaches a ticket link with Tab and opens it with Enter', async () => {
    const el = await listOn(signedIn());
    el.addEventListener('portal-ticket-open', (event) => event.preventDefault());
    el.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!.focus();
    for (let presses = 0; presses < 10; presses++) {
      if (el.shadowRoot!.activeElement?.matches('a[part=link]')) break;
      await sendKeys({ press: 'Tab' });
    }
    const link = el.shadowRoot!.activeElement as HTMLAnchorElement;
    expect(link.matches('a[part=link]')).to.equal(true);
    const opened = nextEvent(el, 'portal-ticket-open');
    await sendKeys({ press: 'Enter' });
    expect((await opened).ticketId).to.equal(rowIds(el)[0]);
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

  it('starts from its status, q and sort attributes', async () => {
    const adapter = new RecordingAdapter();
    const el = await fixture<TicketList>(
      html`<ticket-list
        status="open"
        q="codes"
        sort="createdAt"
        .adapter=${adapter}
      ></ticket-list>`,
    );
    await waitUntil(() => rowIds(el).length === 1);
    expect(rowIds(el)).to.deep.equal(['1002']);
    expect(adapter.queries[0]).to.include({ status: 'open', q: 'codes', sort: 'createdAt' });
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!.value).to.equal(
      'codes',
    );
    el.setAttribute('q', '');
    await waitUntil(() => rowIds(el).length === 3);
  });

  it('keeps its state in the hash route with sync-url, and follows back and forward', async () => {
    history.replaceState(null, '', '#/?status=closed');
    const el = await fixture<TicketList>(
      html`<ticket-list sync-url .adapter=${signedIn({ data: companyData() })}></ticket-list>`,
    );
    await waitUntil(() => rowIds(el).length === 2);
    expect(el.status).to.equal('closed');
    sortButton(el, 'Created').click();
    await el.updateComplete;
    expect(location.hash).to.equal('#/?status=closed&sort=-createdAt');
    const back = new Promise((resolve) =>
      window.addEventListener('popstate', resolve, { once: true }),
    );
    history.back();
    await back;
    await el.updateComplete;
    expect(el.sort).to.equal('-lastActivityAt');
    expect(el.status).to.equal('closed');
    choose(el.shadowRoot!.querySelector('select[part=scope]')!, 'company');
    await el.updateComplete;
    expect(location.hash).to.equal('#/?status=closed&scope=company');
  });

  it('leaves the URL alone without sync-url, or when the host handles the state', async () => {
    const el = await listOn(signedIn());
    sortButton(el, 'Created').click();
    await el.updateComplete;
    expect(location.hash).to.equal('#/');
    el.syncUrl = true;
    el.addEventListener('portal-list-state', (event) => event.preventDefault());
    sortButton(el, 'Created').click();
    await el.updateComplete;
    expect(location.hash).to.equal('#/');
    expect(el.sort).to.equal('createdAt');
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

  it('leaves the rows shown as they are while the next page loads, and the button says so', async () => {
    const adapter = signedIn();
    const el = await listOn(adapter, 2);
    const release = holdPages(adapter);
    const more = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=more]')!;
    more.click();
    await el.updateComplete;
    expect(more.disabled).to.equal(true);
    expect(more.textContent!.trim()).to.equal('Loading…');
    // Only a list being replaced is busy and dimmed: these rows are not changing.
    expect(el.shadowRoot!.querySelector('[part=base]')!.getAttribute('aria-busy')).to.equal(
      'false',
    );
    expect(getComputedStyle(el.shadowRoot!.querySelector('table')!).opacity).to.equal('1');
    release();
    await waitUntil(() => rowIds(el).length === 4);
    await el.updateComplete;
    expect(more.disabled).to.equal(false);
    expect(more.textContent!.trim()).to.equal('Load more');
  });

  it('dims the rows while a filter change replaces them', async () => {
    const adapter = signedIn();
    const el = await listOn(adapter);
    const release = holdPages(adapter);
    el.status = 'closed';
    await waitUntil(
      () => el.shadowRoot!.querySelector('[part=base]')!.getAttribute('aria-busy') === 'true',
    );
    expect(getComputedStyle(el.shadowRoot!.querySelector('table')!).opacity).to.equal('0.6');
    release();
    await waitUntil(
      () => el.shadowRoot!.querySelector('[part=base]')!.getAttribute('aria-busy') === 'false',
    );
  });

  it('is busy while loading', async () => {
    const el = await fixture<TicketList>(
      html`<ticket-list .adapter=${signedIn({ delayMs: 100 })}></ticket-list>`,
    );
    expect(el.shadowRoot!.querySelector('[part=base]')!.getAttribute('aria-busy')).to.equal('true');
    expect(visibleText(el)).to.contain('Loading tickets');
    await expect(el).to.be.accessible();
  });

  it('gets its adapter from a customer-portal', async () => {
    const portal = await fixture(html`<customer-portal .adapter=${signedIn()}></customer-portal>`);
    const list = await waitForSelector<TicketList>(portal, 'ticket-list');
    await waitUntil(() => rowIds(list).length === 5);
  });
});
