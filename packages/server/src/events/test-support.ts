// An EventSource for tests: opens `GET /api/events` on an app and reads what arrives.
import assert from 'node:assert/strict';
import type { App } from '../test-support.js';

/** One server-sent event as the client parsed it. */
export interface ReceivedEvent {
  event: string;
  data: unknown;
}

/** An open event stream: events as they arrive, comments counted, closed by `close()`. */
export interface OpenStream {
  /** The next event, or a failure after `timeoutMs`. */
  next(timeoutMs?: number): Promise<ReceivedEvent>;
  /** Waits `ms` and returns every event that arrived meanwhile. */
  collect(ms: number): Promise<ReceivedEvent[]>;
  /** How many heartbeat comments arrived so far. */
  heartbeats(): number;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): Promise<void>;
}

/** Opens the stream with the session cookie and waits until the server is listening. */
export async function openEvents(app: App, cookie: string): Promise<OpenStream> {
  const response = await app.request('/api/events', { headers: { cookie } });
  // Not the body in the message: a stream's body never ends.
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/event-stream');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: ReceivedEvent[] = [];
  const waiting: (() => void)[] = [];
  let comments = 0;
  let connected!: () => void;
  const isConnected = new Promise<void>((resolve) => (connected = resolve));
  const ended = (async () => {
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: '' }));
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block === ': connected') connected();
        else if (block.startsWith(':')) comments += 1;
        else {
          const field = (name: string) =>
            block
              .split('\n')
              .filter((line) => line.startsWith(`${name}: `))
              .map((line) => line.slice(name.length + 2))
              .join('\n');
          events.push({ event: field('event'), data: JSON.parse(field('data')) });
          waiting.splice(0).forEach((wake) => wake());
        }
      }
    }
    waiting.splice(0).forEach((wake) => wake());
  })();
  await isConnected;
  let read = 0;
  return {
    async next(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (read >= events.length) {
        const left = deadline - Date.now();
        assert.ok(left > 0, 'no event arrived in time');
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, left);
        });
      }
      return events[read++]!;
    },
    async collect(ms) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      const arrived = events.slice(read);
      read = events.length;
      return arrived;
    },
    heartbeats: () => comments,
    ended,
    async close() {
      await reader.cancel().catch(() => {});
      await ended;
    },
  };
}
