export { CustomerPortal } from './customer-portal/customer-portal.component.js';
export { PortalLogin, type LoginView } from './portal-login/portal-login.component.js';
export { TicketList, type TicketStatusFilter } from './ticket-list/ticket-list.component.js';
export { TicketDetail } from './ticket-detail/ticket-detail.component.js';
export { SupportForm } from './support-form/support-form.component.js';
export { KbPortalLink } from './kb-portal-link/kb-portal-link.component.js';
export { PortalElement } from './shared/portal-element.js';
export {
  PortalErrorEvent,
  PortalNavigateEvent,
  PortalReplySentEvent,
  PortalSignedInEvent,
  PortalSignedOutEvent,
  PortalTicketCreatedEvent,
  PortalTicketOpenEvent,
  type PortalRoute,
} from './shared/events.js';
export { PortalListStateEvent } from './shared/list-state-event.js';
export { DEFAULT_LIST_STATE, type TicketListState, type TicketScope } from './shared/list-state.js';
