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
