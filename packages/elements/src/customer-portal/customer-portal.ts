// The views' elements load when first shown (CustomerPortal.nestedElements).
import { CustomerPortal } from './customer-portal.component.js';
import { defineElement } from '../shared/define-element.js';

export { CustomerPortal };
// The events it dispatches; re-exporting them also brings their `GlobalEventHandlersEventMap`
// entries to a consumer that imports only this module.
export type {
  PortalErrorEvent,
  PortalSignedInEvent,
  PortalSignedOutEvent,
} from '../shared/events.js';

defineElement('customer-portal', CustomerPortal);

declare global {
  interface HTMLElementTagNameMap {
    'customer-portal': CustomerPortal;
  }
}
