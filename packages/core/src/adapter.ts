import type {
  Credentials,
  NewTicketInput,
  Message,
  Page,
  PortalConfig,
  PortalEvent,
  ReplyInput,
  Session,
  Ticket,
  TicketQuery,
} from './types.js';

/**
 * The one seam between the elements and any backend. Every method rejects with a
 * `PortalError` whose `code` says what went wrong.
 */
export interface PortalAdapter {
  /** Public portal settings; readable before sign-in. */
  getPortal(): Promise<PortalConfig>;
  /** The current session, or `null` when nobody is signed in. */
  getSession(): Promise<Session | null>;
  signIn(credentials: Credentials): Promise<Session>;
  signOut(): Promise<void>;
  /** Tickets the signed-in contact may see: their own, open and closed. */
  listTickets(query?: TicketQuery): Promise<Page<Ticket>>;
  getTicket(id: string): Promise<Ticket>;
  /** Customer-visible messages of the ticket's latest thread, oldest first. */
  listMessages(ticketId: string): Promise<Message[]>;
  reply(ticketId: string, input: ReplyInput): Promise<Message>;
  createTicket(input: NewTicketInput): Promise<Ticket>;
  /** Hear about changes; returns the function that stops listening. */
  subscribe(listener: (event: PortalEvent) => void): () => void;
}
