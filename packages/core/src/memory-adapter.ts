import type { PortalAdapter, TicketSummary } from './adapter.js';
import { demoData, type DemoData, type SeedTicket } from './demo-data.js';
import { PortalError, type PortalErrorCode } from './errors.js';
import { validatePassword, validateRegistration } from './account-rules.js';
import { normalizeTicketQuery, stageStatus, validateFiles, validateReply } from './rules.js';
import { validateNewTicket } from './support-form-rules.js';
import type {
  Attachment,
  BuiltInColumn,
  Contact,
  Credentials,
  LinkPurpose,
  Message,
  NewTicketInput,
  Page,
  PortalConfig,
  PortalEvent,
  ProgressListener,
  RegistrationInput,
  ReplyInput,
  SetPasswordInput,
  Session,
  Ticket,
  TicketQuery,
} from './types.js';

export interface MemoryAdapterOptions {
  /** The world to serve; the demo data by default. */
  data?: DemoData;
  /** Email of the contact signed in from the start (no sign-in form). */
  signedInAs?: string;
  /** Delay every answer by this many milliseconds, to show loading states. */
  delayMs?: number;
  /** Make every call but `getPortal` fail with this code, to show error states. */
  failWith?: PortalErrorCode;
  /** Clock, for tests. */
  now?: () => Date;
}

interface StoredMessage extends Message {
  kind: 'agent' | 'customer' | 'note';
  threadId: string;
  idempotencyKey?: string;
}

/** An email the in-memory backend "sent": read it in tests and stories. */
export interface MemoryMail {
  to: string;
  purpose: LinkPurpose;
  token: string;
}

interface MemoryAccount extends Contact {
  password: string | null;
  verified: boolean;
}

interface LinkToken {
  purpose: LinkPurpose;
  contactId: string;
  expiresAt: number;
  used: boolean;
}

/** How long each kind of emailed link stays valid, in minutes. */
export const LINK_LIFETIME_MINUTES: Record<LinkPurpose, number> = {
  verify: 24 * 60,
  invitation: 7 * 24 * 60,
  reset: 60,
  'sign-in': 15,
};

/** What every session of one in-memory backend shares. */
interface MemoryState {
  data: DemoData;
  accounts: MemoryAccount[];
  tokens: Map<string, LinkToken>;
  outbox: MemoryMail[];
  tickets: Map<string, StoredTicket>;
  messages: StoredMessage[];
  nextId: number;
  /** Goes up with every change to tickets, messages or accounts: cached listings are stale then. */
  revision: number;
}

interface StoredTicket {
  id: string;
  contactId: string;
  subject: string;
  stageId: string;
  createdAt: string;
  lastActivityAt: string;
  properties: Record<string, string>;
  threadIds: string[];
  idempotencyKey?: string;
}

const MINUTE = 60_000;

/** In memory a message is "uploaded" at once: progress goes straight to the whole size. */
function reportAllSent({
  files = [],
  onProgress,
}: {
  files?: File[];
  onProgress?: ProgressListener;
}) {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  onProgress?.(total, total);
}

/** Compares two strings by UTF-16 code units: for ISO timestamps of one format, by time. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders stored tickets by a built-in column, reading the stored fields (no conversion).
 * Timestamps are all `toISOString()` output, so comparing their code units orders them by
 * time, as `localeCompare` did, at a fraction of the cost.
 */
function storedComparator(
  column: BuiltInColumn,
  statusOf: (ticket: StoredTicket) => Ticket['status'],
): (a: StoredTicket, b: StoredTicket) => number {
  switch (column) {
    case 'id':
      return (a, b) => Number(a.id) - Number(b.id);
    case 'status':
      return (a, b) => statusOf(a).localeCompare(statusOf(b));
    case 'subject':
      return (a, b) => a.subject.localeCompare(b.subject);
    default:
      return (a, b) => compareCodeUnits(a[column], b[column]);
  }
}

/**
 * An in-browser backend on seeded data, for Storybook, tests and demos without a server.
 * It applies the same rules as the reference server: own tickets only, the latest thread
 * only, internal notes never.
 */
export class MemoryAdapter implements PortalAdapter {
  readonly #state: MemoryState;
  readonly #options: MemoryAdapterOptions;
  readonly #listeners = new Set<(event: PortalEvent) => void>();
  #session: Session | null = null;
  #lastListing: { key: string; rows: StoredTicket[] } | undefined;

  constructor(options: MemoryAdapterOptions = {}, shared?: MemoryState) {
    this.#options = options;
    if (shared) {
      this.#state = shared;
    } else {
      const data = structuredClone(options.data ?? demoData());
      const accounts = data.contacts.map(({ password, ...contact }) => ({
        ...contact,
        password,
        verified: true,
      }));
      this.#state = {
        data,
        accounts,
        tokens: new Map(),
        outbox: [],
        tickets: new Map(),
        messages: [],
        nextId: 1,
        revision: 0,
      };
      const now = this.#now().getTime();
      const at = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE).toISOString();
      for (const seed of data.tickets) this.#seedTicket(seed, at);
      this.#state.nextId = Math.max(1000, ...[...this.#state.tickets.keys()].map(Number)) + 1;
    }
    if (options.signedInAs) {
      this.#session = this.#sessionFor(this.#contactByEmail(options.signedInAs));
    }
  }

  /** Another browser on the same backend: shared tickets, a session of its own. */
  connect(options: Omit<MemoryAdapterOptions, 'data'> = {}): MemoryAdapter {
    return new MemoryAdapter(options, this.#state);
  }

  /** Every email this backend has sent, oldest first. */
  get outbox(): readonly MemoryMail[] {
    return this.#state.outbox;
  }

  get #data(): DemoData {
    return this.#state.data;
  }

  get #tickets(): Map<string, StoredTicket> {
    return this.#state.tickets;
  }

  get #messages(): StoredMessage[] {
    return this.#state.messages;
  }

  async getPortal(): Promise<PortalConfig> {
    await this.#settle();
    return structuredClone(this.#data.portal);
  }

  async getSession(): Promise<Session | null> {
    await this.#answer();
    return this.#session && structuredClone(this.#session);
  }

  async signIn({ email, password }: Credentials): Promise<Session> {
    await this.#answer();
    const account = this.#account(email);
    if (!account || account.password === null || account.password !== password) {
      throw new PortalError('unauthenticated', 'Email or password is wrong.');
    }
    if (!account.verified) {
      throw new PortalError(
        'forbidden',
        'Confirm your email address first: follow the link we sent you.',
      );
    }
    return this.#startSession(account);
  }

  async register(input: RegistrationInput): Promise<void> {
    await this.#answer();
    if (!this.#data.portal.auth.registration) {
      throw new PortalError('forbidden', 'This portal does not take registrations.');
    }
    const errors = validateRegistration(input, this.#data.portal);
    if (Object.keys(errors).length) {
      throw new PortalError('validation', 'Some fields need attention.', errors);
    }
    // An existing address gets no new account and no hint that it exists.
    if (this.#account(input.email)) return;
    const account: MemoryAccount = {
      id: `p-${this.#state.nextId++}`,
      email: input.email.trim(),
      name: input.name.trim(),
      companyId: null,
      password: input.password,
      verified: false,
    };
    this.#state.accounts.push(account);
    this.#send(account, 'verify');
  }

  async verifyEmail(token: string): Promise<Session> {
    await this.#answer();
    const account = this.#redeem(token, 'verify');
    account.verified = true;
    return this.#startSession(account);
  }

  async acceptInvitation({ token, password }: SetPasswordInput): Promise<Session> {
    await this.#answer();
    this.#checkPassword(password);
    const account = this.#redeem(token, 'invitation');
    Object.assign(account, { password, verified: true });
    return this.#startSession(account);
  }

  async requestPasswordReset(email: string): Promise<void> {
    await this.#answer();
    const account = this.#account(email);
    if (account) this.#send(account, 'reset');
  }

  async resetPassword({ token, password }: SetPasswordInput): Promise<Session> {
    await this.#answer();
    this.#checkPassword(password);
    const account = this.#redeem(token, 'reset');
    Object.assign(account, { password, verified: true });
    return this.#startSession(account);
  }

  async requestSignInLink(email: string): Promise<void> {
    await this.#answer();
    if (!this.#data.portal.auth.signInLink) {
      throw new PortalError('forbidden', 'This portal does not send sign-in links.');
    }
    const account = this.#account(email);
    if (account?.verified) this.#send(account, 'sign-in');
  }

  async signInWithLink(token: string): Promise<Session> {
    await this.#answer();
    return this.#startSession(this.#redeem(token, 'sign-in'));
  }

  /** Signed tokens need a server to verify them; the in-memory backend has none. */
  async exchangeSsoToken(_token: string): Promise<Session> {
    await this.#answer();
    throw new PortalError('forbidden', 'This portal does not offer single sign-on.');
  }

  async signOut(): Promise<void> {
    await this.#answer();
    this.#session = null;
    this.#emit({ type: 'session', session: null });
  }

  async listTickets(query?: TicketQuery): Promise<Page<Ticket>> {
    const contact = await this.#signedIn();
    const normalized = normalizeTicketQuery(query);
    const { scope, cursor, limit } = normalized;
    if (scope === 'company' && !this.#companyAccess(contact)) {
      throw new PortalError('forbidden', 'You may see only your own tickets.');
    }
    const start = cursor ? Number(cursor) : 0;
    if (!Number.isInteger(start) || start < 0) {
      throw new PortalError('validation', 'The page cursor is not valid.', { cursor: 'Invalid.' });
    }
    const rows = this.#listing(contact, normalized);
    // Only the page returned is converted; the rest stay stored fields.
    const items = rows.slice(start, start + limit).map((t) => this.#toTicket(t));
    const next = start + limit < rows.length ? String(start + limit) : null;
    return { items, nextCursor: next };
  }

  /**
   * Every ticket the query matches, in its order. The last answer is kept until anything
   * changes, so paging through a long list filters and sorts it once, not once a page.
   */
  #listing(contact: Contact, query: Required<TicketQuery>): StoredTicket[] {
    const { scope, status, q, sort } = query;
    const key = JSON.stringify([this.#state.revision, contact.id, scope, status, q, sort]);
    if (this.#lastListing?.key === key) return this.#lastListing.rows;
    const statusOf = this.#statusLookup();
    const needle = q.toLowerCase();
    const mentioned = needle ? this.#ticketsMentioning(needle) : undefined;
    const visible =
      scope === 'company'
        ? this.#viewableBy(contact)
        : (t: StoredTicket) => t.contactId === contact.id;
    const column = sort.replace('-', '') as BuiltInColumn;
    const direction = sort.startsWith('-') ? -1 : 1;
    const compare = storedComparator(column, statusOf);
    const rows = [...this.#tickets.values()]
      .filter(
        (t) =>
          visible(t) &&
          (!mentioned || t.subject.toLowerCase().includes(needle) || mentioned.has(t.id)) &&
          (status === 'all' || statusOf(t) === status),
      )
      .sort((a, b) => direction * compare(a, b) || Number(a.id) - Number(b.id));
    this.#lastListing = { key, rows };
    return rows;
  }

  /** Ids of the tickets with a customer-visible message (any thread) containing `needle`. */
  #ticketsMentioning(needle: string): Set<string> {
    const ids = new Set<string>();
    for (const m of this.#messages) {
      if (m.kind !== 'note' && !ids.has(m.ticketId) && m.text.toLowerCase().includes(needle)) {
        ids.add(m.ticketId);
      }
    }
    return ids;
  }

  /** Open or closed for each stored ticket, by its stage, looked up once per stage. */
  #statusLookup(): (ticket: StoredTicket) => Ticket['status'] {
    const byStage = new Map(this.#data.stages.map((stage) => [stage.id, stageStatus(stage)]));
    return (ticket) => {
      const found = byStage.get(ticket.stageId);
      if (!found) throw new PortalError('server', `Ticket ${ticket.id} has an unknown stage.`);
      return found;
    };
  }

  /** `#mayView` for many tickets: the requesters' companies looked up once. */
  #viewableBy(contact: Contact): (ticket: StoredTicket) => boolean {
    const companyOf = new Map(this.#state.accounts.map((a) => [a.id, a.companyId]));
    const company = this.#companyAccess(contact) ? contact.companyId : undefined;
    return (ticket) =>
      ticket.contactId === contact.id ||
      (company !== undefined && companyOf.get(ticket.contactId) === company);
  }

  async getTicket(id: string): Promise<Ticket> {
    const contact = await this.#signedIn();
    return this.#toTicket(this.#visibleTicket(contact, id));
  }

  async listMessages(ticketId: string): Promise<Message[]> {
    const contact = await this.#signedIn();
    const ticket = this.#visibleTicket(contact, ticketId);
    return this.#conversation(ticket).map((m) => this.#toMessage(m));
  }

  async getTicketSummary(): Promise<TicketSummary> {
    const contact = await this.#signedIn();
    let awaitingReply = 0;
    for (const ticket of this.#tickets.values()) {
      if (ticket.contactId !== contact.id || this.#toTicket(ticket).status !== 'open') continue;
      if (this.#conversation(ticket).at(-1)?.author.kind === 'agent') awaitingReply += 1;
    }
    return { awaitingReply };
  }

  /** Customer-visible messages of the ticket's latest thread, oldest first. */
  #conversation(ticket: StoredTicket): StoredMessage[] {
    const latest = ticket.threadIds.at(-1);
    return this.#messages
      .filter((m) => m.threadId === latest && m.kind !== 'note')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async reply(ticketId: string, input: ReplyInput): Promise<Message> {
    const contact = await this.#signedIn();
    const ticket = this.#visibleTicket(contact, ticketId);
    const repeat = this.#messages.find(
      (m) => m.ticketId === ticket.id && m.idempotencyKey === input.idempotencyKey,
    );
    if (repeat) return this.#toMessage(repeat);
    const errors = validateReply(input);
    if (Object.keys(errors).length) {
      throw new PortalError('validation', 'The reply cannot be sent yet.', errors);
    }
    if (this.#toTicket(ticket).status === 'closed') {
      throw new PortalError('conflict', 'This ticket is closed; open a new ticket instead.');
    }
    const attachments = this.#attach(input.files);
    reportAllSent(input);
    const createdAt = this.#now().toISOString();
    let threadId = ticket.threadIds.at(-1);
    if (!threadId) {
      threadId = `thread-${ticket.id}`;
      ticket.threadIds.push(threadId);
    }
    const message: StoredMessage = {
      id: `m-${this.#state.nextId++}`,
      ticketId: ticket.id,
      threadId,
      kind: 'customer',
      author: { kind: 'customer', name: contact.name },
      text: input.text.trim(),
      createdAt,
      attachments,
      idempotencyKey: input.idempotencyKey,
    };
    this.#messages.push(message);
    ticket.lastActivityAt = createdAt;
    this.#state.revision += 1;
    this.#emit({ type: 'message', message: this.#toMessage(message) });
    this.#emit({ type: 'ticket', ticket: this.#toTicket(ticket) });
    return this.#toMessage(message);
  }

  async createTicket(input: NewTicketInput): Promise<Ticket> {
    const contact = await this.#signedIn();
    const repeat = [...this.#tickets.values()].find(
      (t) => t.contactId === contact.id && t.idempotencyKey === input.idempotencyKey,
    );
    if (repeat) return this.#toTicket(repeat);
    const errors = validateNewTicket(input, this.#data.portal);
    if (Object.keys(errors).length) {
      throw new PortalError('validation', 'Some fields need attention.', errors);
    }
    const stage = this.#data.stages
      .filter((s) => s.pipeline === 'Support' && !s.closed)
      .sort((a, b) => a.order - b.order)[0];
    if (!stage) throw new PortalError('server', 'No open stage to file the ticket in.');
    const attachments = this.#attach(input.files);
    reportAllSent(input);
    const createdAt = this.#now().toISOString();
    const id = String(this.#state.nextId++);
    const ticket: StoredTicket = {
      id,
      contactId: contact.id,
      subject: input.subject.trim(),
      stageId: stage.id,
      createdAt,
      lastActivityAt: createdAt,
      properties: { ...input.properties },
      threadIds: [`thread-${id}`],
      idempotencyKey: input.idempotencyKey,
    };
    this.#tickets.set(id, ticket);
    this.#state.revision += 1;
    this.#messages.push({
      id: `m-${this.#state.nextId++}`,
      ticketId: id,
      threadId: `thread-${id}`,
      kind: 'customer',
      author: { kind: 'customer', name: contact.name },
      text: input.description.trim(),
      createdAt,
      attachments,
    });
    const created = this.#toTicket(ticket);
    this.#emit({ type: 'ticket', ticket: created });
    return created;
  }

  /** Changes made through this adapter (live updates from others come later). */
  subscribe(listener: (event: PortalEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #seedTicket(seed: SeedTicket, at: (minutesAgo: number) => string): void {
    let lastActivity = seed.minutesAgo;
    for (const thread of seed.threads) {
      for (const m of thread.messages) {
        lastActivity = Math.min(lastActivity, m.minutesAgo);
        this.#messages.push({
          id: m.id,
          ticketId: seed.id,
          threadId: thread.id,
          kind: m.kind,
          author: { kind: m.kind === 'customer' ? 'customer' : 'agent', name: m.authorName },
          text: m.text,
          createdAt: at(m.minutesAgo),
          attachments: [],
        });
      }
    }
    this.#tickets.set(seed.id, {
      id: seed.id,
      contactId: seed.contactId,
      subject: seed.subject,
      stageId: seed.stageId,
      createdAt: at(seed.minutesAgo),
      lastActivityAt: at(lastActivity),
      properties: { ...seed.properties },
      threadIds: seed.threads.map((t) => t.id),
    });
  }

  #toTicket(t: StoredTicket): Ticket {
    const stage = this.#data.stages.find((s) => s.id === t.stageId);
    if (!stage) throw new PortalError('server', `Ticket ${t.id} has an unknown stage.`);
    return {
      id: t.id,
      subject: t.subject,
      createdAt: t.createdAt,
      lastActivityAt: t.lastActivityAt,
      status: stageStatus(stage),
      stageLabel: stage.label,
      requesterName: this.#state.accounts.find((a) => a.id === t.contactId)?.name ?? '',
      properties: { ...t.properties },
    };
  }

  #toMessage({ id, ticketId, author, text, createdAt, attachments }: StoredMessage): Message {
    return structuredClone({ id, ticketId, author, text, createdAt, attachments });
  }

  /** Attachments for files sent with a message, after the same checks the server makes. */
  #attach(files: readonly File[] = []): Attachment[] {
    const errors = validateFiles(files, this.#data.portal.attachments);
    if (Object.keys(errors).length) {
      throw new PortalError('validation', 'Some files cannot be attached.', errors);
    }
    return files.map((file) => ({
      id: `a-${this.#state.nextId++}`,
      name: file.name,
      size: file.size,
      contentType: file.type,
      url: URL.createObjectURL(file),
    }));
  }

  /** Company access lets a contact see the tickets of the colleagues in their primary company. */
  #companyAccess(contact: Contact): boolean {
    return this.#data.portal.ticketAccess === 'company' && contact.companyId !== null;
  }

  #mayView(contact: Contact, ticket: StoredTicket): boolean {
    if (ticket.contactId === contact.id) return true;
    const requester = this.#state.accounts.find((a) => a.id === ticket.contactId);
    return this.#companyAccess(contact) && requester?.companyId === contact.companyId;
  }

  #visibleTicket(contact: Contact, id: string): StoredTicket {
    const ticket = this.#tickets.get(id);
    // "Not yours" and "not there" give the same answer, so ids reveal nothing.
    if (!ticket || !this.#mayView(contact, ticket)) {
      throw new PortalError('not_found', 'There is no such ticket.');
    }
    return ticket;
  }

  #contactByEmail(email: string): Contact {
    const contact = this.#account(email);
    if (!contact) throw new Error(`MemoryAdapter: no contact ${email} in the data`);
    return contact;
  }

  #account(email: string): MemoryAccount | undefined {
    const wanted = email.trim().toLowerCase();
    return this.#state.accounts.find((a) => a.email.toLowerCase() === wanted);
  }

  #startSession(account: MemoryAccount): Session {
    this.#session = this.#sessionFor(account);
    this.#emit({ type: 'session', session: this.#session });
    return structuredClone(this.#session);
  }

  #send(account: MemoryAccount, purpose: LinkPurpose): void {
    const token = crypto.randomUUID();
    const expiresAt = this.#now().getTime() + LINK_LIFETIME_MINUTES[purpose] * MINUTE;
    this.#state.tokens.set(token, { purpose, contactId: account.id, expiresAt, used: false });
    this.#state.outbox.push({ to: account.email, purpose, token });
  }

  /** The account a one-time link belongs to; the link is spent. */
  #redeem(token: string, purpose: LinkPurpose): MemoryAccount {
    const link = this.#state.tokens.get(token);
    const account = this.#state.accounts.find((a) => a.id === link?.contactId);
    if (
      !link ||
      !account ||
      link.used ||
      link.purpose !== purpose ||
      link.expiresAt <= this.#now().getTime()
    ) {
      throw new PortalError(
        'not_found',
        'This link has expired or has been used already. Ask for a new one.',
      );
    }
    link.used = true;
    return account;
  }

  #checkPassword(password: string): void {
    const errors = validatePassword(password);
    if (Object.keys(errors).length) {
      throw new PortalError('validation', 'Choose another password.', errors);
    }
  }

  #sessionFor({ id, email, name, companyId }: Contact): Session {
    const expiresAt = new Date(
      this.#now().getTime() + this.#data.portal.idleTimeoutMinutes * MINUTE,
    ).toISOString();
    return { contact: { id, email, name, companyId }, expiresAt };
  }

  async #signedIn(): Promise<Contact> {
    await this.#answer();
    if (!this.#session) throw new PortalError('unauthenticated', 'Sign in to continue.');
    return this.#session.contact;
  }

  /** Waits like a network would, then fails if told to or if the portal is off. */
  async #answer(): Promise<void> {
    await this.#settle();
    const code = this.#options.failWith;
    if (code) throw new PortalError(code, `The portal could not be reached (${code}).`);
    if (!this.#data.portal.enabled) {
      throw new PortalError('unavailable', 'This support portal is closed.');
    }
  }

  #settle(): Promise<void> {
    const ms = this.#options.delayMs ?? 0;
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
  }

  #emit(event: PortalEvent): void {
    for (const listener of this.#listeners) listener(structuredClone(event));
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }
}
