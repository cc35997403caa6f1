import ky, { HTTPError, TimeoutError, type KyInstance } from 'ky';
import type { PortalAdapter } from './adapter.js';
import { PortalError, isErrorBody } from './errors.js';
import { CSRF_HEADER, CSRF_VALUE } from './http-api.js';
import type {
  Credentials,
  Message,
  NewTicketInput,
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

export interface HttpAdapterOptions {
  /** Where the API lives, e.g. `https://support.example.com/api` or `/api`. */
  baseUrl: string;
  /** A fetch to use instead of the global one (tests keep cookies with it). */
  fetch?: typeof fetch;
  /** Milliseconds before a request counts as lost. */
  timeoutMs?: number;
}

/** Speaks the reference backend's HTTP API (see `http-api.ts`) with ky. */
export class HttpAdapter implements PortalAdapter {
  readonly #http: KyInstance;
  readonly #listeners = new Set<(event: PortalEvent) => void>();

  constructor({ baseUrl, fetch, timeoutMs = 15_000 }: HttpAdapterOptions) {
    this.#http = ky.create({
      prefixUrl: baseUrl,
      credentials: 'include',
      timeout: timeoutMs,
      retry: { limit: 1 },
      ...(fetch ? { fetch } : {}),
      hooks: {
        beforeRequest: [
          (request) => {
            if (request.method !== 'GET') request.headers.set(CSRF_HEADER, CSRF_VALUE);
          },
        ],
      },
    });
  }

  getPortal(): Promise<PortalConfig> {
    return this.#call(() => this.#http.get('portal').json<PortalConfig>());
  }

  async getSession(): Promise<Session | null> {
    const { session } = await this.#call(() =>
      this.#http.get('session').json<{ session: Session | null }>(),
    );
    return session;
  }

  signIn(credentials: Credentials): Promise<Session> {
    return this.#startSession('session', credentials);
  }

  async signOut(): Promise<void> {
    await this.#call(() => this.#http.delete('session'));
    this.#emit({ type: 'session', session: null });
  }

  async register(input: RegistrationInput): Promise<void> {
    await this.#call(() => this.#http.post('auth/register', { json: input }));
  }

  verifyEmail(token: string): Promise<Session> {
    return this.#startSession('auth/verify', { token });
  }

  acceptInvitation(input: SetPasswordInput): Promise<Session> {
    return this.#startSession('auth/invitation', input);
  }

  async requestPasswordReset(email: string): Promise<void> {
    await this.#call(() => this.#http.post('auth/password-reset', { json: { email } }));
  }

  resetPassword(input: SetPasswordInput): Promise<Session> {
    return this.#startSession('auth/password', input);
  }

  async requestSignInLink(email: string): Promise<void> {
    await this.#call(() => this.#http.post('auth/sign-in-link', { json: { email } }));
  }

  signInWithLink(token: string): Promise<Session> {
    return this.#startSession('auth/sign-in-link/redeem', { token });
  }

  exchangeSsoToken(token: string): Promise<Session> {
    return this.#startSession('sso/jwt', { token });
  }

  listTickets(query: TicketQuery = {}): Promise<Page<Ticket>> {
    const searchParams = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '')
        searchParams.set(key, String(value));
    }
    return this.#call(() => this.#http.get('tickets', { searchParams }).json<Page<Ticket>>());
  }

  getTicket(id: string): Promise<Ticket> {
    return this.#call(() => this.#http.get(`tickets/${encodeURIComponent(id)}`).json<Ticket>());
  }

  async listMessages(ticketId: string): Promise<Message[]> {
    const { items } = await this.#call(() =>
      this.#http
        .get(`tickets/${encodeURIComponent(ticketId)}/messages`)
        .json<{ items: Message[] }>(),
    );
    return items;
  }

  async reply(ticketId: string, input: ReplyInput): Promise<Message> {
    const message = await this.#call(() =>
      this.#http
        .post(`tickets/${encodeURIComponent(ticketId)}/messages`, { json: input })
        .json<Message>(),
    );
    this.#emit({ type: 'message', message });
    return message;
  }

  async createTicket(input: NewTicketInput): Promise<Ticket> {
    const ticket = await this.#call(() =>
      this.#http.post('tickets', { json: input }).json<Ticket>(),
    );
    this.#emit({ type: 'ticket', ticket });
    return ticket;
  }

  /** Changes made through this adapter; server-pushed events come with live updates. */
  subscribe(listener: (event: PortalEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Any request whose answer is a new session. */
  async #startSession(path: string, json: object): Promise<Session> {
    const session = await this.#call(() => this.#http.post(path, { json }).json<Session>());
    this.#emit({ type: 'session', session });
    return session;
  }

  #emit(event: PortalEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  /** Runs a request and turns every failure into a PortalError. */
  async #call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw await toPortalError(error);
    }
  }
}

async function toPortalError(error: unknown): Promise<PortalError> {
  if (error instanceof PortalError) return error;
  if (error instanceof HTTPError) {
    const body: unknown = await error.response.json().catch(() => undefined);
    if (isErrorBody(body)) {
      const { code, message, fields, retryAfter } = body.error;
      return new PortalError(code, message, fields, retryAfter);
    }
    const status = error.response.status;
    if (status === 503 || status === 502 || status === 504) {
      return new PortalError('unavailable', 'The support portal is not available right now.');
    }
    return new PortalError('server', `The server answered ${status}.`);
  }
  if (error instanceof TimeoutError) {
    return new PortalError('network', 'The server took too long to answer.');
  }
  return new PortalError('network', 'The server could not be reached. Check your connection.');
}
