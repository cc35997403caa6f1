import type { HTTPError } from 'ky';
import type { TicketSummary } from './adapter.js';
import { PortalError, isErrorBody } from './errors.js';
import { keepPageGlobals } from './page-globals.js';
import type { PortalConfig, Session } from './types.js';

export interface HttpAdapterOptions {
  /** Where the API lives, e.g. `https://support.example.com/api` or `/api`. */
  baseUrl: string;
  /** A fetch to use instead of the global one (tests keep cookies with it). */
  fetch?: typeof fetch;
  /** Milliseconds before a request counts as lost. */
  timeoutMs?: number;
}

const { fetch: pageFetch } = keepPageGlobals();

/**
 * The page's fetch, kept before the page could replace it. One the page broke before, or one
 * that answers with something other than a Response, fails as a connection error that the
 * elements show, never a blank.
 */
const fetchAtLoad: typeof fetch | undefined = pageFetch
  ? async (input, init) => {
      const response: unknown = await pageFetch(input, init);
      if (response instanceof Response) return response;
      throw new TypeError("The page's fetch did not answer with a Response.");
    }
  : undefined;

/** Answers worth one more try: the server or a gateway stumbled, or the request timed out there. */
const RETRY_STATUSES = new Set([408, 500, 502, 503, 504]);

/**
 * The reads of the reference backend's HTTP API that a "Go to support" link makes: the portal
 * config, the session and the ticket summary. HttpAdapter is this and everything else, so a page
 * with only the link loads neither the rest of the API nor ky.
 *
 * Reads (`GET`) go straight through `fetch`, with a timeout and one retry after a network
 * failure or a 5xx answer.
 */
export class HttpReader {
  /** The API base with a trailing slash, so relative paths resolve under it. */
  protected readonly baseUrl: string;
  protected readonly fetch: typeof fetch | undefined;
  protected readonly timeoutMs: number;
  /** The customer's language, sent as `Accept-Language` so the server answers in it. */
  protected language: string | undefined;

  constructor({ baseUrl, fetch, timeoutMs = 15_000 }: HttpAdapterOptions) {
    this.baseUrl = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
    this.fetch = fetch ?? fetchAtLoad;
    this.timeoutMs = timeoutMs;
  }

  setLanguage(language: string): void {
    this.language = language;
  }

  getPortal(): Promise<PortalConfig> {
    return this.get<PortalConfig>('portal');
  }

  async getSession(): Promise<Session | null> {
    return (await this.get<{ session: Session | null }>('session')).session;
  }

  getTicketSummary(): Promise<TicketSummary> {
    return this.get<TicketSummary>('tickets/summary');
  }

  /** A path resolved under the API base (or an absolute path against its host). */
  protected url(path: string): string {
    return new URL(path, new URL(this.baseUrl, globalThis.location?.href)).href;
  }

  /** A GET under the API base, answered as JSON: tried once more after a network failure or 5xx. */
  protected get<T>(path: string): Promise<T> {
    return this.call(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          const response = await (this.fetch ?? fetch)(this.url(path), {
            credentials: 'include',
            headers: this.language ? { 'accept-language': this.language } : {},
            signal: AbortSignal.timeout(this.timeoutMs),
          });
          if (response.ok) return (await response.json()) as T;
          if (attempt > 1 || !RETRY_STATUSES.has(response.status)) {
            throw await errorFromResponse(response);
          }
        } catch (error) {
          // fetch rejects with a TypeError when the request never got an answer.
          if (attempt > 1 || !(error instanceof TypeError)) throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    });
  }

  /** Runs a request and turns every failure into a PortalError. */
  protected async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw await toPortalError(error);
    }
  }
}

/** What an error response says, as a PortalError; a body that is not ours goes by its status. */
export async function errorFromResponse(response: Response): Promise<PortalError> {
  const body: unknown = await response.json().catch(() => undefined);
  if (isErrorBody(body)) {
    const { code, message, fields, retryAfter } = body.error;
    return new PortalError(code, message, fields, retryAfter);
  }
  const status = response.status;
  if (status === 503 || status === 502 || status === 504) {
    return new PortalError('unavailable', 'The support portal is not available right now.');
  }
  return new PortalError('server', `The server answered ${status}.`);
}

/** By name, as ky's classes are loaded only with the first write. */
async function toPortalError(error: unknown): Promise<PortalError> {
  if (error instanceof PortalError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'HTTPError') return errorFromResponse((error as HTTPError).response);
  if (name === 'TimeoutError') {
    return new PortalError('network', 'The server took too long to answer.');
  }
  return new PortalError('network', 'The server could not be reached. Check your connection.');
}
