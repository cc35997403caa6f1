import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { userEvent, waitFor } from 'storybook/test';

/** The element a story rendered; fails the play function when it is missing. */
export function rendered<K extends keyof HTMLElementTagNameMap>(
  root: ParentNode,
  tag: K,
): HTMLElementTagNameMap[K] {
  const element = root.querySelector(tag);
  if (!element) throw new Error(`The story rendered no <${tag}>`);
  return element;
}

/** Waits until `selector` matches inside `host`'s shadow root (data arrives asynchronously). */
export function inside<E extends Element = HTMLElement>(
  host: Element,
  selector: string,
): Promise<E> {
  return waitFor(() => {
    const found = host.shadowRoot?.querySelector<E>(selector);
    if (!found) throw new Error(`<${host.localName}> shows no ${selector} yet`);
    return found;
  });
}

/** Types each value into the field of that `name`, the way a person would. */
export async function fillIn(host: Element, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const field = await inside(host, `[name="${name}"]`);
    if (field instanceof HTMLSelectElement) await userEvent.selectOptions(field, value);
    else await userEvent.type(field, value);
  }
}

/** Presses the form's submit button. */
export async function submit(host: Element): Promise<void> {
  await userEvent.click(await inside(host, 'button[type="submit"]'));
}

/** Signs in through a `<portal-login>` (on its own or inside `<customer-portal>`). */
export async function signInWith(
  login: Element,
  { email, password }: { email: string; password: string } = DEMO_ACCOUNT,
): Promise<void> {
  await fillIn(login, { email, password });
  await submit(login);
}

/** A file of `size` bytes, standing in for one from the visitor's computer. */
export function fileOf(name: string, size: number, type: string): File {
  return new File([new Uint8Array(size)], name, { type });
}

/** Chooses `files` in the file input of that `name`, as its dialog would. */
export async function attach(host: Element, name: string, files: File[]): Promise<void> {
  const input = await inside<HTMLInputElement>(host, `input[type="file"][name="${name}"]`);
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
