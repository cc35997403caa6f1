import { KbPortalLink } from './kb-portal-link.component.js';
import { defineElement } from '../shared/define-element.js';

export { KbPortalLink };
// The events it dispatches; re-exporting them also brings their `GlobalEventHandlersEventMap`
// entries to a consumer that imports only this module.
export type { PortalErrorEvent } from '../shared/events.js';

defineElement('kb-portal-link', KbPortalLink);

declare global {
  interface HTMLElementTagNameMap {
    'kb-portal-link': KbPortalLink;
  }
}
