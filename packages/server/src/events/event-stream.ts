import type { SSEStreamingApi } from 'hono/streaming';
import { DatabaseUnavailableError, type Queryable } from '../db.js';
import type { TicketViewer } from '../ticket-viewer.js';
import type { EventHub } from './hub.js';
import type { ChangeNotice } from './notices.js';
import { visibleEvent } from './visible-event.js';

export interface EventStreamOptions {
  db: Queryable;
  hub: EventHub;
  /**
   * The stream's contact under the current settings, or `null` once the session is over (or
   * the portal off). Asked for each event and each heartbeat, so changes apply at once.
   */
  currentViewer: () => Promise<TicketViewer | null>;
  reportError: (error: unknown) => void;
}

/**
 * Feeds one contact's server-sent events until the client leaves, the session ends or the
 * server shuts down: `event: ticket` / `event: message` with the Ticket or Message as JSON,
 * and a comment line every heartbeat so proxies keep the connection open.
 */
export async function runEventStream(
  stream: SSEStreamingApi,
  { db, hub, currentViewer, reportError }: EventStreamOptions,
): Promise<void> {
  let isStopped = false;
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => {
    stop = () => {
      isStopped = true;
      resolve();
    };
  });
  stream.onAbort(stop);

  const send = async (notice: ChangeNotice): Promise<void> => {
    // A signed-out contact hears nothing more, even before the next heartbeat notices.
    const viewer = isStopped ? null : await retryUnavailable(currentViewer);
    if (!viewer) return stop();
    const event = await retryUnavailable(() => visibleEvent(db, viewer, notice));
    if (!event || isStopped) return;
    const data =
      event.type === 'message' ? event.message : event.type === 'ticket' ? event.ticket : null;
    await stream.writeSSE({ event: event.type, data: JSON.stringify(data) });
  };
  // One at a time, so the client hears changes in the order they were made.
  let queue = Promise.resolve();
  let unsubscribe: () => void;
  try {
    unsubscribe = await hub.subscribe({
      notify: (notice) => {
        // With the database gone the stream ends; the browser reconnects and catches up.
        queue = queue
          .then(() => send(notice))
          .catch((error: unknown) =>
            error instanceof DatabaseUnavailableError ? stop() : reportError(error),
          );
      },
      end: stop,
    });
  } catch (error) {
    // The response has started: all that is left is to end it; the client reconnects.
    reportError(error);
    return;
  }
  try {
    // From here on no change is missed: clients (and tests) may rely on it.
    await stream.write(': connected\n\n');
    while (!isStopped) {
      await sleepUnless(stopped, hub.heartbeatMs);
      if (isStopped || !(await stillViewing(currentViewer))) break;
      await stream.write(': heartbeat\n\n');
    }
  } finally {
    stop();
    unsubscribe();
  }
}

async function sleepUnless(stopped: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([stopped, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * Runs a read again when the database was unavailable: a pooled connection that PostgreSQL
 * ended is only found dead when used, and the next attempt gets a fresh one.
 */
async function retryUnavailable<T>(read: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof DatabaseUnavailableError) || attempt >= attempts) throw error;
    }
  }
}

/** Whether the stream's contact may still listen; `false` too while the database is gone. */
async function stillViewing(currentViewer: () => Promise<TicketViewer | null>): Promise<boolean> {
  try {
    return Boolean(await retryUnavailable(currentViewer));
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) return false;
    throw error;
  }
}
