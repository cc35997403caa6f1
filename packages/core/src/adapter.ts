import type {
  Credentials,
  NewTicketInput,
  Message,
  Page,
  PortalConfig,
  RegistrationInput,
  SetPasswordInput,
  PortalEvent,
  ReplyInput,
  Session,
  Ticket,
  TicketQuery,
} from './types.js';

/** Counts about the signed-in contact's tickets, cheap enough for a navigation bar. */
export interface TicketSummary {
  /**
   * Their open tickets (of those the ticket list shows them as theirs) whose latest
   * customer-visible message is from an agent: the ones waiting for the customer to answer.
   */
  awaitingReply: number;
}

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
  /**
   * Self-registration: sends a verification email; the account can sign in once the link in
   * it is followed (`verifyEmail`). Answers the same whether or not the address had an account.
   */
  register(input: RegistrationInput): Promise<void>;
  /** Follows a verification link: confirms the address and signs in. */
  verifyEmail(token: string): Promise<Session>;
  /** Follows an invitation link: sets the password and signs in. */
  acceptInvitation(input: SetPasswordInput): Promise<Session>;
  /** Sends a reset link if the address has an account; answers the same either way. */
  requestPasswordReset(email: string): Promise<void>;
  /** Follows a reset link: sets the new password, ends other sessions and signs in. */
  resetPassword(input: SetPasswordInput): Promise<Session>;
  /** Sends a one-time sign-in link if the address may sign in; answers the same either way. */
  requestSignInLink(email: string): Promise<void>;
  /** Follows a sign-in link. */
  signInWithLink(token: string): Promise<Session>;
  /** Signs in with a JWT the site's own app signed (JWT SSO). */
  exchangeSsoToken(token: string): Promise<Session>;
  /** Tickets the signed-in contact may see: their own, open and closed. */
  listTickets(query?: TicketQuery): Promise<Page<Ticket>>;
  /** Counts for the signed-in contact; rejects with `unauthenticated` when nobody is. */
  getTicketSummary(): Promise<TicketSummary>;
  getTicket(id: string): Promise<Ticket>;
  /** Customer-visible messages of the ticket's latest thread, oldest first. */
  listMessages(ticketId: string): Promise<Message[]>;
  reply(ticketId: string, input: ReplyInput): Promise<Message>;
  createTicket(input: NewTicketInput): Promise<Ticket>;
  /** Hear about changes; returns the function that stops listening. */
  subscribe(listener: (event: PortalEvent) => void): () => void;
  /**
   * The language the customer reads the portal in (a BCP 47 tag, e.g. `sv`), chosen in
   * `<customer-portal>`: a backend that can answers errors and writes emails in it. Optional.
   */
  setLanguage?(language: string): void;
}
