import {
  DEFAULT_COLUMNS,
  statusLabel,
  type ColumnKey,
  type PortalAdapter,
  type PortalConfig,
  type PortalError,
  type Ticket,
  type TicketQuery,
} from '@kundportal/core';
import type { VisibilityChangedEvent } from '@lit-labs/virtualizer/events.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { renderError } from '../shared/error-view.js';
import { PortalTicketOpenEvent } from '../shared/events.js';
import { isPlainClick } from '../shared/format.js';
import {
  PortalListStateEvent,
  type TicketListState,
  type TicketSort,
} from '../shared/list-state-event.js';
import { PortalElement } from '../shared/portal-element.js';
import { renderRelativeTime } from '../shared/relative-time.js';
import { hashWithListState, listStateFromHash } from './list-url.js';
import { styles } from './ticket-list.styles.js';

export type TicketStatusFilter = TicketListState['status'];

type SortableColumn = 'createdAt' | 'lastActivityAt';

const COLUMN_LABELS: Record<ColumnKey, string> = {
  id: 'ID',
  subject: 'Subject',
  createdAt: 'Created',
  lastActivityAt: 'Last activity',
  status: 'Status',
};

/**
 * Grid tracks of each column. Every row is its own grid (virtualized rows are positioned one
 * by one), so tracks must not depend on a row's content or the columns would not line up.
 */
const COLUMN_TRACKS: Record<ColumnKey, string> = {
  id: 'minmax(3.5rem, 5rem)',
  subject: 'minmax(8rem, 1fr)',
  createdAt: 'minmax(6.5rem, 9rem)',
  lastActivityAt: 'minmax(6.5rem, 9rem)',
  status: 'minmax(6rem, 10rem)',
};

const NO_TICKETS_WITH_STATUS: Record<Exclude<TicketStatusFilter, 'all'>, string> = {
  open: 'You have no open tickets.',
  closed: 'You have no closed tickets.',
};

/** Waiting this long after the last keystroke sends one search instead of one per letter. */
const SEARCH_DELAY_MS = 300;
/**
 * Lists longer than this render only the rows near the viewport. Shorter ones render every
 * row, so find-in-page and a screen reader's browse mode reach all of them.
 */
const VIRTUALIZE_AFTER = 100;
/** The next page loads once the last visible row is this close to the end of the list. */
const LOAD_AHEAD_ROWS = 20;

function isSortable(column: ColumnKey): column is SortableColumn {
  return column === 'createdAt' || column === 'lastActivityAt';
}

/**
 * @summary The signed-in customer's tickets, open and closed: filter by status, search
 * subjects, sort by date, page with "Load more", and scroll smoothly through thousands.
 *
 * The table keeps native `<table>` markup with explicit ARIA roles: its rows are laid out as CSS
 * grids (so virtualized rows, which are positioned one by one, line up with the header), and
 * the roles keep the table semantics that some browsers drop once `display` is changed.
 *
 * @event portal-ticket-open - A ticket's subject was clicked; `event.ticketId` says which.
 *   Cancelable: cancel it to route yourself, or let the link follow `ticket-href`.
 * @event portal-list-state - The customer changed the filter, search or sort; `event.state` holds
 *   `{ status, q, sort }`. Cancelable: cancel it when you keep the state in your own route, so
 *   `sync-url` leaves the URL alone.
 * @event portal-error - Loading failed; the list shows why.
 *
 * @csspart base - The wrapper around the toolbar and table.
 * @csspart header - The heading, search and status filter.
 * @csspart search - The search `<form>`.
 * @csspart search-input - The search box.
 * @csspart filter - The status `<select>`.
 * @csspart table - The `<table>`.
 * @csspart sort - The button in a sortable column header.
 * @csspart row - One ticket's row.
 * @csspart link - The subject link of a row.
 * @csspart status - The status cell text.
 * @csspart empty - The message shown when the customer has no tickets at all.
 * @csspart no-match - The message and button shown when no ticket matches the search or filter.
 * @csspart more - The "Load more" button.
 * @csspart error - An error message.
 *
 * @cssproperty --ticket-list-cell-padding - Padding of table cells (default `--portal-space-s`).
 * @cssproperty --ticket-list-row-border - Border between rows (default 1px solid `--portal-color-border`).
 * @cssproperty --ticket-list-open-color - Colour of the "Open" status (default the accent).
 * @cssproperty --ticket-list-columns - Grid tracks of the visible columns, to override their widths.
 *
 * @attr api - Base URL of a Kundportal HTTP API, when no adapter is set or provided.
 * @attr status - Which tickets to show: `all` (default), `open` or `closed`. Reflected.
 * @attr q - Search text; only tickets whose subject contains it are shown. Reflected.
 * @attr sort - `-lastActivityAt` (default), `lastActivityAt`, `-createdAt` or `createdAt`; a
 *   leading `-` means newest first. Reflected.
 * @attr sync-url - Keep `status`, `q` and `sort` in the query of the URL's hash route
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
    syncUrl: { attribute: 'sync-url', type: Boolean },
    ticketHref: { attribute: 'ticket-href' },
    pageSize: { attribute: 'page-size', type: Number },
    columns: { attribute: false },
    tickets: { state: true },
    nextCursor: { state: true },
    config: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  /** Which tickets to show. */
  declare status: TicketStatusFilter;
  /** Search text; empty when not searching. */
  declare q: string;
  /** Order of the list. */
  declare sort: TicketSort;
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
  declare protected loading: boolean;
  declare protected error: PortalError | undefined;

  #loads = 0;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Index of the last row the virtualizer showed, to load the next page before it is reached. */
  #lastVisibleRow = -1;
  /** The state the markup asked for; with `sync-url`, what an URL without a query means. */
  #urlDefaults: TicketListState | undefined;

  constructor() {
    super();
    this.status = 'all';
    this.q = '';
    this.sort = '-lastActivityAt';
    this.syncUrl = false;
    this.ticketHref = '#/tickets/{id}';
    this.pageSize = 25;
    this.columns = undefined;
    this.tickets = undefined;
    this.nextCursor = null;
    this.config = undefined;
    this.loading = false;
    this.error = undefined;
  }

  /** The filter, search and sort in effect. */
  get listState(): TicketListState {
    return { status: this.status, q: this.q, sort: this.sort };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.#readUrl);
    window.addEventListener('hashchange', this.#readUrl);
    this.#urlDefaults ??= this.listState;
    this.#readUrl();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#readUrl);
    window.removeEventListener('hashchange', this.#readUrl);
    clearTimeout(this.#searchTimer);
  }

  protected override adapterChanged(adapter: PortalAdapter | undefined): void {
    this.tickets = undefined;
    if (adapter) void this.reload();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const queryChanged =
      changed.has('status') || changed.has('q') || changed.has('sort') || changed.has('pageSize');
    if (queryChanged && this.hasUpdated && this.portalAdapter) void this.reload();
  }

  /** Loads the first page again. */
  async reload(): Promise<void> {
    const adapter = this.portalAdapter;
    if (!adapter) return;
    const load = ++this.#loads;
    // The rows on screen stay until the new ones arrive, so the control in use keeps its focus.
    this.loading = true;
    this.error = undefined;
    this.#lastVisibleRow = -1;
    try {
      const [config, page] = await Promise.all([
        this.loadConfig(adapter),
        adapter.listTickets(this.#query()),
      ]);
      if (load !== this.#loads) return;
      this.config = config;
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
    this.loading = true;
    this.error = undefined;
    try {
      const page = await adapter.listTickets(this.#query(this.nextCursor));
      if (load !== this.#loads) return;
      this.tickets = [...(this.tickets ?? []), ...page.items];
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
    return { status: this.status, q: this.q, sort: this.sort, limit: this.pageSize, cursor };
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
    this.status = state.status;
    this.q = state.q;
    this.sort = state.sort;
    const event = new PortalListStateEvent(state, { replace });
    this.dispatchEvent(event);
    if (this.syncUrl && !event.defaultPrevented) this.#writeUrl(replace);
  }

  readonly #readUrl = (): void => {
    if (!this.syncUrl || !this.#urlDefaults) return;
    const state = listStateFromHash(window.location.hash, this.#urlDefaults);
    this.status = state.status;
    this.q = state.q;
    this.sort = state.sort;
  };

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

  /** Newest first on the first click of a column, then the other way round. */
  #sortBy(column: SortableColumn): void {
    const newestFirst: TicketSort = `-${column}`;
    this.#chooseListState({ sort: this.sort === newestFirst ? column : newestFirst });
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

  get #visibleColumns(): ColumnKey[] {
    return this.columns ?? this.config?.columns ?? [...DEFAULT_COLUMNS];
  }

  protected override render() {
    return html`<div part="base" class="base" aria-busy=${this.loading ? 'true' : 'false'}>
      ${this.#renderHeader()}
      <p class="visually-hidden" role="status">${this.#resultSummary()}</p>
      ${this.#renderBody()}
    </div>`;
  }

  #renderHeader() {
    return html`<div part="header" class="header">
      <h2 id="heading">Your tickets</h2>
      <div class="controls">
        <form part="search" role="search" @submit=${this.#submitSearch}>
          <label for="search">Search</label>
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
          Show
          <select part="filter" .value=${this.status} @change=${this.#changeStatus}>
            <option value="all" ?selected=${this.status === 'all'}>All</option>
            <option value="open" ?selected=${this.status === 'open'}>Open</option>
            <option value="closed" ?selected=${this.status === 'closed'}>Closed</option>
          </select>
        </label>
      </div>
    </div>`;
  }

  /** Said by screen readers after each load, so a search is heard to have done something. */
  #resultSummary(): string {
    const count = this.tickets?.length;
    if (count === undefined) return '';
    if (count === 0) return this.#noTicketsMessage();
    const tickets = `${count} ${count === 1 ? 'ticket' : 'tickets'}`;
    return this.nextCursor ? `${tickets} shown, more to load.` : `${tickets}.`;
  }

  #renderBody() {
    if (!this.portalAdapter) {
      return html`<p class="muted">
        Set the <code>api</code> attribute or an adapter to connect.
      </p>`;
    }
    const tickets = this.tickets;
    if (!tickets) {
      if (this.error) return renderError(this.error, { retry: () => void this.reload() });
      return html`<p class="muted">Loading tickets…</p>`;
    }
    if (tickets.length === 0) return this.#renderNoTickets();
    return html`${this.#renderTable(tickets)}${this.#renderFooter()}`;
  }

  #noTicketsMessage(): string {
    if (this.q.trim()) {
      const which = this.status === 'all' ? '' : `${this.status} `;
      return `No ${which}tickets match “${this.q.trim()}”.`;
    }
    if (this.status !== 'all') return NO_TICKETS_WITH_STATUS[this.status];
    return 'You have no tickets yet.';
  }

  #renderNoTickets() {
    const message = this.#noTicketsMessage();
    if (this.q.trim()) {
      return html`<div part="no-match" class="empty">
        <p>${message}</p>
        <button class="secondary" type="button" @click=${this.#clearSearch}>Clear search</button>
      </div>`;
    }
    if (this.status !== 'all') {
      return html`<div part="no-match" class="empty">
        <p>${message}</p>
        <button class="secondary" type="button" @click=${this.#showAllStatuses}>
          Show all tickets
        </button>
      </div>`;
    }
    return html`<p part="empty" class="empty">${message}</p>`;
  }

  /* eslint-disable lit-a11y/no-redundant-role -- the table's parts are restyled (see the class
     note), and browsers may drop the implicit roles of restyled table parts. */
  #renderTable(tickets: Ticket[]) {
    const columns = this.#visibleColumns;
    const tracks = { '--_columns': columns.map((column) => COLUMN_TRACKS[column]).join(' ') };
    // The total is unknown (-1) while more pages wait on the server; +1 counts the header row.
    const rowCount = this.nextCursor ? -1 : tickets.length + 1;
    return html`<table
      part="table"
      role="table"
      aria-labelledby="heading"
      aria-rowcount=${rowCount}
      style=${styleMap(tracks)}
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

  #renderColumnHeader(column: ColumnKey) {
    const label = COLUMN_LABELS[column];
    if (!isSortable(column)) return html`<th role="columnheader" scope="col">${label}</th>`;
    const direction =
      this.sort === column ? 'ascending' : this.sort === `-${column}` ? 'descending' : undefined;
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

  #renderAllRows(tickets: Ticket[], columns: ColumnKey[]) {
    return html`<tbody role="rowgroup">
      ${repeat(
        tickets,
        (ticket) => ticket.id,
        (ticket, index) => this.#renderRow(ticket, index, columns),
      )}
    </tbody>`;
  }

  /** Only the rows near the viewport are in the DOM; the page scrolls as if all were there. */
  #renderVirtualRows(tickets: Ticket[], columns: ColumnKey[]) {
    return html`<tbody role="rowgroup" class="virtual" @visibilityChanged=${this.#rowsShown}>
      ${virtualize({
        items: tickets,
        keyFunction: (ticket: Ticket) => ticket.id,
        renderItem: (ticket: Ticket, index: number) => this.#renderRow(ticket, index, columns),
      })}
    </tbody>`;
  }

  /* eslint-enable lit-a11y/no-redundant-role */

  #renderRow(ticket: Ticket, index: number, columns: ColumnKey[]) {
    return html`<tr part="row" role="row" aria-rowindex=${index + 2} data-ticket-id=${ticket.id}>
      ${columns.map((column) => this.#renderCell(ticket, column))}
    </tr>`;
  }

  #renderCell(ticket: Ticket, column: ColumnKey) {
    switch (column) {
      case 'id':
        return html`<td role="cell" class="id">${ticket.id}</td>`;
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
        return html`<td role="cell">${renderRelativeTime(ticket[column])}</td>`;
      case 'status': {
        const label = statusLabel(ticket, this.config ?? { statusDisplay: 'open-closed' });
        return html`<td role="cell">
          <span part="status" class="status ${ticket.status}">${label}</span>
        </td>`;
      }
    }
  }

  #renderFooter() {
    if (this.error) return renderError(this.error, { retry: () => void this.#loadMore() });
    if (!this.nextCursor) return nothing;
    return html`<button
      part="more"
      class="secondary more"
      type="button"
      ?disabled=${this.loading}
      @click=${this.#loadMore}
    >
      ${this.loading ? 'Loading…' : 'Load more'}
    </button>`;
  }
}
