import { TicketList } from './ticket-list.component.js';

export { TicketList };

if (!customElements.get('ticket-list')) customElements.define('ticket-list', TicketList);

declare global {
  interface HTMLElementTagNameMap {
    'ticket-list': TicketList;
  }
}
