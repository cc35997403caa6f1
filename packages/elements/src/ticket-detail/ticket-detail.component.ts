import {
  statusLabel,
  validateReply,
  type Message,
  type PortalAdapter,
  type PortalConfig,
  type PortalError,
  type Ticket,
} from '@kundportal/core';
import { html, nothing, type PropertyValues } from 'lit';
import { renderError } from '../shared/error-view.js';
import { PortalNavigateEvent, PortalReplySentEvent } from '../shared/events.js';
import { formatDateTime, isPlainClick, newIdempotencyKey } from '../shared/format.js';
import { PortalElement } from '../shared/portal-element.js';
import { styles } from './ticket-detail.styles.js';

const AUTHOR_KINDS: Record<Message['author']['kind'], string> = {
  agent: 'Support team',
  customer: 'Customer',
};

/**
 * @summary One ticket: its properties, the conversation of its latest thread, and a reply form
 * while it is open.
 *
 * @event portal-reply-sent - The server stored a reply; `event.message` is the stored message.
 * @event portal-navigate - "Back to tickets" was clicked (`event.route` is the list). Cancelable:
 *   cancel it to route yourself, or let the link follow `back-href`.
 * @event portal-error - Loading or sending failed; the element shows why.
 *
 * @csspart base - The wrapper around everything.
 * @csspart back - The "Back to tickets" link.
 * @csspart header - The subject and ticket properties.
 * @csspart conversation - The list of messages.
 * @csspart message - One message; also `message-agent` or `message-customer`.
 * @csspart reply-form - The reply `<form>`.
 * @csspart send - The "Send" button.
 * @csspart closed - The note saying the ticket is closed.
 * @csspart error - An error message.
 *
 * @cssproperty --ticket-detail-agent-background - Background of agent messages (default `--portal-color-surface`).
 * @cssproperty --ticket-detail-customer-background - Background of customer messages (default transparent).
 * @cssproperty --ticket-detail-message-gap - Space between messages (default `--portal-space-m`).
 *
 * @attr api - Base URL of a Kundportal HTTP API, when no adapter is set or provided.
 * @attr ticket-id - The ticket to show.
 * @attr back-href - Where "Back to tickets" leads (default `#/`).
 */
export class TicketDetail extends PortalElement {
  static override styles = styles;

  static override properties = {
    ticketId: { attribute: 'ticket-id' },
    backHref: { attribute: 'back-href' },
    ticket: { state: true },
    messages: { state: true },
    config: { state: true },
    loadError: { state: true },
    draft: { state: true },
    draftError: { state: true },
    sending: { state: true },
    sendError: { state: true },
  };

  /** Id of the ticket to show. */
  declare ticketId: string | undefined;
  /** Where "Back to tickets" leads. */
  declare backHref: string;
  declare protected ticket: Ticket | undefined;
  declare protected messages: Message[];
  declare protected config: PortalConfig | undefined;
  declare protected loadError: PortalError | undefined;
  declare protected draft: string;
  /** Why the draft cannot be sent yet (client-side check). */
  declare protected draftError: string | undefined;
  declare protected sending: boolean;
  declare protected sendError: PortalError | undefined;

  #loads = 0;
  /** The key of the draft last sent; a retry of the same text reuses it so it posts once. */
  #pendingReply: { text: string; key: string } | undefined;

  constructor() {
    super();
    this.ticketId = undefined;
    this.backHref = '#/';
    this.ticket = undefined;
    this.messages = [];
    this.config = undefined;
    this.loadError = undefined;
    this.draft = '';
    this.draftError = undefined;
    this.sending = false;
    this.sendError = undefined;
  }

  protected override adapterChanged(adapter: PortalAdapter | undefined): void {
    if (adapter) void this.reload();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('ticketId') && this.hasUpdated) {
      this.draft = '';
      this.draftError = undefined;
      this.sendError = undefined;
      this.#pendingReply = undefined;
      void this.reload();
    }
  }

  /** Loads the ticket and its conversation again. */
  async reload(): Promise<void> {
    const adapter = this.portalAdapter;
    const id = this.ticketId;
    if (!adapter || !id) return;
    const load = ++this.#loads;
    this.loadError = undefined;
    this.ticket = undefined;
    this.messages = [];
    try {
      const [config, ticket, messages] = await Promise.all([
        this.loadConfig(adapter),
        adapter.getTicket(id),
        adapter.listMessages(id),
      ]);
      if (load !== this.#loads) return;
      this.config = config;
      this.ticket = ticket;
      this.messages = messages;
    } catch (error) {
      if (load === this.#loads) this.loadError = this.reportError(error);
    }
  }

  #back(event: MouseEvent): void {
    if (!isPlainClick(event)) return;
    const navigate = new PortalNavigateEvent({ view: 'list' });
    this.dispatchEvent(navigate);
    if (navigate.defaultPrevented) event.preventDefault();
  }

  #input(event: Event): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    this.draftError = undefined;
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    void this.#send();
  }

  async #send(): Promise<void> {
    const adapter = this.portalAdapter;
    const ticket = this.ticket;
    if (!adapter || !ticket || this.sending) return;
    const text = this.draft;
    const problem = validateReply({ text }).text;
    if (problem) {
      this.draftError = problem;
      await this.updateComplete;
      this.renderRoot.querySelector('textarea')?.focus();
      return;
    }
    if (this.#pendingReply?.text !== text) this.#pendingReply = { text, key: newIdempotencyKey() };
    const { key } = this.#pendingReply;
    this.sending = true;
    this.sendError = undefined;
    try {
      const message = await adapter.reply(ticket.id, { text, idempotencyKey: key });
      this.#pendingReply = undefined;
      if (!this.messages.some((m) => m.id === message.id)) {
        this.messages = [...this.messages, message];
      }
      if (this.draft === text) this.draft = '';
      this.dispatchEvent(new PortalReplySentEvent(message));
    } catch (error) {
      this.sendError = this.reportError(error);
    } finally {
      this.sending = false;
    }
  }

  protected override render() {
    const busy = !this.ticket && !this.loadError && Boolean(this.portalAdapter && this.ticketId);
    return html`<div part="base" class="base" aria-busy=${busy ? 'true' : 'false'}>
      <a part="back" class="back" href=${this.backHref} @click=${this.#back}>Back to tickets</a>
      ${this.#renderBody()}
    </div>`;
  }

  #renderBody() {
    if (!this.portalAdapter) {
      return html`<p class="muted">
        Set the <code>api</code> attribute or an adapter to connect.
      </p>`;
    }
    if (!this.ticketId) return html`<p class="muted">No ticket chosen.</p>`;
    if (this.loadError) return renderError(this.loadError, { retry: () => void this.reload() });
    const ticket = this.ticket;
    if (!ticket) return html`<p class="muted">Loading ticket…</p>`;
    const config = this.config ?? { statusDisplay: 'open-closed' as const };
    return html`<div part="header" class="header">
        <h2>${ticket.subject}</h2>
        <dl>
          <div>
            <dt>Ticket</dt>
            <dd>${ticket.id}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd class="status ${ticket.status}">${statusLabel(ticket, config)}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd><time datetime=${ticket.createdAt}>${formatDateTime(ticket.createdAt)}</time></dd>
          </div>
        </dl>
      </div>
      <h3 class="visually-hidden">Conversation</h3>
      ${
        this.messages.length
          ? html`<ol part="conversation" class="conversation">
              ${this.messages.map((message) => this.#renderMessage(message))}
            </ol>`
          : html`<p class="muted">No messages yet.</p>`
      }
      ${
        ticket.status === 'closed'
          ? html`<p part="closed" class="closed">This ticket is closed.</p>`
          : this.#renderReplyForm()
      }`;
  }

  #renderMessage(message: Message) {
    const kind = message.author.kind;
    return html`<li part="message message-${kind}" class="message ${kind}">
      <p class="meta">
        <strong class="author">${message.author.name}</strong>
        <span class="kind">${AUTHOR_KINDS[kind]}</span>
        <time datetime=${message.createdAt}>${formatDateTime(message.createdAt)}</time>
      </p>
      <p class="text">${message.text}</p>
    </li>`;
  }

  #renderReplyForm() {
    return html`<form
      part="reply-form"
      class="reply"
      novalidate
      @submit=${this.#submit}
      aria-busy=${this.sending ? 'true' : 'false'}
    >
      <label for="reply">Your reply</label>
      <textarea
        id="reply"
        name="text"
        rows="5"
        required
        .value=${this.draft}
        ?readonly=${this.sending}
        aria-invalid=${this.draftError ? 'true' : 'false'}
        aria-describedby=${this.draftError ? 'reply-error' : nothing}
        @input=${this.#input}
      ></textarea>
      ${
        this.draftError
          ? html`<p id="reply-error" class="field-error">${this.draftError}</p>`
          : nothing
      }
      ${
        this.sendError
          ? renderError(this.sendError, {
              retry: () => void this.#send(),
              overrides: { conflict: true, validation: true },
            })
          : nothing
      }
      <div>
        <button part="send" type="submit" ?disabled=${this.sending}>
          ${this.sending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </form>`;
  }
}
