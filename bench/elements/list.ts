// The ticket-list page: `<ticket-list>` on a MemoryAdapter with many tickets, and the same rows
// in a plain Lit table. Puppeteer calls the functions on `window.kpBench`.
import { MemoryAdapter, type Page, type Ticket, type TicketQuery } from '@kundportal/core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import '@kundportal/elements/ticket-list.js';
import type { TicketList } from '@kundportal/elements';
import { nothing, render } from 'lit';
import { plainTicketTable } from './baseline.js';
import { manyTicketsWorld } from './bench-data.js';
import {
  forceLayout,
  longTaskRecorder,
  nextFrame,
  nextFrameWithin,
  paintedWhen,
} from './timing.js';

/** How long a scroll waits for a frame before it gives up on the page. */
const FRAME_WAIT_S = 5;
const scrolledTo = () => `${window.scrollY} of ${document.documentElement.scrollHeight} px`;

const COUNT = Number(new URLSearchParams(location.search).get('count') ?? 10_000);
const world = manyTicketsWorld(COUNT);
const stage = document.querySelector<HTMLElement>('#stage')!;
// Elements go in their own container: Lit keeps its markers in `stage` between renders.
const host = document.querySelector<HTMLElement>('#host')!;

/** The element's protected state, read for the benchmark only. */
type ListInternals = {
  tickets?: Ticket[];
  nextCursor: string | null;
  loading: 'list' | 'page' | false;
};
const internals = (el: TicketList) => el as unknown as ListInternals;

/** A MemoryAdapter on the world, timing each `listTickets` call and keeping its last answer. */
function timedAdapter() {
  const adapter = new MemoryAdapter({ data: world, signedInAs: DEMO_ACCOUNT.email });
  const calls: { ms: number; at: number; page: Page<Ticket> }[] = [];
  let waiting: ((call: (typeof calls)[number]) => void) | undefined;
  const list = adapter.listTickets.bind(adapter);
  adapter.listTickets = async (query?: TicketQuery) => {
    const started = performance.now();
    const page = await list(query);
    const call = { ms: performance.now() - started, at: performance.now(), page };
    calls.push(call);
    waiting?.(call);
    return page;
  };
  return {
    adapter,
    calls,
    /** The next answer, when it arrives. */
    nextAnswer: () =>
      new Promise<(typeof calls)[number]>((resolve, reject) => {
        waiting = resolve;
        setTimeout(() => reject(new Error('the list asked the adapter nothing')), 20_000);
      }),
  };
}

let allTickets: Ticket[] | undefined;
/** Every ticket in the element's default order, fetched page by page like the element does. */
async function everyTicket(): Promise<Ticket[]> {
  if (allTickets) return allTickets;
  const adapter = new MemoryAdapter({ data: world, signedInAs: DEMO_ACCOUNT.email });
  const tickets: Ticket[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Ticket> = await adapter.listTickets({ cursor, limit: 100 });
    tickets.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  allTickets = tickets;
  return tickets;
}

function clear(): void {
  api.resetChanges();
  render(nothing, stage);
  host.replaceChildren();
  window.scrollTo(0, 0);
}

let current: { el: TicketList; timed: ReturnType<typeof timedAdapter> } | undefined;

/**
 * Mounts `<ticket-list>` and times data → first rows painted: at the element's own page size,
 * or at `pageSize` (scrolling through every ticket takes the largest page the adapters serve,
 * for the fewest round trips).
 */
async function elementFirstRows(pageSize?: number) {
  clear();
  const timed = timedAdapter();
  const first = timed.nextAnswer();
  const started = performance.now();
  const el = document.createElement('ticket-list');
  if (pageSize) el.pageSize = pageSize;
  el.adapter = timed.adapter;
  host.append(el);
  current = { el, timed };
  const painted = await paintedWhen(() => Boolean(el.shadowRoot?.querySelector('[part=row]')));
  const data = await first;
  return {
    total: painted - started,
    dataToRows: painted - data.at,
    adapterMs: data.ms,
    rows: data.page.items.length,
  };
}

/** Renders every ticket in a plain table and times data → first rows painted. */
async function baselineFirstRows() {
  clear();
  const tickets = await everyTicket();
  const started = performance.now();
  render(plainTicketTable(tickets), stage);
  const painted = await paintedWhen(() => Boolean(stage.querySelector('tr[data-ticket-id]')));
  return { total: painted - started, dataToRows: painted - started, rows: tickets.length };
}

const atBottom = () =>
  window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;

/** Scrolls the mounted list a screen per frame until every ticket is loaded and shown. */
async function elementScroll() {
  if (!current) throw new Error('mount the list first');
  const { el, timed } = current;
  const lastId = (await everyTicket()).at(-1)!.id;
  const longTasks = longTaskRecorder();
  const firstCall = timed.calls.length;
  longTasks.start();
  const started = performance.now();
  let frames = 0;
  let previousFrame = await nextFrameWithin(FRAME_WAIT_S, scrolledTo);
  let longestFrame = 0;
  // Where the scroll stood when it last moved or a page last arrived.
  let progress = { at: '', frame: 0 };
  while (
    internals(el).tickets?.length !== COUNT ||
    !el.shadowRoot?.querySelector(`[data-ticket-id="${lastId}"]`) ||
    !atBottom()
  ) {
    window.scrollBy(0, window.innerHeight);
    // Until the list is long enough to virtualize (and load on scrolling), a person clicks.
    const more = el.shadowRoot?.querySelector<HTMLButtonElement>('[part=more]:not([disabled])');
    if (more && atBottom()) more.click();
    const frame = await nextFrameWithin(FRAME_WAIT_S, scrolledTo);
    longestFrame = Math.max(longestFrame, frame - previousFrame);
    previousFrame = frame;
    frames++;
    const at = `${internals(el).tickets?.length ?? 0} tickets, scrolled to ${window.scrollY}`;
    if (at !== progress.at) progress = { at, frame: frames };
    // A list that stops loading says so at once, rather than when the benchmark gives up on it.
    if (frames - progress.frame > 600) {
      throw new Error(
        `the list stopped at ${at} of ${COUNT} tickets (${internals(el).loading ? `loading a ${internals(el).loading}` : 'not loading'}, next page ${internals(el).nextCursor ? 'known' : 'unknown'}) for 600 frames`,
      );
    }
  }
  const ms = performance.now() - started;
  const adapterMs = timed.calls.slice(firstCall).map((call) => call.ms);
  return {
    ms,
    frames,
    longestFrame,
    longTasks: longTasks.stop(),
    adapterMaxMs: Math.max(...adapterMs),
    pages: adapterMs.length,
  };
}

/** Scrolls the plain table a screen per frame to its end. */
async function baselineScroll() {
  const longTasks = longTaskRecorder();
  longTasks.start();
  const started = performance.now();
  let frames = 0;
  let previousFrame = await nextFrameWithin(FRAME_WAIT_S, scrolledTo);
  let longestFrame = 0;
  while (!atBottom()) {
    window.scrollBy(0, window.innerHeight);
    const frame = await nextFrameWithin(FRAME_WAIT_S, scrolledTo);
    longestFrame = Math.max(longestFrame, frame - previousFrame);
    previousFrame = frame;
    frames++;
  }
  return {
    ms: performance.now() - started,
    frames,
    longestFrame,
    longTasks: longTasks.stop(),
    adapterMaxMs: 0,
    pages: 0,
  };
}

type Change = { status: 'all' | 'open' | 'closed'; q: string };
const CHANGES: Record<'filter' | 'search', Change[]> = {
  filter: [
    { status: 'open', q: '' },
    { status: 'closed', q: '' },
    { status: 'all', q: '' },
  ],
  search: [
    { status: 'all', q: 'export' },
    { status: 'all', q: '' },
    { status: 'all', q: 'payroll' },
    { status: 'all', q: '' },
  ],
};
const changeIndex = { filter: 0, search: 0 };
/** The next change of this kind that differs from `from`, so every change makes a query. */
function nextChange(kind: 'filter' | 'search', from: Change): Change {
  for (;;) {
    const change = CHANGES[kind][changeIndex[kind]++ % CHANGES[kind].length]!;
    if (change.status !== from.status || change.q !== from.q) return change;
  }
}

/**
 * Changes the mounted list's filter or search; times the answer's arrival → rows updated
 * (Lit update, then style and layout forced), the rendering part of the change.
 */
async function elementChange(kind: 'filter' | 'search') {
  if (!current) throw new Error('mount the list first');
  const { el, timed } = current;
  const change = nextChange(kind, { status: el.status, q: el.q });
  const answer = timed.nextAnswer();
  Object.assign(el, change);
  const data = await answer;
  while (internals(el).tickets !== data.page.items || el.isUpdatePending) await el.updateComplete;
  forceLayout();
  const rendered = performance.now();
  await nextFrame();
  return { renderMs: rendered - data.at, adapterMs: data.ms, rows: data.page.items.length };
}

let baselineState: Change = { status: 'all', q: '' };
/** The same change on the plain table of every ticket: filtered in memory, then re-rendered. */
async function baselineChange(kind: 'filter' | 'search') {
  const tickets = await everyTicket();
  if (!stage.querySelector('table')) render(plainTicketTable(tickets), stage);
  baselineState = nextChange(kind, baselineState);
  const { status, q } = baselineState;
  const needle = q.toLowerCase();
  const rows = tickets.filter(
    (t) => (status === 'all' || t.status === status) && t.subject.toLowerCase().includes(needle),
  );
  const started = performance.now();
  render(plainTicketTable(rows), stage);
  forceLayout();
  const rendered = performance.now();
  await nextFrame();
  return { renderMs: rendered - started, adapterMs: 0, rows: rows.length };
}

/** What Puppeteer calls. */
const api = {
  ready: () => everyTicket().then((tickets) => tickets.length),
  clear,
  elementFirstRows,
  baselineFirstRows,
  elementScroll,
  baselineScroll,
  elementChange,
  baselineChange,
  resetChanges: () => {
    Object.assign(changeIndex, { filter: 0, search: 0 });
    baselineState = { status: 'all', q: '' };
  },
};
declare global {
  interface Window {
    kpBench: typeof api;
  }
}
window.kpBench = api;
