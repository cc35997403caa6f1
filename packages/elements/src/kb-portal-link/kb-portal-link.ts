import { KbPortalLink } from './kb-portal-link.component.js';

export { KbPortalLink };

if (!customElements.get('kb-portal-link')) customElements.define('kb-portal-link', KbPortalLink);

declare global {
  interface HTMLElementTagNameMap {
    'kb-portal-link': KbPortalLink;
  }
}
