// The server under load, in a process of its own so that its resident memory is its own: the
// reference server on the load database, answering `rss` and `stop` over IPC.
import { openDatabase } from '../../packages/server/src/db.js';
import { startServer } from '../../packages/server/src/serve.js';

/** What the server process tells the load runner. */
export type ServerMessage =
  | { type: 'ready'; url: string }
  | { type: 'rss'; rss: number }
  | { type: 'stopped'; unexpectedErrors: string[] }
  | { type: 'failed'; message: string };

/** What the load runner tells the server process. */
export type RunnerMessage = { type: 'rss' } | { type: 'stop' };

const send = (message: ServerMessage) => process.send?.(message);
const unexpectedErrors: string[] = [];

try {
  const db = await openDatabase({ url: process.env.LOAD_DATABASE_URL });
  const server = await startServer({
    port: 0,
    db,
    mailTransport: { send: async () => {} },
    reportError: (error) => unexpectedErrors.push(String((error as Error).stack ?? error)),
  });
  process.on('message', (message: RunnerMessage) => {
    if (message.type === 'rss') send({ type: 'rss', rss: process.memoryUsage().rss });
    else if (message.type === 'stop') {
      void server
        .close()
        .then(() => db.close())
        .finally(() => {
          send({ type: 'stopped', unexpectedErrors });
          process.disconnect();
        });
    }
  });
  send({ type: 'ready', url: server.url });
} catch (error) {
  send({ type: 'failed', message: String((error as Error).stack ?? error) });
  process.exit(1);
}
