import DOMPurify, { type Config } from 'dompurify';

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
