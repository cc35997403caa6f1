import { formatBytes, type AttachmentLimits } from '@kundportal/core';
import { msg, str } from '@lit/localize';
import { css, html, nothing, type LitElement, type ReactiveController } from 'lit';
import { getLocale } from './locale.js';

/** Upload progress in bytes, of the whole request, as `onProgress` reports it. */
export interface UploadProgress {
  sent: number;
  total: number;
}

export interface ChosenFilesOptions {
  /** Hears every choice and removal (not `restore`), e.g. to keep the files with a draft. */
  changed?: (files: readonly File[]) => void;
  /** While this says so (files uploading), nothing can be added or removed. */
  locked?: () => boolean;
}

/** Dragged content that holds files (not text or a link dragged from the page). */
function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Files a customer chose to send, from a file picker or dropped onto a drop zone. Re-renders
 * its host whenever they change.
 */
export class ChosenFiles implements ReactiveController {
  readonly #host: LitElement;
  readonly #changed: (files: readonly File[]) => void;
  readonly #locked: () => boolean;
  #files: File[] = [];
  #dragging = false;

  constructor(host: LitElement, { changed = () => {}, locked = () => false }: ChosenFilesOptions) {
    this.#host = host;
    this.#changed = changed;
    this.#locked = locked;
    host.addController(this);
  }

  get files(): readonly File[] {
    return this.#files;
  }

  /** Files are uploading: the picker is disabled and drops are refused. */
  get locked(): boolean {
    return this.#locked();
  }

  /** Files are being dragged over the drop zone. */
  get dragging(): boolean {
    return this.#dragging;
  }

  hostDisconnected(): void {
    this.#dragging = false;
  }

  add(files: Iterable<File>): void {
    this.#files = [...this.#files, ...files];
    this.#changed(this.#files);
    this.#host.requestUpdate();
  }

  /** Resolves once the host shows the shorter list. */
  async remove(file: File): Promise<void> {
    this.#files = this.#files.filter((chosen) => chosen !== file);
    this.#changed(this.#files);
    this.#host.requestUpdate();
    await this.#host.updateComplete;
  }

  /** Puts back files kept from before (a draft); not a choice, so `changed` is not called. */
  restore(files: readonly File[]): void {
    this.#files = [...files];
    this.#host.requestUpdate();
  }

  clear(): void {
    this.#files = [];
    this.#changed(this.#files);
    this.#host.requestUpdate();
  }

  /** For the drop zone's `dragover`: says files may be dropped here. */
  readonly dragOver = (event: DragEvent): void => {
    if (!carriesFiles(event) || this.locked) return;
    event.preventDefault();
    event.dataTransfer!.dropEffect = 'copy';
    this.#setDragging(true);
  };

  /** For the drop zone's `dragleave`: moving onto a child of the zone is not leaving it. */
  readonly dragLeave = (event: DragEvent): void => {
    const zone = event.currentTarget as Element;
    if (event.relatedTarget instanceof Node && zone.contains(event.relatedTarget)) return;
    this.#setDragging(false);
  };

  /** For the drop zone's `drop`: adds the dropped files. */
  readonly drop = (event: DragEvent): void => {
    if (!carriesFiles(event) || this.locked) return;
    event.preventDefault();
    this.#setDragging(false);
    this.add(event.dataTransfer!.files);
  };

  #setDragging(dragging: boolean): void {
    if (this.#dragging === dragging) return;
    this.#dragging = dragging;
    this.#host.requestUpdate();
  }
}

export interface FilePickerOptions {
  /** Id of the file input; the help, list and error get ids made from it. */
  id: string;
  name: string;
  label: string;
  required?: boolean;
  /** Shown under the label, before the drop hint. */
  help?: string | undefined;
  /** What is wrong with the chosen files (client check or server answer). */
  error?: string | undefined;
  limits: AttachmentLimits | undefined;
}

/**
 * A labelled native file input (several files at once), the chosen files with their sizes and
 * a Remove button each, and what is wrong with them. The element drops onto is the caller's:
 * bind `dragOver`, `dragLeave` and `drop` of `chosen` to it.
 */
export function renderFilePicker(chosen: ChosenFiles, options: FilePickerOptions) {
  const { id, name, label, required = false, help, error, limits } = options;
  const maxSize = limits ? formatBytes(limits.maxFileBytes, getLocale()) : '';
  const hint = limits
    ? msg(str`Or drop files here. Up to ${maxSize} each.`, { id: 'files.drop-hint-limit' })
    : msg('Or drop files here.', { id: 'files.drop-hint' });
  const described = [
    `${id}-help`,
    chosen.files.length ? `${id}-list` : '',
    error ? `${id}-error` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const choose = (event: Event) => {
    const input = event.target as HTMLInputElement;
    chosen.add(input.files ?? []);
    // The list below shows what was chosen; an empty input lets the same file be chosen again.
    input.value = '';
  };
  const remove = async (event: Event, file: File) => {
    const root = (event.currentTarget as Element).getRootNode() as DocumentFragment;
    await chosen.remove(file);
    // The button is gone: keep the keyboard where files are chosen.
    root.getElementById(id)?.focus();
  };
  return html`<div part="file-picker" class="file-picker">
    <label for=${id}>
      ${label}${required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}
    </label>
    <p part="help" class="help" id="${id}-help">${help ? `${help} ` : ''}${hint}</p>
    <input
      id=${id}
      name=${name}
      type="file"
      multiple
      accept=${limits?.allowedTypes.join(',') ?? nothing}
      ?disabled=${chosen.locked}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${described}
      @change=${choose}
    />
    ${renderChosenFiles(chosen, id, remove)}
    ${error ? html`<p part="field-error" class="field-error" id="${id}-error">${error}</p>` : nothing}
  </div>`;
}

function renderChosenFiles(
  chosen: ChosenFiles,
  id: string,
  remove: (event: Event, file: File) => Promise<void>,
) {
  if (!chosen.files.length) return nothing;
  return html`<ul part="files" class="files" id="${id}-list" aria-label=${msg('Chosen files')}>
    ${chosen.files.map(
      (file) =>
        html`<li>
          <span class="file-name">${file.name}</span>
          <span class="muted">${formatBytes(file.size, getLocale())}</span>
          <button
            part="remove-file"
            class="secondary"
            type="button"
            ?disabled=${chosen.locked}
            @click=${(event: Event) => remove(event, file)}
          >
            ${msg('Remove')}<span class="visually-hidden"> ${file.name}</span>
          </button>
        </li>`,
    )}
  </ul>`;
}

/** A labelled `<progress>` for files uploading; indeterminate until the first report. */
export function renderUploadProgress(progress: UploadProgress | undefined) {
  const percent =
    progress && progress.total ? Math.round((progress.sent / progress.total) * 100) : 0;
  return html`<div part="upload" class="upload">
    <label for="upload-progress">${msg('Uploading files')}</label>
    <progress id="upload-progress" max="100" value=${progress ? percent : nothing}>
      ${percent}%
    </progress>
  </div>`;
}

/** Styles of the picker, its file list, the progress bar and a drop zone being dragged over. */
export const filePickerStyles = css`
  .file-picker,
  .upload {
    display: grid;
    gap: 0.25rem;
  }

  .file-picker label,
  .upload label {
    font-weight: 600;
  }

  .files {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 0.25rem;
  }

  .files li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s);
    overflow-wrap: anywhere;
  }

  .files button {
    min-height: 1.75rem;
    padding: 0.125rem 0.5rem;
  }

  progress {
    width: 100%;
    accent-color: var(--_accent);
  }

  .drop-zone {
    border-radius: var(--_radius);
    outline-offset: 4px;
  }

  .drop-zone.dragging {
    outline: 2px dashed var(--_accent);
    background: var(--_surface);
  }
`;
