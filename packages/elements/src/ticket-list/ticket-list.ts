import { TicketList } from './ticket-list.component.js';
import { defineElement } from '../shared/define-element.js';

export { TicketList };
// The events it dispatches; re-exporting them also brings their `GlobalEventHandlersEventMap`
// entries to a consumer that imports only this module.
export type { PortalErrorEvent, PortalTicketOpenEvent } from '../shared/events.js';
export type { PortalListStateEvent } from '../shared/list-state-event.js';

defineElement('ticket-list', TicketList);

declare global {
  interface HTMLElementTagNameMap {
    'ticket-list': TicketList;
  }
}
