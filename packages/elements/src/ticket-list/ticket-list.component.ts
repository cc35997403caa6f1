import {
  DEFAULT_COLUMNS,
  statusLabel,
  type ColumnKey,
  type PortalAdapter,
  type PortalConfig,
  type PortalError,
  type Ticket,
  type TicketStatus,
} from '@kundportal/core';
import { html, nothing, type PropertyValues } from 'lit';
import { renderError } from '../shared/error-view.js';
import { PortalTicketOpenEvent } from '../shared/events.js';
import { formatDateTime, isPlainClick } from '../shared/format.js';
import { PortalElement } from '../shared/portal-element.js';
import { styles } from './ticket-list.styles.js';

export type TicketStatusFilter = TicketStatus | 'all';

const COLUMN_LABELS: Record<ColumnKey, string> = {
  id: 'ID',
  subject: 'Subject',
  createdAt: 'Created',
  lastActivityAt: 'Last activity',
  status: 'Status',
};

const EMPTY_MESSAGES: Record<TicketStatusFilter, string> = {
  all: 'You have no tickets yet.',
  open: 'You have no open tickets.',
  closed: 'You have no closed tickets.',
};

/**
 * @summary The signed-in customer's tickets, open and closed, newest activity first.
 *
 * @event portal-ticket-open - A ticket's subject was clicked; `event.ticketId` says which.
 *   Cancelable: cancel it to route yourself, or let the link follow `ticket-href`.
 * @event portal-error - Loading failed; the list shows why.
 *
 * @csspart base - The wrapper around the toolbar and table.
 * @csspart header - The heading and status filter.
 * @csspart filter - The status `<select>`.
 * @csspart table - The `<table>`.
 * @csspart row - One ticket's row.
 * @csspart link - The subject link of a row.
 * @csspart status - The status cell text.
 * @csspart empty - The message shown when there are no tickets.
 * @csspart more - The "Load more" button.
 * @csspart error - An error message.
 *
 * @cssproperty --ticket-list-cell-padding - Padding of table cells (default `--portal-space-s`).
 * @cssproperty --ticket-list-row-border - Border between rows (default 1px solid `--portal-color-border`).
 * @cssproperty --ticket-list-open-color - Colour of the "Open" status (default the accent).
 *
 * @attr api - Base URL of a Kundportal HTTP API, when no adapter is set or provided.
 * @attr status - Which tickets to show: `all` (default), `open` or `closed`.
 * @attr ticket-href - Link of each ticket, `{id}` standing for its id (default `#/tickets/{id}`).
 * @attr page-size - Tickets per page (default 25).
 */
export class TicketList extends PortalElement {
  static override styles = styles;

  static override properties = {
    status: {},
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

  constructor() {
    super();
    this.status = 'all';
    this.ticketHref = '#/tickets/{id}';
    this.pageSize = 25;
    this.columns = undefined;
    this.tickets = undefined;
    this.nextCursor = null;
    this.config = undefined;
    this.loading = false;
    this.error = undefined;
  }

  protected override adapterChanged(adapter: PortalAdapter | undefined): void {
    if (adapter) void this.reload();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const filtersChanged = changed.has('status') || changed.has('pageSize');
    if (filtersChanged && this.hasUpdated && this.portalAdapter) void this.reload();
  }

  /** Loads the first page again. */
  async reload(): Promise<void> {
    const adapter = this.portalAdapter;
    if (!adapter) return;
    const load = ++this.#loads;
    this.loading = true;
    this.error = undefined;
    this.tickets = undefined;
    try {
      const [config, page] = await Promise.all([
        this.loadConfig(adapter),
        adapter.listTickets({ status: this.status, limit: this.pageSize }),
      ]);
      if (load !== this.#loads) return;
      this.config = config;
      this.tickets = page.items;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (load === this.#loads) this.error = this.reportError(error);
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
      const page = await adapter.listTickets({
        status: this.status,
        limit: this.pageSize,
        cursor: this.nextCursor,
      });
      if (load !== this.#loads) return;
      this.tickets = [...(this.tickets ?? []), ...page.items];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (load === this.#loads) this.error = this.reportError(error);
    } finally {
      if (load === this.#loads) this.loading = false;
    }
  }

  #changeStatus(event: Event): void {
    this.status = (event.target as HTMLSelectElement).value as TicketStatusFilter;
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

  protected override render() {
    return html`<div part="base" class="base" aria-busy=${this.loading ? 'true' : 'false'}>
      <div part="header" class="header">
        <h2>Your tickets</h2>
        <label>
          Show
          <select part="filter" .value=${this.status} @change=${this.#changeStatus}>
            <option value="all" ?selected=${this.status === 'all'}>All</option>
            <option value="open" ?selected=${this.status === 'open'}>Open</option>
            <option value="closed" ?selected=${this.status === 'closed'}>Closed</option>
          </select>
        </label>
      </div>
      ${this.#renderBody()}
    </div>`;
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
    if (tickets.length === 0) {
      return html`<p part="empty" class="empty">${EMPTY_MESSAGES[this.status]}</p>`;
    }
    const columns = this.columns ?? this.config?.columns ?? [...DEFAULT_COLUMNS];
    return html`<table part="table">
        <thead>
          <tr>
            ${columns.map((column) => html`<th scope="col">${COLUMN_LABELS[column]}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${tickets.map(
            (ticket) =>
              html`<tr part="row" data-ticket-id=${ticket.id}>
                ${columns.map((column) => this.#renderCell(ticket, column))}
              </tr>`,
          )}
        </tbody>
      </table>
      ${
        this.error
          ? renderError(this.error, { retry: () => void this.#loadMore() })
          : this.nextCursor
            ? html`<button
                part="more"
                class="secondary more"
                type="button"
                ?disabled=${this.loading}
                @click=${this.#loadMore}
              >
                ${this.loading ? 'Loading…' : 'Load more'}
              </button>`
            : nothing
      }`;
  }

  #renderCell(ticket: Ticket, column: ColumnKey) {
    switch (column) {
      case 'id':
        return html`<td class="id">${ticket.id}</td>`;
      case 'subject':
        return html`<td>
          <a
            part="link"
            href=${this.#href(ticket)}
            @click=${(event: MouseEvent) => this.#openTicket(event, ticket)}
            >${ticket.subject}</a
          >
        </td>`;
      case 'createdAt':
      case 'lastActivityAt':
        return html`<td>
          <time datetime=${ticket[column]}>${formatDateTime(ticket[column])}</time>
        </td>`;
      case 'status': {
        const label = statusLabel(ticket, this.config ?? { statusDisplay: 'open-closed' });
        return html`<td><span part="status" class="status ${ticket.status}">${label}</span></td>`;
      }
    }
  }
}
