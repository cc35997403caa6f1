import type { Message } from '@kundportal/core';

/** The HTML of an agent's message, if it has any. Customers' messages are always text. */
export function agentMessageHtml(message: Message): string | undefined {
  if (message.author.kind !== 'agent') return undefined;
  return message.html?.trim() ? message.html : undefined;
}

/** The sanitizer, once loaded: DOMPurify is fetched with the first message that carries HTML. */
let sanitize: ((html: string) => string) | undefined;

/** Loads the sanitizer when one of `messages` is shown as HTML; resolves once it is ready. */
export async function loadSanitizerFor(messages: readonly Message[]): Promise<void> {
  if (sanitize || !messages.some((message) => agentMessageHtml(message))) return;
  ({ sanitizeMessageHtml: sanitize } = await import('./sanitize-html.js'));
}

/** Each message's sanitized HTML: sanitizing is costly and a conversation re-renders often. */
const sanitized = new WeakMap<Message, string>();

/**
 * The message's HTML with everything but basic formatting and web links removed; `undefined`
 * for a message shown as text, or before the sanitizer is loaded.
 */
export function safeMessageHtml(message: Message): string | undefined {
  const markup = agentMessageHtml(message);
  if (markup === undefined || !sanitize) return undefined;
  let safe = sanitized.get(message);
  if (safe === undefined) {
    safe = sanitize(markup);
    sanitized.set(message, safe);
  }
  return safe;
}
