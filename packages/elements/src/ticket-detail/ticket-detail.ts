import { TicketDetail } from './ticket-detail.component.js';

export { TicketDetail };

if (!customElements.get('ticket-detail')) customElements.define('ticket-detail', TicketDetail);

declare global {
  interface HTMLElementTagNameMap {
    'ticket-detail': TicketDetail;
  }
}
