import { TicketDetail } from './ticket-detail.component.js';
import { defineElement } from '../shared/define-element.js';

export { TicketDetail };
// The events it dispatches; re-exporting them also brings their `GlobalEventHandlersEventMap`
// entries to a consumer that imports only this module.
export type {
  PortalErrorEvent,
  PortalNavigateEvent,
  PortalReplySentEvent,
  PortalTicketLoadedEvent,
} from '../shared/events.js';

defineElement('ticket-detail', TicketDetail);

declare global {
  interface HTMLElementTagNameMap {
    'ticket-detail': TicketDetail;
  }
}
