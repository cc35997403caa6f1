import type { KyInstance } from 'ky';
import type { PortalAdapter } from './adapter.js';
import { CSRF_HEADER, CSRF_VALUE } from './http-api.js';
import { HttpReader, errorFromResponse } from './http-reader.js';
import { keepPageGlobals } from './page-globals.js';
import type {
  Credentials,
  Message,
  NewTicketInput,
  Page,
  RegistrationInput,
  SetPasswordInput,
  PortalEvent,
  ProgressListener,
  ReplyInput,
  Session,
  Ticket,
  TicketQuery,
} from './types.js';

const { stringify, parse: parseJson } = keepPageGlobals();

/**
 * JSON text of a request body. A `toJSON` that a page put on `Array.prototype` or
 * `Object.prototype` (Prototype.js does, turning arrays into strings) is ignored; a value's own
 * `toJSON`, and a date's, still count.
 */
export function stringifyJson(value: unknown): string {
  return stringify(value, function (this: Record<string, unknown>, key: string, converted) {
    const original = this[key];
    if (original === null || typeof original !== 'object' || Object.hasOwn(original, 'toJSON')) {
      return converted as unknown;
    }
    const proto = Object.getPrototypeOf(original) as unknown;
    return proto === Array.prototype || proto === Object.prototype || proto === null
      ? original
      : (converted as unknown);
  });
}

/**
 * Speaks the reference backend's HTTP API (see `http-api.ts`).
 *
 * Reads (`GET`) go straight through `fetch`, as HttpReader makes them. Writes go through ky, which is imported the first time something is
 * written: a page that only reads (a "Go to support" link reading the portal config, a portal
 * showing tickets) never loads it.
 */
export class HttpAdapter extends HttpReader implements PortalAdapter {
  /** The ky instance for writes, once loaded. */
  #writer: Promise<KyInstance> | undefined;
  readonly #listeners = new Set<(event: PortalEvent) => void>();
  #events: EventSource | undefined;
  /** Whether the last answer about the session said someone is signed in. */
  #signedIn = false;

  override async getSession(): Promise<Session | null> {
    const session = await super.getSession();
    this.#sessionKnown(session);
    return session;
  }

  signIn(credentials: Credentials): Promise<Session> {
    return this.#startSession('session', credentials);
  }

  async signOut(): Promise<void> {
    await this.#write((http) => http.delete('session'));
    this.#emit({ type: 'session', session: null });
  }

  async register(input: RegistrationInput): Promise<void> {
    await this.#write((http) => http.post('auth/register', { json: input }));
  }

  verifyEmail(token: string): Promise<Session> {
    return this.#startSession('auth/verify', { token });
  }

  acceptInvitation(input: SetPasswordInput): Promise<Session> {
    return this.#startSession('auth/invitation', input);
  }

  async requestPasswordReset(email: string): Promise<void> {
    await this.#write((http) => http.post('auth/password-reset', { json: { email } }));
  }

  resetPassword(input: SetPasswordInput): Promise<Session> {
    return this.#startSession('auth/password', input);
  }

  async requestSignInLink(email: string): Promise<void> {
    await this.#write((http) => http.post('auth/sign-in-link', { json: { email } }));
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
    const search = String(searchParams);
    return this.get<Page<Ticket>>(search ? `tickets?${search}` : 'tickets');
  }

  getTicket(id: string): Promise<Ticket> {
    return this.get<Ticket>(`tickets/${encodeURIComponent(id)}`);
  }

  async listMessages(ticketId: string): Promise<Message[]> {
    const { items } = await this.get<{ items: Message[] }>(
      `tickets/${encodeURIComponent(ticketId)}/messages`,
    );
    return items.map((message) => this.#withAbsoluteUrls(message));
  }

  async reply(ticketId: string, { files, onProgress, ...fields }: ReplyInput): Promise<Message> {
    const message = this.#withAbsoluteUrls(
      await this.#send<Message>(
        `tickets/${encodeURIComponent(ticketId)}/messages`,
        fields,
        files,
        onProgress,
      ),
    );
    this.#emit({ type: 'message', message });
    return message;
  }

  async createTicket({ files, onProgress, ...fields }: NewTicketInput): Promise<Ticket> {
    const ticket = await this.#send<Ticket>('tickets', fields, files, onProgress);
    this.#emit({ type: 'ticket', ticket });
    return ticket;
  }

  /**
   * Changes made through this adapter, and, in a browser, what the server pushes over
   * server-sent events (`events`) while anyone listens.
   */
  subscribe(listener: (event: PortalEvent) => void): () => void {
    this.#listeners.add(listener);
    this.#openEvents();
    return () => {
      this.#listeners.delete(listener);
      this.#openEvents();
    };
  }

  /** Opens the event stream while someone listens and someone is signed in; else closes it. */
  #openEvents(): void {
    if (!this.#listeners.size || !this.#signedIn) {
      this.#events?.close();
      this.#events = undefined;
      return;
    }
    if (this.#events || typeof EventSource === 'undefined') return;
    const events = new EventSource(this.url('events'), { withCredentials: true });
    // A refused stream (the session ended) stays closed; the next sign-in opens a new one.
    events.addEventListener('error', () => {
      if (events.readyState === EventSource.CLOSED && this.#events === events) {
        this.#events = undefined;
      }
    });
    events.addEventListener('ticket', (event: MessageEvent<string>) =>
      this.#emit({ type: 'ticket', ticket: parseJson(event.data) as Ticket }),
    );
    events.addEventListener('message', (event: MessageEvent<string>) =>
      this.#emit({
        type: 'message',
        message: this.#withAbsoluteUrls(parseJson(event.data) as Message),
      }),
    );
    this.#events = events;
  }

  /** Attachment links come relative to the API's host; a page on another site needs them whole. */
  #withAbsoluteUrls(message: Message): Message {
    return {
      ...message,
      attachments: message.attachments.map((a) => ({ ...a, url: this.url(a.url) })),
    };
  }

  /**
   * Posts JSON, or multipart form data when there are files: the fields as one JSON part named
   * `data`, then each file as a part named `files`. With a progress listener in a browser the
   * upload goes through XMLHttpRequest, the one browser API that reports upload progress over
   * HTTP/1.1.
   */
  async #send<T>(
    path: string,
    fields: object,
    files: readonly File[] = [],
    onProgress?: ProgressListener,
  ): Promise<T> {
    if (!files.length) return this.#write((http) => http.post(path, { json: fields }).json<T>());
    const body = new FormData();
    body.append('data', stringifyJson(fields));
    for (const file of files) body.append('files', file, file.name);
    if (onProgress && typeof XMLHttpRequest !== 'undefined') {
      return this.call(() =>
        uploadWithProgress<T>(this.url(path), body, onProgress, this.language),
      );
    }
    return this.#write((http) => http.post(path, { body }).json<T>());
  }

  /** Any request whose answer is a new session. */
  async #startSession(path: string, json: object): Promise<Session> {
    const session = await this.#write((http) => http.post(path, { json }).json<Session>());
    this.#emit({ type: 'session', session });
    return session;
  }

  #emit(event: PortalEvent): void {
    if (event.type === 'session') this.#sessionKnown(event.session);
    for (const listener of this.#listeners) listener(event);
  }

  #sessionKnown(session: Session | null): void {
    this.#signedIn = session !== null;
    this.#openEvents();
  }

  /**
   * A write through ky, loaded with the first one. State-changing requests carry the CSRF
   * header; ky retries only the idempotent ones (DELETE here), never a POST.
   */
  #write<T>(request: (http: KyInstance) => Promise<T>): Promise<T> {
    this.#writer ??= import('ky').then(({ default: ky }) =>
      ky.create({
        prefixUrl: this.baseUrl,
        credentials: 'include',
        timeout: this.timeoutMs,
        retry: { limit: 1 },
        stringifyJson,
        parseJson,
        ...(this.fetch ? { fetch: this.fetch } : {}),
        hooks: {
          beforeRequest: [
            (request) => {
              request.headers.set(CSRF_HEADER, CSRF_VALUE);
              if (this.language) request.headers.set('accept-language', this.language);
            },
          ],
        },
      }),
    );
    const writer = this.#writer;
    // A failed load (the connection dropped) is tried again with the next write.
    writer.catch(() => {
      if (this.#writer === writer) this.#writer = undefined;
    });
    return this.call(async () => request(await writer));
  }
}

/** An XMLHttpRequest POST that reports upload progress and answers like ky's `.json()`. */
function uploadWithProgress<T>(
  url: string,
  body: FormData,
  onProgress: ProgressListener,
  language: string | undefined,
) {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.withCredentials = true;
    request.setRequestHeader(CSRF_HEADER, CSRF_VALUE);
    if (language) request.setRequestHeader('accept-language', language);
    request.upload.addEventListener('progress', (event) => onProgress(event.loaded, event.total));
    request.addEventListener('load', () => {
      const response = new Response(request.responseText, {
        status: request.status,
        headers: { 'content-type': request.getResponseHeader('content-type') ?? '' },
      });
      if (response.ok) resolve(response.json() as Promise<T>);
      else void errorFromResponse(response).then(reject);
    });
    request.addEventListener('error', () => reject(new TypeError('The upload failed.')));
    request.addEventListener('timeout', () => reject(new TypeError('The upload timed out.')));
    request.send(body);
  });
}
