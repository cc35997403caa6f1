/// <reference types="mocha" />
import { oneEvent, waitUntil } from '@open-wc/testing';

/** `oneEvent`, typed by the event's name. */
export function nextEvent<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  name: K,
): Promise<GlobalEventHandlersEventMap[K]> {
  return oneEvent(target, name) as Promise<GlobalEventHandlersEventMap[K]>;
}

/** Text a user would read in `node`, through shadow roots, with whitespace collapsed. */
export function visibleText(node: Node): string {
  const parts: string[] = [];
  const walk = (current: Node): void => {
    if (current instanceof Element && current.shadowRoot) walk(current.shadowRoot);
    if (current.nodeType === Node.TEXT_NODE) parts.push(current.textContent ?? '');
    if (current instanceof HTMLElement && current.hidden) return;
    if (current instanceof HTMLStyleElement || current instanceof HTMLTemplateElement) return;
    for (const child of current.childNodes) walk(child);
  };
  walk(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The first element matching `selector` in `root` or any shadow root below it. */
export function deepQuery<E extends Element = HTMLElement>(
  root: ParentNode,
  selector: string,
): E | null {
  const found = root.querySelector<E>(selector);
  if (found) return found;
  if (root instanceof Element && root.shadowRoot) {
    const inner = deepQuery<E>(root.shadowRoot, selector);
    if (inner) return inner;
  }
  for (const el of root.querySelectorAll('*')) {
    if (!el.shadowRoot) continue;
    const inner = deepQuery<E>(el.shadowRoot, selector);
    if (inner) return inner;
  }
  return null;
}

/** Waits until `selector` matches somewhere below `root` (shadow roots included). */
export async function waitForSelector<E extends Element = HTMLElement>(
  root: ParentNode,
  selector: string,
): Promise<E> {
  await waitUntil(() => deepQuery(root, selector), `Nothing matched ${selector}`, {
    timeout: 3000,
  });
  return deepQuery<E>(root, selector)!;
}

/** Waits until the user can read `text` somewhere in `root`. */
export async function waitForText(root: Node, text: string): Promise<void> {
  await waitUntil(
    () => visibleText(root).includes(text),
    `"${text}" never appeared; saw: ${visibleText(root).slice(0, 400)}`,
    { timeout: 3000 },
  );
}

/** A clock and timers that move only when told to, for elements that take them as hooks. */
export class FakeClock {
  now = 1_000_000;
  #timers: { at: number; callback: () => void }[] = [];

  setTimer(callback: () => void, ms: number): () => void {
    const timer = { at: this.now + ms, callback };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  /** Moves time on by `ms`, running each timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = this.#timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.#timers.splice(this.#timers.indexOf(due), 1);
      this.now = due.at;
      due.callback();
    }
    this.now = end;
  }
}

/** A file of `size` bytes, as a customer's computer would hand it over. */
export function fileOf(name: string, size: number, type: string): File {
  return new File([new Uint8Array(size)], name, { type });
}

function transferOf(files: File[]): DataTransfer {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  return transfer;
}

/** Chooses `files` in a file input, as its dialog would. */
export function chooseFiles(input: HTMLInputElement, files: File[]): void {
  input.files = transferOf(files).files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Drags `files` over `target` and drops them there. */
export function dropFiles(target: Element, files: File[]): void {
  const dataTransfer = transferOf(files);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    target.dispatchEvent(new DragEvent(type, { dataTransfer, bubbles: true, cancelable: true }));
  }
}

/** The names and sizes of the chosen files a picker lists, as read on screen. */
export function listedFiles(root: ParentNode): string[] {
  return [...root.querySelectorAll('[part=files] li')].map((item) =>
    visibleText(item.querySelector('.file-name')!.parentElement!)
      .replace(/ Remove .*$/, '')
      .trim(),
  );
}
