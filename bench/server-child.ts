// The server under test, in a process of its own so its resident memory is its own. Seeds the
// benchmark data, starts the portal API with a bare Hono route beside it, hands the parent
// session cookies over IPC, and answers `rss` and `stop` messages.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../packages/server/src/app.js';
import { openDatabase } from '../packages/server/src/db.js';
import { loadPortalSettings } from '../packages/server/src/portal-settings.js';
import { startSession } from '../packages/server/src/sessions.js';
import { benchDataSize, seedBenchData } from './server-seed.js';

/** What the child tells the parent. */
export type ChildMessage =
  | { type: 'ready'; url: string; cookies: string[]; seedMs: number; dialect: string }
  | { type: 'rss'; rss: number; heapUsed: number }
  | { type: 'idle' }
  | { type: 'error'; message: string };

/** What the parent tells the child. */
export type ParentMessage = { type: 'rss' } | { type: 'idle' } | { type: 'stop' };

const send = (message: ChildMessage) => process.send?.(message);

try {
  const url = process.env.BENCH_DATABASE_URL || null;
  const db = await openDatabase({ url, dataDir: null });
  const started = performance.now();
  const contactIds = await seedBenchData(db, benchDataSize(Number(process.env.BENCH_SCALE || 1)));
  const seedMs = performance.now() - started;
  const settings = await loadPortalSettings(db);
  const now = new Date();
  const limits = { idleMinutes: settings.idleTimeoutMinutes, lifetimeMinutes: 12 * 60 };
  // One session per connection, as 50 browsers would have: no two requests share a session row.
  const cookies: string[] = [];
  for (const id of contactIds) {
    const [contact] = await db.query<{
      id: string;
      email: string;
      name: string;
      company_id: string;
    }>('SELECT id, email, name, company_id FROM contacts WHERE id = $1', [id]);
    if (!contact) throw new Error(`contact ${id} was not seeded`);
    const { token } = await startSession(
      db,
      { id: contact.id, email: contact.email, name: contact.name, companyId: contact.company_id },
      now,
      limits,
    );
    cookies.push(`kp_session=${token}`);
  }

  const root = new Hono();
  // Requests still being answered: autocannon stops sending at the end of a run, but the server
  // still owes the answers queued behind the database, and the next run must not wait on them.
  let inFlight = 0;
  root.use('*', async (_c, next) => {
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  });
  // The baseline: routes that do no work beyond what Hono and the Node adapter always do.
  root.get('/bench/bare', (c) => c.json({ ok: true }));
  // The floor of any answer that reads the database: one round trip through the same pool.
  root.get('/bench/query', async (c) => c.json((await db.query('SELECT 1 AS ok'))[0]));
  root.post('/bench/bare', async (c) =>
    c.json({ ok: true, bytes: (await c.req.arrayBuffer()).byteLength }),
  );
  root.route('/', createApp({ db, reportError: (error) => console.error(error) }));
  const server = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    send({
      type: 'ready',
      url: `http://127.0.0.1:${info.port}`,
      cookies,
      seedMs,
      dialect: db.dialect,
    });
  });

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'idle') {
      // On PGlite a request is answered within one turn of the event loop, so requests still
      // unread in a socket count too: idle is no request open and no connection left.
      const check = () =>
        server.getConnections((error, connections) => {
          if (!error && connections === 0 && inFlight === 0) send({ type: 'idle' });
          else setTimeout(check, 50);
        });
      check();
    } else if (message.type === 'rss') {
      const { rss, heapUsed } = process.memoryUsage();
      send({ type: 'rss', rss, heapUsed });
    } else if (message.type === 'stop') {
      server.close();
      if ('closeAllConnections' in server) server.closeAllConnections();
      void db.close().finally(() => process.exit(0));
    }
  });
} catch (error) {
  send({
    type: 'error',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exit(1);
}
