import { PortalLogin } from './portal-login.component.js';
import { defineElement } from '../shared/define-element.js';

export { PortalLogin };
// The events it dispatches; re-exporting them also brings their `GlobalEventHandlersEventMap`
// entries to a consumer that imports only this module.
export type { PortalErrorEvent, PortalSignedInEvent } from '../shared/events.js';

defineElement('portal-login', PortalLogin);

declare global {
  interface HTMLElementTagNameMap {
    'portal-login': PortalLogin;
  }
}
