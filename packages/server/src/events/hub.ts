import type { Database } from '../db.js';
import { EVENTS_CHANNEL, parseNotice, type ChangeNotice } from './notices.js';

/** One open event stream, as the hub sees it. */
export interface NoticeSubscriber {
  /** Called for every change on any server process; the subscriber decides what it may see. */
  notify(notice: ChangeNotice): void;
  /** Ends the stream (the server is shutting down). */
  end(): void;
}

export interface EventHubOptions {
  /** How often an open stream says it is still there (and checks its session), in ms. */
  heartbeatMs?: number;
}

/**
 * This process's end of the live events: one LISTEN on the database while any stream is open,
 * fanned out to the streams. Notices come from every process writing to the same database.
 */
export class EventHub {
  readonly heartbeatMs: number;
  readonly #db: Database;
  readonly #subscribers = new Set<NoticeSubscriber>();
  #listening: Promise<() => Promise<void>> | null = null;

  constructor(db: Database, { heartbeatMs = 25_000 }: EventHubOptions = {}) {
    this.#db = db;
    this.heartbeatMs = heartbeatMs;
  }

  /**
   * Adds a subscriber; resolves once the process is listening, so no later change is missed.
   * The returned function removes it again.
   */
  async subscribe(subscriber: NoticeSubscriber): Promise<() => void> {
    this.#subscribers.add(subscriber);
    const listening = (this.#listening ??= this.#db.listen(EVENTS_CHANNEL, (payload) =>
      this.#fanOut(payload),
    ));
    try {
      await listening;
    } catch (error) {
      this.#unsubscribe(subscriber);
      throw error;
    }
    return () => this.#unsubscribe(subscriber);
  }

  /** Ends every open stream and stops listening. */
  async close(): Promise<void> {
    for (const subscriber of this.#subscribers) subscriber.end();
    this.#subscribers.clear();
    await this.#stopListening();
  }

  #fanOut(payload: string): void {
    const notice = parseNotice(payload);
    if (!notice) return;
    for (const subscriber of this.#subscribers) subscriber.notify(notice);
  }

  #unsubscribe(subscriber: NoticeSubscriber): void {
    this.#subscribers.delete(subscriber);
    // Nobody left to tell: free the connection until the next stream opens.
    if (!this.#subscribers.size) void this.#stopListening();
  }

  async #stopListening(): Promise<void> {
    const listening = this.#listening;
    this.#listening = null;
    const stop = await listening?.catch(() => null);
    await stop?.();
  }
}
