import {
  PortalError,
  validateFiles,
  validateNewTicket,
  type FieldErrors,
  type NewTicketInput,
  type PortalAdapter,
  type PortalConfig,
  type SupportFormField,
  type Ticket,
} from '@kundportal/core';
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { renderConnectHint, renderError } from '../shared/error-view.js';
import { PortalTicketCreatedEvent } from '../shared/events.js';
import {
  ChosenFiles,
  renderFilePicker,
  renderUploadProgress,
  type UploadProgress,
} from '../shared/file-picker.js';
import { newIdempotencyKey } from '../shared/format.js';
import { PortalElement } from '../shared/portal-element.js';
import { getLocale } from '../shared/locale.js';
import { clearTicketDraft, loadTicketDraft, saveTicketDraft } from './support-form-draft.js';
import { styles } from './support-form.styles.js';

/** Subject and description are on every ticket, whether or not the config lists them. */
const subjectField = (): SupportFormField => ({
  name: 'subject',
  label: msg('Subject', { id: 'column.subject' }),
  type: 'text',
  required: true,
});
const descriptionField = (): SupportFormField => ({
  name: 'description',
  label: msg('Description'),
  type: 'textarea',
  required: true,
});

/** What the form sends, but for the key and the progress listener. */
type TicketValues = Omit<NewTicketInput, 'idempotencyKey' | 'onProgress'> & { files: File[] };

function formFields(config: PortalConfig): SupportFormField[] {
  const fields = config.supportForm.fields;
  return [
    ...(fields.some((f) => f.name === 'subject') ? [] : [subjectField()]),
    ...fields,
    ...(fields.some((f) => f.name === 'description') ? [] : [descriptionField()]),
  ];
}

/**
 * @summary A new support ticket from the fields the portal config lists. Each submission
 * creates one ticket, also when it is retried; what was typed survives a reload until the
 * server has filed it.
 *
 * Fields are text, textarea, email, number, date, select or file, each with its label, a
 * marker when required, and help text. A file field takes several files from its picker or
 * dropped onto it; they are checked against the portal's attachment limits before anything is
 * sent, and a progress bar shows their upload. The checks mirror the server's, whose field
 * errors show on their fields too.
 *
 * @event portal-ticket-created - The ticket was filed; `event.ticket` is the new ticket.
 * @event portal-error - Loading the form or filing the ticket failed; the form shows why.
 *
 * @csspart base - The wrapper around the heading and form.
 * @csspart form - The `<form>`.
 * @csspart field - One field's label, control, help and error; a file field takes dropped files.
 * @csspart file-picker - A file field's label, file input, chosen files and error.
 * @csspart files - The list of files chosen in a file field.
 * @csspart remove-file - The "Remove" button of a chosen file.
 * @csspart upload - The upload progress bar and its label, while files are sent.
 * @csspart help - A field's help text.
 * @csspart field-error - A field's error message.
 * @csspart submit - The submit button.
 * @csspart success - The note saying which ticket was created.
 * @csspart error - An error message.
 * @csspart retry - The "Retry" button of an error that retrying can fix.
 *
 * @cssproperty --support-form-max-width - Widest the form gets (default 40rem).
 * @cssproperty --support-form-gap - Space between fields (default `--portal-space-l`).
 * @cssproperty --support-form-required-color - Colour of the required marker (default the danger colour).
 *
 * @attr api - Base URL of a Kundportal HTTP API, when no adapter is set or provided.
 * @attr heading - The heading above the form (default "File a support ticket"; empty hides it).
 */
export class SupportForm extends PortalElement {
  static override styles = styles;

  static override properties = {
    heading: {},
    config: { state: true },
    loadError: { state: true },
    values: { state: true },
    fieldErrors: { state: true },
    submitting: { state: true },
    submitError: { state: true },
    created: { state: true },
    uploadProgress: { state: true },
  };

  /** Heading above the form. */
  declare heading: string | undefined;
  declare protected config: PortalConfig | undefined;
  declare protected loadError: PortalError | undefined;
  declare protected values: Record<string, string>;
  declare protected fieldErrors: FieldErrors;
  declare protected submitting: boolean;
  declare protected submitError: PortalError | undefined;
  declare protected created: Ticket | undefined;
  /** How far the files being sent have uploaded; `undefined` before any report. */
  declare protected uploadProgress: UploadProgress | undefined;

  #loads = 0;
  /** The idempotency key of the ticket being written, from its first keystroke until filed. */
  #draftKey: string | undefined;
  /** Files chosen in each file field, by field name. */
  readonly #files = new Map<string, ChosenFiles>();

  constructor() {
    super();
    this.heading = undefined;
    this.config = undefined;
    this.loadError = undefined;
    // A ticket written before a reload, or before a send whose answer never came.
    const draft = loadTicketDraft();
    this.values = draft ? { ...draft.values } : {};
    this.#draftKey = draft?.idempotencyKey;
    this.fieldErrors = {};
    this.submitting = false;
    this.submitError = undefined;
    this.created = undefined;
    this.uploadProgress = undefined;
  }

  protected override adapterChanged(adapter: PortalAdapter | undefined): void {
    if (adapter) void this.#load(adapter);
  }

  async #load(adapter: PortalAdapter): Promise<void> {
    const load = ++this.#loads;
    this.loadError = undefined;
    this.config = undefined;
    try {
      const config = await this.loadConfig(adapter);
      if (load === this.#loads) this.config = config;
    } catch (error) {
      if (load === this.#loads) this.loadError = this.reportError(error);
    }
  }

  #input(event: Event): void {
    const control = event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    this.values = { ...this.values, [control.name]: control.value };
    this.#forgetError(control.name);
    this.#storeDraft();
  }

  /**
   * Keeps the values and their key. Edits after a failed send keep the key: if that send did
   * land, the server answers with the ticket it filed instead of filing a second one. Emptying
   * every field discards the draft, key and all.
   */
  #storeDraft(): void {
    const values = Object.fromEntries(
      Object.entries(this.values).filter(([, value]) => value.trim()),
    );
    if (!Object.keys(values).length) {
      this.#draftKey = undefined;
      clearTicketDraft();
      return;
    }
    this.#draftKey ??= newIdempotencyKey();
    saveTicketDraft({ values, idempotencyKey: this.#draftKey });
  }

  /** The field changed: its old error no longer applies, nor does the last success note. */
  #forgetError(name: string): void {
    if (this.fieldErrors[name]) {
      const rest = { ...this.fieldErrors };
      delete rest[name];
      this.fieldErrors = rest;
    }
    this.created = undefined;
  }

  #filesOf(field: SupportFormField): ChosenFiles {
    let chosen = this.#files.get(field.name);
    if (!chosen) {
      chosen = new ChosenFiles(this, {
        changed: () => this.#forgetError(field.name),
        locked: () => this.submitting,
      });
      this.#files.set(field.name, chosen);
    }
    return chosen;
  }

  #fileFields(config: PortalConfig): SupportFormField[] {
    return config.supportForm.fields.filter((field) => field.type === 'file');
  }

  /** Every file chosen in the form; one ticket carries them all. */
  #allFiles(config: PortalConfig): File[] {
    return this.#fileFields(config).flatMap((field) => [...this.#filesOf(field).files]);
  }

  /**
   * What is wrong with the chosen files, on the field that holds them; the size of all files
   * together goes on the first file field.
   */
  #fileErrors(config: PortalConfig): FieldErrors {
    const limits = config.attachments;
    const errors: FieldErrors = {};
    const fields = this.#fileFields(config);
    for (const field of fields) {
      const problem = validateFiles(this.#filesOf(field).files, limits, getLocale()).files;
      if (problem) errors[field.name] = problem;
    }
    const together = validateFiles(this.#allFiles(config), limits, getLocale()).files;
    if (fields[0] && together && !Object.keys(errors).length) errors[fields[0].name] = together;
    return errors;
  }

  /** The server's field errors, its error about the files moved onto the first file field. */
  #serverFieldErrors(config: PortalConfig, fields: FieldErrors): FieldErrors {
    const [first] = this.#fileFields(config);
    const { files, ...others } = fields;
    return first && files ? { ...others, [first.name]: files } : fields;
  }

  #ticketInput(config: PortalConfig): TicketValues {
    const { subject = '', description = '' } = this.values;
    const properties: Record<string, string> = {};
    for (const field of config.supportForm.fields) {
      if (field.name === 'subject' || field.name === 'description' || field.type === 'file')
        continue;
      const value = this.values[field.name]?.trim();
      if (value) properties[field.name] = value;
    }
    return { subject, description, properties, files: this.#allFiles(config) };
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    void this.#create();
  }

  async #create(): Promise<void> {
    const adapter = this.portalAdapter;
    const config = this.config;
    if (!adapter || !config || this.submitting) return;
    const input = this.#ticketInput(config);
    const errors = {
      ...validateNewTicket(input, config, getLocale()),
      ...this.#fileErrors(config),
    };
    this.submitError = undefined;
    if (Object.keys(errors).length) {
      this.fieldErrors = errors;
      await this.#focusFirstError();
      return;
    }
    this.#storeDraft();
    const idempotencyKey = this.#draftKey ?? newIdempotencyKey();
    this.submitting = true;
    this.uploadProgress = undefined;
    try {
      const { files, ...fields } = input;
      const ticket = await adapter.createTicket({
        ...fields,
        idempotencyKey,
        ...(files.length ? { files, onProgress: this.#showProgress } : {}),
      });
      clearTicketDraft();
      this.#draftKey = undefined;
      this.values = {};
      this.fieldErrors = {};
      for (const chosen of this.#files.values()) chosen.clear();
      this.created = ticket;
      this.dispatchEvent(new PortalTicketCreatedEvent(ticket));
    } catch (error) {
      const portalError = this.reportError(error);
      if (PortalError.is(portalError, 'validation') && Object.keys(portalError.fields).length) {
        this.fieldErrors = this.#serverFieldErrors(config, portalError.fields);
      }
      this.submitError = portalError;
    } finally {
      this.submitting = false;
    }
    if (Object.keys(this.fieldErrors).length) await this.#focusFirstError();
  }

  readonly #showProgress = (sent: number, total: number): void => {
    this.uploadProgress = { sent, total };
  };

  async #focusFirstError(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  protected override render() {
    const busy = !this.config && !this.loadError && Boolean(this.portalAdapter);
    const heading = this.heading ?? msg('File a support ticket', { id: 'file-ticket' });
    return html`<div part="base" class="base" aria-busy=${busy ? 'true' : 'false'}>
      ${heading ? html`<h2>${heading}</h2>` : nothing} ${this.#renderBody()}
    </div>`;
  }

  #renderBody() {
    if (!this.portalAdapter) {
      return renderConnectHint();
    }
    if (this.loadError) {
      const adapter = this.portalAdapter;
      return renderError(this.loadError, { retry: () => void this.#load(adapter) });
    }
    const config = this.config;
    if (!config) return html`<p class="muted">${msg('Loading the form…')}</p>`;
    const fields = formFields(config);
    const onForm = new Set(fields.map((f) => f.name));
    // Server errors about fields this form does not show still need saying somewhere.
    const stray = Object.entries(this.fieldErrors).filter(([name]) => !onForm.has(name));
    return html`${
        this.created
          ? html`<p part="success" class="success" role="status">
              ${msg(str`Ticket ${this.created.id} was created.`)}
            </p>`
          : nothing
      }
      <form
        part="form"
        novalidate
        @submit=${this.#submit}
        aria-busy=${this.submitting ? 'true' : 'false'}
      >
        <p class="muted legend">
          ${msg(html`Fields marked <span aria-hidden="true">*</span> are required.`, {
            id: 'required-legend',
          })}
        </p>
        ${fields.map((field) => this.#renderField(field))}
        ${
          stray.length
            ? html`<ul class="field-error" role="alert">
                ${stray.map(([, message]) => html`<li>${message}</li>`)}
              </ul>`
            : nothing
        }
        ${
          this.submitError && !Object.keys(this.fieldErrors).length
            ? renderError(this.submitError, { retry: () => void this.#create() })
            : nothing
        }
        ${
          this.submitting && this.#allFiles(config).length
            ? renderUploadProgress(this.uploadProgress)
            : nothing
        }
        <div>
          <button part="submit" type="submit" ?disabled=${this.submitting}>
            ${this.submitting ? msg('Sending…', { id: 'sending' }) : msg('Send ticket')}
          </button>
        </div>
      </form>`;
  }

  #renderField(field: SupportFormField) {
    if (field.type === 'file') return this.#renderFileField(field);
    const id = `field-${field.name}`;
    const error = this.fieldErrors[field.name];
    return html`<div part="field" class="field">
      <label for=${id}>${field.label}${this.#requiredMarker(field)}</label>
      ${field.help ? html`<p part="help" class="help" id="${id}-help">${field.help}</p>` : nothing}
      ${this.#renderControl(field, id, error)}
      ${
        error
          ? html`<p part="field-error" class="field-error" id="${id}-error">${error}</p>`
          : nothing
      }
    </div>`;
  }

  #requiredMarker(field: SupportFormField) {
    return field.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing;
  }

  #renderControl(field: SupportFormField, id: string, error: string | undefined) {
    const described = [field.help ? `${id}-help` : '', error ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ');
    const value = this.values[field.name] ?? '';
    const invalid = error ? 'true' : 'false';
    const describedBy = described || nothing;
    switch (field.type) {
      case 'textarea':
        return html`<textarea
          id=${id}
          name=${field.name}
          rows="6"
          ?required=${field.required}
          .value=${value}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
          @input=${this.#input}
        ></textarea>`;
      case 'select':
        return html`<select
          id=${id}
          name=${field.name}
          ?required=${field.required}
          .value=${value}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
          @change=${this.#input}
        >
          <option value="" ?selected=${value === ''}>${msg('Choose…')}</option>
          ${(field.options ?? []).map(
            (option) => html`<option ?selected=${value === option}>${option}</option>`,
          )}
        </select>`;
      default:
        return html`<input
          id=${id}
          name=${field.name}
          type=${field.type}
          ?required=${field.required}
          .value=${value}
          autocomplete=${field.type === 'email' ? 'email' : 'off'}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
          @input=${this.#input}
        />`;
    }
  }

  /** A file picker; files dropped anywhere on the field join it. */
  #renderFileField(field: SupportFormField) {
    const chosen = this.#filesOf(field);
    return html`<div
      part="field"
      class="field drop-zone ${chosen.dragging ? 'dragging' : ''}"
      @dragover=${chosen.dragOver}
      @dragleave=${chosen.dragLeave}
      @drop=${chosen.drop}
    >
      ${renderFilePicker(chosen, {
        id: `field-${field.name}`,
        name: field.name,
        label: field.label,
        required: field.required,
        help: field.help,
        error: this.fieldErrors[field.name],
        limits: this.config?.attachments,
      })}
    </div>`;
  }
}
