import type { EventName } from '@lit/react';
import {
  CustomerPortal as CustomerPortalElement,
  KbPortalLink as KbPortalLinkElement,
  PortalLogin as PortalLoginElement,
  SupportForm as SupportFormElement,
  TicketDetail as TicketDetailElement,
  TicketList as TicketListElement,
  type PortalErrorEvent,
  type PortalListStateEvent,
  type PortalNavigateEvent,
  type PortalReplySentEvent,
  type PortalSignedInEvent,
  type PortalSignedOutEvent,
  type PortalTicketCreatedEvent,
  type PortalTicketOpenEvent,
} from '@kundportal/elements';
import { portalComponent } from './portal-component.js';

// Each event name once, typed with its Event subclass so handlers get `event.ticketId` & co.
const signedIn = 'portal-signed-in' as EventName<PortalSignedInEvent>;
const signedOut = 'portal-signed-out' as EventName<PortalSignedOutEvent>;
const ticketOpen = 'portal-ticket-open' as EventName<PortalTicketOpenEvent>;
const navigate = 'portal-navigate' as EventName<PortalNavigateEvent>;
const ticketCreated = 'portal-ticket-created' as EventName<PortalTicketCreatedEvent>;
const replySent = 'portal-reply-sent' as EventName<PortalReplySentEvent>;
const listState = 'portal-list-state' as EventName<PortalListStateEvent>;
const error = 'portal-error' as EventName<PortalErrorEvent>;

/**
 * `<customer-portal>`: the whole portal, routed by URL. It routes ticket openings, new tickets
 * and navigation itself; the `onPortalTicketOpen`, `onPortalTicketCreated` and
 * `onPortalReplySent` props hear them from the elements inside, after the portal has acted.
 */
export const CustomerPortal = /* #__PURE__ */ portalComponent(
  'customer-portal',
  CustomerPortalElement,
  {
    onPortalSignedIn: signedIn,
    onPortalSignedOut: signedOut,
    onPortalTicketOpen: ticketOpen,
    onPortalTicketCreated: ticketCreated,
    onPortalReplySent: replySent,
    onPortalError: error,
  },
  'CustomerPortal',
);

/** `<portal-login>`: sign in, registration, invitations, password reset and SSO. */
export const PortalLogin = /* #__PURE__ */ portalComponent(
  'portal-login',
  PortalLoginElement,
  { onPortalSignedIn: signedIn, onPortalError: error },
  'PortalLogin',
);

/**
 * `<ticket-list>`: the signed-in customer's tickets. Call `event.preventDefault()` in
 * `onPortalTicketOpen` to show the ticket with your own router instead of following the link.
 */
export const TicketList = /* #__PURE__ */ portalComponent(
  'ticket-list',
  TicketListElement,
  { onPortalTicketOpen: ticketOpen, onPortalListState: listState, onPortalError: error },
  'TicketList',
);

/**
 * `<ticket-detail>`: one ticket and its conversation, with the reply form. Call
 * `event.preventDefault()` in `onPortalNavigate` to handle "Back to tickets" yourself.
 */
export const TicketDetail = /* #__PURE__ */ portalComponent(
  'ticket-detail',
  TicketDetailElement,
  { onPortalReplySent: replySent, onPortalNavigate: navigate, onPortalError: error },
  'TicketDetail',
);

/** `<support-form>`: files a new ticket from the portal config's form. */
export const SupportForm = /* #__PURE__ */ portalComponent(
  'support-form',
  SupportFormElement,
  { onPortalTicketCreated: ticketCreated, onPortalError: error },
  'SupportForm',
);

/** `<kb-portal-link>`: "Go to [portal name]" for a knowledge base's navigation bar. */
export const KbPortalLink = /* #__PURE__ */ portalComponent(
  'kb-portal-link',
  KbPortalLinkElement,
  { onPortalError: error },
  'KbPortalLink',
);
