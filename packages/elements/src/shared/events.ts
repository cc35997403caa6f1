import type { Message, Session, Ticket } from '@kundportal/core';
import { PortalErrorEvent, bubbling } from './error-event.js';
import type { TicketListState } from './list-state.js';

export { PortalErrorEvent };

/**
 * A place inside the portal: the ticket list (with the filter, search, sort and view chosen in
 * it; the defaults when absent), one ticket, or the support form.
 */
export type PortalRoute =
  | { view: 'list'; listState?: TicketListState }
  | { view: 'ticket'; ticketId: string }
  | { view: 'new' };

/** Someone signed in. */
export class PortalSignedInEvent extends Event {
  static readonly eventName = 'portal-signed-in';
  readonly session: Session;

  constructor(session: Session) {
    super(PortalSignedInEvent.eventName, bubbling);
    this.session = session;
  }
}

/** The signed-in person signed out. */
export class PortalSignedOutEvent extends Event {
  static readonly eventName = 'portal-signed-out';

  constructor() {
    super(PortalSignedOutEvent.eventName, bubbling);
  }
}

/** A ticket was chosen. Cancel it to route the host app yourself instead of following the link. */
export class PortalTicketOpenEvent extends Event {
  static readonly eventName = 'portal-ticket-open';
  readonly ticketId: string;

  constructor(ticketId: string) {
    super(PortalTicketOpenEvent.eventName, { ...bubbling, cancelable: true });
    this.ticketId = ticketId;
  }
}

/** A link inside an element asks to go somewhere in the portal. Cancel it to route yourself. */
export class PortalNavigateEvent extends Event {
  static readonly eventName = 'portal-navigate';
  readonly route: PortalRoute;

  constructor(route: PortalRoute) {
    super(PortalNavigateEvent.eventName, { ...bubbling, cancelable: true });
    this.route = route;
  }
}

/** The support form filed a ticket. */
export class PortalTicketCreatedEvent extends Event {
  static readonly eventName = 'portal-ticket-created';
  readonly ticket: Ticket;

  constructor(ticket: Ticket) {
    super(PortalTicketCreatedEvent.eventName, bubbling);
    this.ticket = ticket;
  }
}

/** The server stored a reply. */
export class PortalReplySentEvent extends Event {
  static readonly eventName = 'portal-reply-sent';
  readonly message: Message;

  constructor(message: Message) {
    super(PortalReplySentEvent.eventName, bubbling);
    this.message = message;
  }
}

/** The ticket a `<ticket-detail>` shows has loaded; the portal names the page after it. */
export class PortalTicketLoadedEvent extends Event {
  static readonly eventName = 'portal-ticket-loaded';
  readonly ticket: Ticket;

  constructor(ticket: Ticket) {
    super(PortalTicketLoadedEvent.eventName, bubbling);
    this.ticket = ticket;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-ticket-loaded': PortalTicketLoadedEvent;
    'portal-signed-in': PortalSignedInEvent;
    'portal-signed-out': PortalSignedOutEvent;
    'portal-ticket-open': PortalTicketOpenEvent;
    'portal-navigate': PortalNavigateEvent;
    'portal-ticket-created': PortalTicketCreatedEvent;
    'portal-reply-sent': PortalReplySentEvent;
    'portal-error': PortalErrorEvent;
  }
}
