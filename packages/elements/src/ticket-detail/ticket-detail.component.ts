import {
  formatBytes,
  validateFiles,
  validateReply,
  type Attachment,
  type Message,
  type PortalAdapter,
  type PortalConfig,
  type PortalError,
  type PortalEvent,
  type Ticket,
} from '@kundportal/core';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { renderConnectHint, renderError } from '../shared/error-view.js';
import {
  PortalNavigateEvent,
  PortalReplySentEvent,
  PortalTicketLoadedEvent,
} from '../shared/events.js';
import {
  ChosenFiles,
  renderFilePicker,
  renderUploadProgress,
  type UploadProgress,
} from '../shared/file-picker.js';
import { isPlainClick, newIdempotencyKey, ticketStatusLabel } from '../shared/format.js';
import { getLocale } from '../shared/locale.js';
import { PortalElement } from '../shared/portal-element.js';
import { RelativeTimeController, renderRelativeTime } from '../shared/relative-time.js';
import {
  clearReplyDraft,
  loadDraftFiles,
  loadReplyDraft,
  saveDraftFiles,
  saveReplyDraft,
} from '../shared/reply-draft.js';
import { loadSanitizerFor, safeMessageHtml } from './message-html.js';
import { styles } from './ticket-detail.styles.js';

/** Who wrote a message, in the language shown. */
const AUTHOR_KINDS: Record<Message['author']['kind'], () => string> = {
  agent: () => msg('Support team'),
  customer: () => msg('Customer'),
};

/** Only web addresses become download links: a `javascript:` URL must never be clickable. */
function isWebUrl(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url, document.baseURI).protocol);
  } catch {
    return false;
  }
}

/** `messages` with `message` added, oldest first, once however often it is heard of. */
function withMessage(messages: Message[], message: Message): Message[] {
  if (messages.some((m) => m.id === message.id)) return messages;
  return [...messages, message].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * @summary One ticket: its properties, the conversation of its latest thread (kept up to date
 * as messages arrive), and a reply form with attachments while it is open.
 *
 * The reply being written is kept in localStorage (`kundportal:draft:<ticket id>`) with its
 * idempotency key until the server has stored it, so a reload does not lose it and a retry
 * after a dropped connection posts it once. Files chosen for it (with the picker, or dropped
 * anywhere on the reply form) are kept in memory with it until then, as browsers cannot store
 * them; they are checked against the portal's attachment limits before anything is sent, and
 * a progress bar shows their upload. Agents' messages that carry HTML are shown sanitized
 * (basic formatting and links); everything else is shown as text.
 *
 * @event portal-ticket-loaded - The ticket has loaded; `event.ticket` is the ticket (`customer-portal`
 *   names the page after it).
 * @event portal-reply-sent - The server stored a reply; `event.message` is the stored message.
 * @event portal-navigate - "Back to tickets" was clicked (`event.route` is the list). Cancelable:
 *   cancel it to route yourself, or let the link follow `back-href`.
 * @event portal-error - Loading or sending failed; the element shows why.
 *
 * @csspart base - The wrapper around everything.
 * @csspart back - The "Back to tickets" link.
 * @csspart header - The subject and ticket properties.
 * @csspart heading - The ticket's subject (focused when the ticket opens).
 * @csspart conversation - The list of messages.
 * @csspart message - One message; also `message-agent` or `message-customer`.
 * @csspart attachments - The list of a message's attachments.
 * @csspart attachment - The download link of one attachment.
 * @csspart reply-form - The reply `<form>`; files dropped anywhere on it are attached.
 * @csspart file-picker - The attachment field: label, file input, chosen files and errors.
 * @csspart help - The hint under the attachment label.
 * @csspart files - The list of chosen files.
 * @csspart remove-file - The "Remove" button of a chosen file.
 * @csspart field-error - What is wrong with the chosen files.
 * @csspart upload - The upload progress bar and its label, while files are sent.
 * @csspart send - The "Send" button.
 * @csspart closed - The note saying the ticket is closed.
 * @csspart error - An error message.
 * @csspart retry - The "Retry" button of an error that retrying can fix.
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
    uploadProgress: { state: true },
    announcement: { state: true },
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
  /** How far the files of the reply being sent have uploaded; `undefined` before any report. */
  declare protected uploadProgress: UploadProgress | undefined;
  /** Said by screen readers: a message that arrived while the ticket is open. */
  declare protected announcement: string;

  #loads = 0;
  /** Files for the reply; kept with the draft of the ticket shown. */
  readonly #files = new ChosenFiles(this, {
    changed: (files) => {
      if (this.ticketId) saveDraftFiles(this.ticketId, files);
    },
    locked: () => this.sending,
  });
  /** Idempotency key of the draft: made at its first keystroke, dropped once the server has it. */
  #draftKey: string | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    // Keeps "3 minutes ago" true while the element stays on screen.
    new RelativeTimeController(this);
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
    this.uploadProgress = undefined;
    this.announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the DOM: the adapter did not change, so listen to it again here.
    if (this.hasUpdated) this.#listen(this.portalAdapter);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  protected override adapterChanged(adapter: PortalAdapter | undefined): void {
    this.#listen(adapter);
    if (adapter) void this.reload();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('ticketId')) {
      this.#restoreDraft();
      if (this.hasUpdated) void this.reload();
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
    this.announcement = '';
    try {
      const [config, ticket, messages] = await Promise.all([
        this.loadConfig(adapter),
        adapter.getTicket(id),
        adapter.listMessages(id),
      ]);
      // Agents' HTML shows once the sanitizer is here; should it fail to load, as text.
      await loadSanitizerFor(messages).catch(() => {});
      if (load !== this.#loads) return;
      this.config = config;
      this.ticket = ticket;
      this.messages = messages;
      this.dispatchEvent(new PortalTicketLoadedEvent(ticket));
    } catch (error) {
      if (load === this.#loads) this.loadError = this.reportError(error);
    }
  }

  #listen(adapter: PortalAdapter | undefined): void {
    this.#unsubscribe?.();
    this.#unsubscribe = adapter?.subscribe(this.#hear);
  }

  /** Messages and status changes of this ticket, as they happen. */
  readonly #hear = (event: PortalEvent): void => {
    const shown = this.ticket?.id;
    if (event.type === 'message' && event.message.ticketId === shown) {
      const known = this.messages.some((message) => message.id === event.message.id);
      this.messages = withMessage(this.messages, event.message);
      loadSanitizerFor([event.message]).then(
        () => this.requestUpdate(),
        () => {},
      );
      // The customer's own replies are announced by the form; others' are news.
      if (!known && event.message.author.kind === 'agent') {
        const name = event.message.author.name;
        this.announcement = msg(str`New message from ${name}.`);
      }
    } else if (event.type === 'ticket' && event.ticket.id === shown) {
      this.ticket = event.ticket;
    }
  };

  #restoreDraft(): void {
    const stored = this.ticketId ? loadReplyDraft(this.ticketId) : undefined;
    this.draft = stored?.text ?? '';
    this.#draftKey = stored?.idempotencyKey;
    this.#files.restore(this.ticketId ? loadDraftFiles(this.ticketId) : []);
    this.draftError = undefined;
    this.sendError = undefined;
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
    this.#storeDraft();
  }

  /**
   * Edits after a failed send keep the key: if that send did land, the server answers with it
   * and the conversation shows what was really sent, instead of posting twice. Emptying the
   * box discards the draft, key and all.
   */
  #storeDraft(): void {
    const ticketId = this.ticketId;
    if (!ticketId) return;
    if (!this.draft.trim()) {
      this.#draftKey = undefined;
      clearReplyDraft(ticketId);
      return;
    }
    this.#draftKey ??= newIdempotencyKey();
    saveReplyDraft(ticketId, { text: this.draft, idempotencyKey: this.#draftKey });
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    void this.#send();
  }

  readonly #showProgress = (sent: number, total: number): void => {
    this.uploadProgress = { sent, total };
  };

  /** What is wrong with the chosen files, by the portal's limits; `undefined` when nothing. */
  get #filesProblem(): string | undefined {
    const limits = this.config?.attachments;
    return limits ? validateFiles(this.#files.files, limits, getLocale()).files : undefined;
  }

  async #send(): Promise<void> {
    const adapter = this.portalAdapter;
    const ticket = this.ticket;
    if (!adapter || !ticket || this.sending) return;
    const text = this.draft;
    this.draftError = validateReply({ text }, getLocale()).text;
    if (this.draftError || this.#filesProblem) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.#storeDraft();
    const idempotencyKey = this.#draftKey ?? newIdempotencyKey();
    this.sending = true;
    this.sendError = undefined;
    this.uploadProgress = undefined;
    try {
      const files = [...this.#files.files];
      const message = await adapter.reply(ticket.id, {
        text,
        idempotencyKey,
        ...(files.length ? { files, onProgress: this.#showProgress } : {}),
      });
      clearReplyDraft(ticket.id);
      if (this.ticket?.id === ticket.id) {
        this.messages = withMessage(this.messages, message);
        this.draft = '';
        this.#draftKey = undefined;
        this.#files.restore([]);
        this.announcement = msg('Your reply was sent.');
      }
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
      <a part="back" class="back" href=${this.backHref} @click=${this.#back}
        >${msg('Back to tickets')}</a
      >
      ${this.#renderBody()}
    </div>`;
  }

  #renderBody() {
    if (!this.portalAdapter) {
      return renderConnectHint();
    }
    if (!this.ticketId) return html`<p class="muted">${msg('No ticket chosen.')}</p>`;
    if (this.loadError) return renderError(this.loadError, { retry: () => void this.reload() });
    const ticket = this.ticket;
    if (!ticket) return html`<p class="muted" role="status">${msg('Loading ticket…')}</p>`;
    const labels: Record<string, string> = this.config?.propertyLabels ?? {};
    const labelled = Object.entries(ticket.properties).filter(
      ([name, value]) => value && labels[name],
    );
    return html`<div part="header" class="header">
        <h2 part="heading" tabindex="-1">${ticket.subject}</h2>
        <dl>
          <div>
            <dt>${msg('Ticket')}</dt>
            <dd>${ticket.id}</dd>
          </div>
          <div>
            <dt>${msg('Status', { id: 'column.status' })}</dt>
            <dd class="status ${ticket.status}">${ticketStatusLabel(ticket, this.config)}</dd>
          </div>
          <div>
            <dt>${msg('Created', { id: 'column.created' })}</dt>
            <dd>${renderRelativeTime(ticket.createdAt)}</dd>
          </div>
          ${labelled.map(
            ([name, value]) =>
              html`<div>
                <dt>${labels[name]}</dt>
                <dd>${value}</dd>
              </div>`,
          )}
        </dl>
      </div>
      <h3 class="visually-hidden">${msg('Conversation')}</h3>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${
        this.messages.length
          ? html`<ol part="conversation" class="conversation">
              ${this.messages.map((message) => this.#renderMessage(message))}
            </ol>`
          : html`<p class="muted">${msg('No messages yet.')}</p>`
      }
      ${
        ticket.status === 'closed'
          ? html`<p part="closed" class="closed">${msg('This ticket is closed.')}</p>`
          : this.#renderReplyForm()
      }`;
  }

  #renderMessage(message: Message) {
    const kind = message.author.kind;
    return html`<li part="message message-${kind}" class="message ${kind}">
      <p class="meta">
        <strong class="author">${message.author.name}</strong>
        <span class="kind">${AUTHOR_KINDS[kind]()}</span>
        ${renderRelativeTime(message.createdAt)}
      </p>
      ${this.#renderMessageBody(message)}${this.#renderAttachments(message.attachments)}
    </li>`;
  }

  #renderMessageBody(message: Message) {
    const safe = safeMessageHtml(message);
    if (safe === undefined) return html`<p class="text">${message.text}</p>`;
    return html`<div class="text html">${unsafeHTML(safe)}</div>`;
  }

  #renderAttachments(attachments: Attachment[]) {
    if (!attachments.length) return nothing;
    return html`<ul part="attachments" class="attachments" aria-label=${msg('Attachments')}>
      ${attachments.map(
        (attachment) =>
          html`<li>
            ${
              isWebUrl(attachment.url)
                ? html`<a part="attachment" href=${attachment.url} download=${attachment.name}
                    >${attachment.name}</a
                  >`
                : attachment.name
            }
            <span class="muted">${formatBytes(attachment.size, getLocale())}</span>
          </li>`,
      )}
    </ul>`;
  }

  #renderReplyForm() {
    const files = this.#files;
    return html`<form
      part="reply-form"
      class="reply drop-zone ${files.dragging ? 'dragging' : ''}"
      novalidate
      @submit=${this.#submit}
      @dragover=${files.dragOver}
      @dragleave=${files.dragLeave}
      @drop=${files.drop}
      aria-busy=${this.sending ? 'true' : 'false'}
    >
      <label for="reply">${msg('Your reply')}</label>
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
      ${renderFilePicker(files, {
        id: 'reply-files',
        name: 'files',
        label: msg('Attach files'),
        error: this.#filesProblem ?? this.sendError?.fields['files'],
        limits: this.config?.attachments,
      })}
      ${this.sending && files.files.length ? renderUploadProgress(this.uploadProgress) : nothing}
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
          ${this.sending ? msg('Sending…', { id: 'sending' }) : msg('Send')}
        </button>
      </div>
    </form>`;
  }
}
