export {
  CustomerPortal,
  KbPortalLink,
  PortalLogin,
  SupportForm,
  TicketDetail,
  TicketList,
} from './components.js';
export { defineElement } from './define.js';
export type {
  PortalErrorEvent,
  PortalListStateEvent,
  PortalNavigateEvent,
  PortalReplySentEvent,
  PortalRoute,
  PortalSignedInEvent,
  PortalSignedOutEvent,
  PortalTicketCreatedEvent,
  PortalTicketOpenEvent,
} from '@kundportal/elements';
