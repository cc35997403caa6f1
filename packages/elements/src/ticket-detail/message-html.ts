import type { Message } from '@kundportal/core';
import DOMPurify, { type Config } from 'dompurify';

/** The HTML of an agent's message, if it has any. Customers' messages are always text. */
export function agentMessageHtml(message: Message): string | undefined {
  if (message.author.kind !== 'agent') return undefined;
  return message.html?.trim() ? message.html : undefined;
}

/** Basic formatting and links; no styles, scripts, forms, frames, images or headings. */
const ALLOWED: Config = {
  ALLOWED_TAGS: [
    'a',
    'b',
    'blockquote',
    'br',
    'code',
    'em',
    'i',
    'li',
    'ol',
    'p',
    'pre',
    's',
    'strong',
    'u',
    'ul',
  ],
  ALLOWED_ATTR: ['href'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
};

// An instance of our own, so the link hook never changes how the page's DOMPurify behaves.
const purifier = DOMPurify(window);
purifier.addHook('afterSanitizeAttributes', (node) => {
  // Links leave the portal in a new tab that cannot reach back into it.
  if (node.nodeName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

/** `html` with everything but basic formatting and web links removed. */
export function sanitizeMessageHtml(html: string): string {
  return purifier.sanitize(html, ALLOWED);
}
