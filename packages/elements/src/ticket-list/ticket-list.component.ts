import {
  DEFAULT_COLUMNS,
  type BuiltInColumn,
  type ColumnKey,
  type PortalAdapter,
  type PortalConfig,
  type PortalError,
  type PortalEvent,
  type Ticket,
  type TicketQuery,
  type TicketSort,
} from '@kundportal/core';
import type { VisibilityChangedEvent } from '@lit-labs/virtualizer/events.js';
import type { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';
import type { virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { renderConnectHint, renderError } from '../shared/error-view.js';
import { PortalTicketOpenEvent } from '../shared/events.js';
import { isPlainClick, ticketStatusLabel } from '../shared/format.js';
import { PortalListStateEvent } from '../shared/list-state-event.js';
import {
  DEFAULT_LIST_STATE,
  FIRST_SORT_DIRECTION,
  type TicketListState,
  type TicketScope,
} from '../shared/list-state.js';
import { PortalElement } from '../shared/portal-element.js';
import { RelativeTimeController, renderRelativeTime } from '../shared/relative-time.js';
import { cssProperties } from '../shared/css-properties.js';
import { hashWithListState, listStateFromHash } from './list-url.js';
import { styles } from './ticket-list.styles.js';

export type TicketStatusFilter = TicketListState['status'];

/** A column on screen: a configured one, or the requester's name in the company view. */
type ListColumn = ColumnKey | 'requester';

/** Header of each built-in column, in the language shown. */
const BUILT_IN_LABELS: Record<BuiltInColumn, () => string> = {
  id: () => msg('ID', { id: 'column.id' }),
  subject: () => msg('Subject', { id: 'column.subject' }),
  createdAt: () => msg('Created', { id: 'column.created' }),
  lastActivityAt: () => msg('Last activity', { id: 'column.last-activity' }),
  status: () => msg('Status', { id: 'column.status' }),
};

/**
 * Grid tracks of each column. Every row is its own grid (virtualized rows are positioned one
 * by one), so tracks must not depend on a row's content or the columns would not line up.
 */
const BUILT_IN_TRACKS: Record<BuiltInColumn, string> = {
  id: 'minmax(3.5rem, 5rem)',
  subject: 'minmax(8rem, 1fr)',
  createdAt: 'minmax(6.5rem, 9rem)',
  lastActivityAt: 'minmax(6.5rem, 9rem)',
  status: 'minmax(6rem, 10rem)',
};
const OTHER_TRACK = 'minmax(6rem, 12rem)';

/** Waiting this long after the last keystroke sends one search instead of one per letter. */
const SEARCH_DELAY_MS = 300;
/**
 * Lists longer than this render only the rows near the viewport. Shorter ones render every
 * row, so find-in-page and a screen reader's browse mode reach all of them.
 */
const VIRTUALIZE_AFTER = 100;

/**
 * How far beyond the viewport, above and below, rows stay rendered: half a screen of rows
 * (lit-virtualizer's own default is 1,000 pixels). The virtualizer measures and positions every
 * rendered row each time it lays them out, several times a frame while the list scrolls, so
 * fewer rows make each of those passes shorter.
 */
const ROWS_OVERHANG_PX = 400;

/** The virtualizer's directive, once a long list has loaded it. */
let virtualizeRows: typeof virtualize | undefined;
/** Where the virtualizer keeps itself on the element whose rows it renders. */
let virtualizerKey: typeof virtualizerRef | undefined;
/** lit-virtualizer's flow layout (rows of any height, one below the other), with our overhang. */
let rowsLayout: { type: typeof FlowLayout } | undefined;
let virtualizerLoading: Promise<void> | undefined;

/**
 * Fetches the virtualizer (once). Started as soon as a list may grow past `VIRTUALIZE_AFTER`,
 * and awaited before it does, so a long list never renders all its rows at once. Should it fail
 * to load, the list renders every row.
 */
function loadVirtualizer(): Promise<void> {
  virtualizerLoading ??= Promise.all([
    import('@lit-labs/virtualizer/virtualize.js'),
    import('@lit-labs/virtualizer/layouts/flow.js'),
  ]).then(
    ([module, flow]) => {
      virtualizeRows = module.virtualize;
      virtualizerKey = module.virtualizerRef;
      rowsLayout = {
        type: class RowsLayout extends flow.FlowLayout {
          // Protected, and documented as the pixels beyond the viewport still rendered.
          protected override _overhang = ROWS_OVERHANG_PX;
        },
      };
    },
    () => {},
  );
  return virtualizerLoading;
}

/**
 * Stops the virtualizer watching the size of rows it has taken out. It never does so itself
 * (lit/lit#5363, @lit-labs/virtualizer 2.1.1): every row ever shown stays observed and every
 * frame checks them all, so scrolling slowed the further it went (frames from about 20 ms to
 * over 100 ms across 10,000 tickets), and the rows stayed in memory. Reads the virtualizer's
 * own observer; should a later version rename it, this does nothing.
 */
const releaseRemovedRows = new MutationObserver((records) => {
  for (const { target, removedNodes } of records) {
    const key = virtualizerKey;
    const host = target as unknown as Partial<
      Record<symbol, { _childrenRO?: ResizeObserver | null }>
    >;
    const observer = key ? host[key]?._childrenRO : undefined;
    if (!observer) continue;
    for (const node of removedNodes) {
      // A row moved elsewhere in the list is still the virtualizer's to watch.
      if (node instanceof Element && node.parentNode !== target) observer.unobserve(node);
    }
  }
});

/** Rows that will render unvirtualized unless the virtualizer is awaited first. */
function needsVirtualizer(rowCount: number): boolean {
  return rowCount > VIRTUALIZE_AFTER && !virtualizeRows;
}

/** The next page loads once the last visible row is this close to the end of the list. */
const LOAD_AHEAD_ROWS = 20;

function isBuiltIn(column: ListColumn): column is BuiltInColumn {
  return Object.hasOwn(BUILT_IN_LABELS, column);
}

/** The property a `property:<name>` column shows, or `undefined` for other columns. */
function propertyName(column: ListColumn): string | undefined {
  return column.startsWith('property:') ? column.slice('property:'.length) : undefined;
}

/** The column a sort orders by, and which way. */
function sortParts(sort: TicketSort): { column: BuiltInColumn; descending: boolean } {
  const descending = sort.startsWith('-');
  return { column: (descending ? sort.slice(1) : sort) as BuiltInColumn, descending };
}

/**
 * @summary The signed-in customer's tickets, open and closed: filter by status, search, sort
 * by any column the portal shows, page with "Load more", and scroll smoothly through thousands.
 * When the portal gives company access, "View" switches to the company's tickets, which adds a
 * Requester column.
 *
 * Status reads Open/Closed or the pipeline stage's name, as the portal config says. Columns
 * `property:<name>` show that ticket property under the label `propertyLabels` gives it.
 * Changes heard from the adapter update their rows at once; when a change would move a row
 * (new ticket, sort or filter no longer met), a "New activity" notice offers to show the latest
 * order rather than moving rows under the customer's pointer. Both are announced.
 *
 * The table keeps native `<table>` markup with explicit ARIA roles: its rows are laid out as CSS
 * grids (so virtualized rows, which are positioned one by one, line up with the header), and
 * the roles keep the table semantics that some browsers drop once `display` is changed.
 *
 * @event portal-ticket-open - A ticket's subject was clicked; `event.ticketId` says which.
 *   Cancelable: cancel it to route yourself, or let the link follow `ticket-href`.
 * @event portal-list-state - The customer changed the filter, search, sort or view; `event.state`
 *   holds `{ status, q, sort, scope }`. Cancelable: cancel it when you keep the state in your own
 *   route, so `sync-url` leaves the URL alone.
 * @event portal-error - Loading failed; the list shows why.
 *
 * @csspart base - The wrapper around the toolbar and table.
 * @csspart header - The heading, search and status filter.
 * @csspart heading - The heading, "Your tickets" or "Your company's tickets".
 * @csspart search - The search `<form>`.
 * @csspart search-input - The search box.
 * @csspart filter - The status `<select>`.
 * @csspart scope - The "View" `<select>` (my tickets or my company's), with company access only.
 * @csspart table - The `<table>`.
 * @csspart sort - The button in a sortable column header.
 * @csspart row - One ticket's row.
 * @csspart link - The subject link of a row.
 * @csspart status - The status cell text.
 * @csspart empty - The message shown when the customer has no tickets at all.
 * @csspart no-match - The message and button shown when no ticket matches the search or filter.
 * @csspart more - The "Load more" button.
 * @csspart new-activity - The notice that tickets changed, with its "Show latest" button.
 * @csspart error - An error message.
 * @csspart retry - The "Retry" button of an error that retrying can fix.
 *
 * @cssproperty --ticket-list-cell-padding - Padding of table cells (default `--portal-space-s`).
 * @cssproperty --ticket-list-row-border - Border between rows (default 1px solid `--portal-color-border`).
 * @cssproperty --ticket-list-open-color - Colour of the "Open" status (default the accent).
 * @cssproperty --ticket-list-columns - Grid tracks of the visible columns, to override their widths.
 *
 * @attr api - Base URL of a Kundportal HTTP API, when no adapter is set or provided.
 * @attr status - Which tickets to show: `all` (default), `open` or `closed`. Reflected.
 * @attr q - Search text; only tickets whose subject or messages contain it are shown. Reflected.
 * @attr sort - A built-in column (`id`, `subject`, `createdAt`, `lastActivityAt`, `status`),
 *   ascending, or with a leading `-` descending; default `-lastActivityAt`. Reflected.
 * @attr scope - `mine` (default) or `company`: the contact's company's tickets too. Used only when
 *   the portal config's `ticketAccess` is `company`. Reflected.
 * @attr sync-url - Keep `status`, `q`, `sort` and `scope` in the query of the URL's hash route
 *   (`#/?status=open&q=pdf`) so they survive reload and back/forward. For pages without a router;
 *   inside `customer-portal`, the portal keeps them in its route instead.
 * @attr ticket-href - Link of each ticket, `{id}` standing for its id (default `#/tickets/{id}`).
 * @attr page-size - Tickets per page (default 25).
 */
export class TicketList extends PortalElement {
  static override styles = styles;

  static override properties = {
    status: { reflect: true },
    q: { reflect: true },
    sort: { reflect: true },
    scope: { reflect: true },
    syncUrl: { attribute: 'sync-url', type: Boolean },
    ticketHref: { attribute: 'ticket-href' },
    pageSize: { attribute: 'page-size', type: Number },
    columns: { attribute: false },
    tickets: { state: true },
    nextCursor: { state: true },
    config: { state: true },
    loading: { state: true },
    error: { state: true },
    newActivity: { state: true },
    announcement: { state: true },
  };

  /** Which tickets to show. */
  declare status: TicketStatusFilter;
  /** Search text; empty when not searching. */
  declare q: string;
  /** Order of the list. */
  declare sort: TicketSort;
  /** Whose tickets to show; `company` only counts when the portal gives company access. */
  declare scope: TicketScope;
  /** Keep the list state in the URL's hash route (for pages without a router). */
  declare syncUrl: boolean;
  /** Link of each ticket; `{id}` is replaced by the ticket's id. */
  declare ticketHref: string;
  /** Tickets per page. */
  declare pageSize: number;
  /** Columns to show; the portal config's columns (or DEFAULT_COLUMNS) when unset. */
  declare columns: ColumnKey[] | undefined;
  declare protected tickets: Ticket[] | undefined;
  declare protected nextCursor: string | null;
  declare protected config: PortalConfig | undefined;
  /**
   * What is on its way: `list`, a list replacing the one shown (first load, filter, search,
   * sort), whose rows are dimmed meanwhile; `page`, the next page, which leaves the rows shown as
   * they are (they are not changing, and dimming them would restyle and repaint every row twice a
   * page while the customer scrolls). The "Load more" button says it is loading either way.
   */
  declare protected loading: 'list' | 'page' | false;
  declare protected error: PortalError | undefined;
  /** A heard change would move rows; the customer decides when to reorder. */
  declare protected newActivity: boolean;
  /** Said by screen readers instead of the result summary, e.g. what a live change did. */
  declare protected announcement: string;

  #loads = 0;
  #unsubscribe: (() => void) | undefined;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Index of the last row the virtualizer showed, to load the next page before it is reached. */
  #lastVisibleRow = -1;
  /** The virtualized rows' `<tbody>` whose removed rows `releaseRemovedRows` lets go of. */
  #virtualBody: Element | undefined;
  /** The state the markup asked for; with `sync-url`, what an URL without a query means. */
  #urlDefaults: TicketListState | undefined;

  constructor() {
    super();
    // Keeps "3 minutes ago" true while the element stays on screen.
    new RelativeTimeController(this);
    this.status = DEFAULT_LIST_STATE.status;
    this.q = DEFAULT_LIST_STATE.q;
    this.sort = DEFAULT_LIST_STATE.sort;
    this.scope = DEFAULT_LIST_STATE.scope;
    this.syncUrl = false;
    this.ticketHref = '#/tickets/{id}';
    this.pageSize = 25;
    this.columns = undefined;
    this.tickets = undefined;
    this.nextCursor = null;
    this.config = undefined;
    this.loading = false;
    this.error = undefined;
    this.newActivity = false;
    this.announcement = '';
  }

  /** The filter, search, sort and view in effect. */
  get listState(): TicketListState {
    return { status: this.status, q: this.q, sort: this.sort, scope: this.scope };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.#readUrl);
    window.addEventListener('hashchange', this.#readUrl);
    this.#urlDefaults ??= this.listState;
    this.#readUrl();
    // Moved in the DOM: the adapter did not change, so listen to it again here.
    if (this.hasUpdated) this.#listen(this.portalAdapter);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#readUrl);
    window.removeEventListener('hashchange', this.#readUrl);
    clearTimeout(this.#searchTimer);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  protected override adapterChanged(adapter: PortalAdapter | undefined): void {
    this.tickets = undefined;
    this.config = undefined;
    this.#listen(adapter);
    if (adapter) void this.reload();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const queryChanged = (['status', 'q', 'sort', 'scope', 'pageSize'] as const).some((key) =>
      changed.has(key),
    );
    if (queryChanged && this.hasUpdated && this.portalAdapter) void this.reload();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const body = this.renderRoot.querySelector('tbody.virtual') ?? undefined;
    if (body && body !== this.#virtualBody) releaseRemovedRows.observe(body, { childList: true });
    this.#virtualBody = body;
  }

  /** The company view is on: asked for, and allowed by the portal. */
  get #showsCompany(): boolean {
    return this.scope === 'company' && this.config?.ticketAccess === 'company';
  }

  /** Loads the first page again. */
  async reload(): Promise<void> {
    const adapter = this.portalAdapter;
    if (!adapter) return;
    const load = ++this.#loads;
    // The rows on screen stay until the new ones arrive, so the control in use keeps its focus.
    // A page still on its way belongs to the list being replaced: `#loads` drops its answer.
    this.loading = 'list';
    this.error = undefined;
    this.#lastVisibleRow = -1;
    try {
      // The config first: it says whether the company view may be asked for.
      this.config ??= await this.loadConfig(adapter);
      const page = await adapter.listTickets(this.#query());
      // More pages may take the list past the virtualizer's threshold: fetch it meanwhile.
      if (page.nextCursor) void loadVirtualizer();
      if (needsVirtualizer(page.items.length)) await loadVirtualizer();
      if (load !== this.#loads) return;
      this.newActivity = false;
      this.announcement = '';
      this.tickets = page.items;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (load !== this.#loads) return;
      this.tickets = undefined;
      this.error = this.reportError(error);
    } finally {
      if (load === this.#loads) this.loading = false;
    }
  }

  async #loadMore(): Promise<void> {
    const adapter = this.portalAdapter;
    if (!adapter || !this.nextCursor || this.loading) return;
    const load = ++this.#loads;
    this.loading = 'page';
    this.error = undefined;
    try {
      const page = await adapter.listTickets(this.#query(this.nextCursor));
      const tickets = [...(this.tickets ?? []), ...page.items];
      if (needsVirtualizer(tickets.length)) await loadVirtualizer();
      if (load !== this.#loads) return;
      this.tickets = tickets;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (load === this.#loads) this.error = this.reportError(error);
    } finally {
      if (load === this.#loads) this.loading = false;
    }
    // A short page may leave the customer near the end still; the virtualizer will not say so again.
    if (load === this.#loads) this.#loadMoreIfNearEnd();
  }

  #query(cursor: string | null = null): TicketQuery {
    const { status, q, sort } = this;
    const scope = this.#showsCompany ? 'company' : 'mine';
    return { scope, status, q, sort, limit: this.pageSize, cursor };
  }

  #listen(adapter: PortalAdapter | undefined): void {
    this.#unsubscribe?.();
    this.#unsubscribe = adapter?.subscribe(this.#hear);
  }

  /** A changed ticket updates its row; one that would move or appear waits for "Show latest". */
  readonly #hear = (event: PortalEvent): void => {
    const tickets = this.tickets;
    if (event.type !== 'ticket' || !tickets) return;
    const changed = event.ticket;
    const shown = tickets.find((ticket) => ticket.id === changed.id);
    if (shown) {
      this.tickets = tickets.map((ticket) => (ticket === shown ? changed : ticket));
    }
    if (!shown || this.#wouldMove(shown, changed)) this.newActivity = true;
    this.announcement = this.#describeChange(shown, changed);
  };

  /** The change takes the row elsewhere in the sort, or out of the status filter. */
  #wouldMove(before: Ticket, after: Ticket): boolean {
    const { column } = sortParts(this.sort);
    const leavesFilter = this.status !== 'all' && after.status !== this.status;
    return leavesFilter || before[column] !== after[column];
  }

  #describeChange(before: Ticket | undefined, after: Ticket): string {
    const status = ticketStatusLabel(after, this.config);
    const id = after.id;
    if (before && ticketStatusLabel(before, this.config) !== status) {
      return msg(str`Ticket ${id} is now ${status}.`);
    }
    return msg(str`New activity on ticket ${id}.`);
  }

  #loadMoreIfNearEnd(): void {
    const count = this.tickets?.length ?? 0;
    // After a failure the Retry button loads on; scrolling should not hammer a failing backend.
    if (this.error || this.#lastVisibleRow < 0) return;
    if (this.#lastVisibleRow >= count - LOAD_AHEAD_ROWS) void this.#loadMore();
  }

  readonly #rowsShown = (event: VisibilityChangedEvent): void => {
    this.#lastVisibleRow = event.last;
    this.#loadMoreIfNearEnd();
  };

  /** Sets the state the customer chose, tells the host, and keeps it in the URL if asked to. */
  #chooseListState(change: Partial<TicketListState>, { replace = false } = {}): void {
    const state = { ...this.listState, ...change };
    this.#applyListState(state);
    const event = new PortalListStateEvent(state, { replace });
    this.dispatchEvent(event);
    if (this.syncUrl && !event.defaultPrevented) this.#writeUrl(replace);
  }

  readonly #readUrl = (): void => {
    if (!this.syncUrl || !this.#urlDefaults) return;
    this.#applyListState(listStateFromHash(window.location.hash, this.#urlDefaults));
  };

  #applyListState({ status, q, sort, scope }: TicketListState): void {
    Object.assign(this, { status, q, sort, scope });
  }

  #writeUrl(replace: boolean): void {
    if (!this.#urlDefaults) return;
    const url = new URL(window.location.href);
    url.hash = hashWithListState(url.hash, this.listState, this.#urlDefaults);
    if (url.href === window.location.href) return;
    if (replace) window.history.replaceState(window.history.state, '', url);
    else window.history.pushState(null, '', url);
  }

  #changeStatus(event: Event): void {
    const status = (event.target as HTMLSelectElement).value as TicketStatusFilter;
    this.#chooseListState({ status });
  }

  #changeScope(event: Event): void {
    const scope = (event.target as HTMLSelectElement).value as TicketScope;
    this.#chooseListState({ scope });
  }

  #typeSearch(event: InputEvent): void {
    const q = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(
      () => this.#chooseListState({ q }, { replace: true }),
      SEARCH_DELAY_MS,
    );
  }

  /** Enter in the search box searches at once. */
  #submitSearch(event: SubmitEvent): void {
    event.preventDefault();
    clearTimeout(this.#searchTimer);
    const input = this.renderRoot.querySelector<HTMLInputElement>('#search');
    if (input && input.value !== this.q)
      this.#chooseListState({ q: input.value }, { replace: true });
  }

  async #clearSearch(): Promise<void> {
    clearTimeout(this.#searchTimer);
    this.#chooseListState({ q: '' });
    await this.updateComplete;
    // The button that had focus is gone; the search box is where the customer goes next.
    this.renderRoot.querySelector<HTMLInputElement>('#search')?.focus();
  }

  #showAllStatuses(): void {
    this.#chooseListState({ status: 'all' });
  }

  /** The column's first direction on its first click, then the other way round. */
  #sortBy(column: BuiltInColumn): void {
    const current = sortParts(this.sort);
    const descending =
      current.column === column
        ? !current.descending
        : FIRST_SORT_DIRECTION[column] === 'descending';
    this.#chooseListState({ sort: descending ? `-${column}` : column });
  }

  #openTicket(event: MouseEvent, ticket: Ticket): void {
    if (!isPlainClick(event)) return;
    const open = new PortalTicketOpenEvent(ticket.id);
    this.dispatchEvent(open);
    if (open.defaultPrevented) event.preventDefault();
  }

  #href(ticket: Ticket): string {
    return this.ticketHref.replaceAll('{id}', encodeURIComponent(ticket.id));
  }

  /** The configured columns; the company view adds the requester after the subject. */
  get #visibleColumns(): ListColumn[] {
    const columns: ListColumn[] = [...(this.columns ?? this.config?.columns ?? DEFAULT_COLUMNS)];
    if (this.#showsCompany) columns.splice(columns.indexOf('subject') + 1, 0, 'requester');
    return columns;
  }

  #columnLabel(column: ListColumn): string {
    if (isBuiltIn(column)) return BUILT_IN_LABELS[column]();
    if (column === 'requester') return msg('Requester');
    const name = propertyName(column) ?? column;
    return this.config?.propertyLabels[name] ?? name;
  }

  protected override render() {
    return html`<div
      part="base"
      class="base"
      aria-busy=${this.loading === 'list' ? 'true' : 'false'}
    >
      ${this.#renderHeader()}
      <p class="visually-hidden" role="status">${this.announcement || this.#resultSummary()}</p>
      ${this.#renderBody()}
    </div>`;
  }

  #renderHeader() {
    const heading = this.#showsCompany ? msg('Your company’s tickets') : msg('Your tickets');
    return html`<div part="header" class="header">
      <h2 id="heading" part="heading" tabindex="-1">${heading}</h2>
      <div class="controls">
        ${this.#renderScopeChoice()}
        <form part="search" role="search" @submit=${this.#submitSearch}>
          <label for="search">${msg('Search')}</label>
          <input
            id="search"
            part="search-input"
            type="search"
            autocomplete="off"
            .value=${this.q}
            @input=${this.#typeSearch}
          />
        </form>
        <label>
          ${msg('Show', { id: 'filter.show' })}
          <select part="filter" .value=${this.status} @change=${this.#changeStatus}>
            <option value="all" ?selected=${this.status === 'all'}>
              ${msg('All', { id: 'filter.all' })}
            </option>
            <option value="open" ?selected=${this.status === 'open'}>
              ${msg('Open', { id: 'status.open' })}
            </option>
            <option value="closed" ?selected=${this.status === 'closed'}>
              ${msg('Closed', { id: 'status.closed' })}
            </option>
          </select>
        </label>
      </div>
    </div>`;
  }

  /** "View: My tickets / My company's tickets", where the portal gives company access. */
  #renderScopeChoice() {
    if (this.config?.ticketAccess !== 'company') return nothing;
    const scope = this.#showsCompany ? 'company' : 'mine';
    const companyTickets = msg('My company’s tickets');
    return html`<label>
      ${msg('View', { id: 'scope.view' })}
      <select part="scope" .value=${scope} @change=${this.#changeScope}>
        <option value="mine" ?selected=${scope === 'mine'}>${msg('My tickets')}</option>
        <option value="company" ?selected=${scope === 'company'}>${companyTickets}</option>
      </select>
    </label>`;
  }

  /** Said by screen readers after each load, so a search is heard to have done something. */
  #resultSummary(): string {
    const count = this.tickets?.length;
    if (count === undefined) return '';
    if (count === 0) return this.#noTicketsMessage();
    if (this.nextCursor) {
      return count === 1
        ? msg('1 ticket shown, more to load.')
        : msg(str`${count} tickets shown, more to load.`);
    }
    return count === 1 ? msg('1 ticket.') : msg(str`${count} tickets.`);
  }

  #renderBody() {
    if (!this.portalAdapter) {
      return renderConnectHint();
    }
    const tickets = this.tickets;
    if (!tickets) {
      if (this.error) return renderError(this.error, { retry: () => void this.reload() });
      return html`<p class="muted" role="status">${msg('Loading tickets…')}</p>`;
    }
    return html`${this.#renderNewActivity()}
    ${tickets.length ? this.#renderTable(tickets) : this.#renderNoTickets()} ${this.#renderFooter()}`;
  }

  #renderNewActivity() {
    if (!this.newActivity) return nothing;
    return html`<div part="new-activity" class="new-activity">
      <p>${msg('New activity.')}</p>
      <button class="secondary" type="button" @click=${() => void this.reload()}>
        ${msg('Show latest')}
      </button>
    </div>`;
  }

  #noTicketsMessage(): string {
    const q = this.q.trim();
    const company = this.#showsCompany;
    switch (this.status) {
      case 'open':
        if (q) return msg(str`No open tickets match “${q}”.`);
        return company
          ? msg('Your company has no open tickets.')
          : msg('You have no open tickets.');
      case 'closed':
        if (q) return msg(str`No closed tickets match “${q}”.`);
        return company
          ? msg('Your company has no closed tickets.')
          : msg('You have no closed tickets.');
      default:
        if (q) return msg(str`No tickets match “${q}”.`);
        return company ? msg('Your company has no tickets yet.') : msg('You have no tickets yet.');
    }
  }

  #renderNoTickets() {
    const message = this.#noTicketsMessage();
    if (this.q.trim()) {
      return html`<div part="no-match" class="empty">
        <p>${message}</p>
        <button class="secondary" type="button" @click=${this.#clearSearch}>
          ${msg('Clear search')}
        </button>
      </div>`;
    }
    if (this.status !== 'all') {
      return html`<div part="no-match" class="empty">
        <p>${message}</p>
        <button class="secondary" type="button" @click=${this.#showAllStatuses}>
          ${msg('Show all tickets')}
        </button>
      </div>`;
    }
    return html`<p part="empty" class="empty">${message}</p>`;
  }

  /* eslint-disable lit-a11y/no-redundant-role -- the table's parts are restyled (see the class
     note), and browsers may drop the implicit roles of restyled table parts. */
  #renderTable(tickets: Ticket[]) {
    const columns = this.#visibleColumns;
    const track = (column: ListColumn) =>
      isBuiltIn(column) ? BUILT_IN_TRACKS[column] : OTHER_TRACK;
    const tracks = { '--_columns': columns.map(track).join(' ') };
    // The total is unknown (-1) while more pages wait on the server; +1 counts the header row.
    const rowCount = this.nextCursor ? -1 : tickets.length + 1;
    return html`<table
      part="table"
      role="table"
      aria-labelledby="heading"
      aria-rowcount=${rowCount}
      ${cssProperties(tracks)}
    >
      <thead role="rowgroup">
        <tr role="row" aria-rowindex="1">
          ${columns.map((column) => this.#renderColumnHeader(column))}
        </tr>
      </thead>
      ${
        tickets.length > VIRTUALIZE_AFTER
          ? this.#renderVirtualRows(tickets, columns)
          : this.#renderAllRows(tickets, columns)
      }
    </table>`;
  }

  #renderColumnHeader(column: ListColumn) {
    const label = this.#columnLabel(column);
    if (!isBuiltIn(column)) return html`<th role="columnheader" scope="col">${label}</th>`;
    const sort = sortParts(this.sort);
    const direction =
      sort.column !== column ? undefined : sort.descending ? 'descending' : 'ascending';
    return html`<th role="columnheader" scope="col" aria-sort=${direction ?? nothing}>
      <button
        part="sort"
        class="sort ${direction ?? ''}"
        type="button"
        @click=${() => this.#sortBy(column)}
      >
        ${label}
      </button>
    </th>`;
  }

  #renderAllRows(tickets: Ticket[], columns: ListColumn[]) {
    return html`<tbody role="rowgroup">
      ${repeat(
        tickets,
        (ticket) => ticket.id,
        (ticket, index) => this.#renderRow(ticket, index, columns),
      )}
    </tbody>`;
  }

  /**
   * Only the rows near the viewport are in the DOM; the page scrolls as if all were there. The
   * loads wait for the virtualizer before a list grows this long; should it be missing even so
   * (it failed to load), every row shows.
   */
  #renderVirtualRows(tickets: Ticket[], columns: ListColumn[]) {
    if (!virtualizeRows) {
      void loadVirtualizer().then(() => {
        if (virtualizeRows) this.requestUpdate();
      });
      return this.#renderAllRows(tickets, columns);
    }
    return html`<tbody role="rowgroup" class="virtual" @visibilityChanged=${this.#rowsShown}>
      ${virtualizeRows({
        items: tickets,
        layout: rowsLayout,
        keyFunction: (ticket: Ticket) => ticket.id,
        renderItem: (ticket: Ticket, index: number) => this.#renderRow(ticket, index, columns),
      })}
    </tbody>`;
  }

  /* eslint-enable lit-a11y/no-redundant-role */

  #renderRow(ticket: Ticket, index: number, columns: ListColumn[]) {
    return html`<tr part="row" role="row" aria-rowindex=${index + 2} data-ticket-id=${ticket.id}>
      ${columns.map((column) => this.#renderCell(ticket, column))}
    </tr>`;
  }

  /** Each cell carries its column's name, which narrow layouts show beside the value. */
  #renderCell(ticket: Ticket, column: ListColumn) {
    const label = this.#columnLabel(column);
    switch (column) {
      case 'id':
        return html`<td role="cell" class="id" data-label=${label}>${ticket.id}</td>`;
      case 'subject':
        return html`<td role="cell" class="subject">
          <a
            part="link"
            href=${this.#href(ticket)}
            @click=${(event: MouseEvent) => this.#openTicket(event, ticket)}
            >${ticket.subject}</a
          >
        </td>`;
      case 'createdAt':
      case 'lastActivityAt':
        return html`<td role="cell" data-label=${label}>${renderRelativeTime(ticket[column])}</td>`;
      case 'status': {
        const status = ticketStatusLabel(ticket, this.config);
        return html`<td role="cell" data-label=${label}>
          <span part="status" class="status ${ticket.status}">${status}</span>
        </td>`;
      }
      case 'requester':
        return html`<td role="cell" data-label=${label}>${ticket.requesterName}</td>`;
      default:
        return html`<td role="cell" data-label=${label}>
          ${ticket.properties[propertyName(column) ?? ''] ?? ''}
        </td>`;
    }
  }

  #renderFooter() {
    if (this.error) return renderError(this.error, { retry: () => void this.#loadMore() });
    if (!this.nextCursor) return nothing;
    return html`<button
      part="more"
      class="secondary more"
      type="button"
      ?disabled=${Boolean(this.loading)}
      @click=${this.#loadMore}
    >
      ${this.loading ? msg('Loading…', { id: 'loading' }) : msg('Load more')}
    </button>`;
  }
}
