// The database going away under a running server, on real PostgreSQL: first the network to it
// (a TCP proxy that stops and starts), then PostgreSQL ending the server's connections itself
// (pg_terminate_backend). Every route must answer 503 `unavailable` meanwhile, never 500; the
// server must come back by itself, live events included; a reply retried through it lands once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ErrorBody } from '@kundportal/core';
import pg from 'pg';
import { createApp } from '../../packages/server/src/app.js';
import { connectPostgres, type Database } from '../../packages/server/src/db.js';
import { startServer, type RunningServer } from '../../packages/server/src/serve.js';
import {
  postgresDatabase,
  postgresUnreachable,
  type TestDatabase,
} from '../../packages/server/src/test-support.js';
import { ADA, AGENT_KEY, seedWorld, uniqueKey, validBodies } from './security-support.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/** Routes that never touch the database: the API's own description. */
const WITHOUT_DATABASE = /^\/api\/(openapi\.json|docs(\/.*)?)$/;
const SERVER_NAME = 'kundportal-outage-test';
const TEXT = 'Sent while the database was away.';

/** Valid bodies, so that what answers is the database, not the checks before it. */
const WRITES: Record<string, object> = {
  ...validBodies(),
  // Those that store text carry TEXT, which must not be found stored afterwards.
  'POST /api/tickets': { subject: TEXT, description: TEXT, idempotencyKey: 'outage-ticket' },
  'POST /api/tickets/:id/messages': { text: TEXT, idempotencyKey: 'outage-reply' },
  'PATCH /api/agent/settings': { title: TEXT },
  'POST /api/agent/lists': { name: TEXT },
  'POST /api/agent/tickets/:id/messages': { text: TEXT },
};

describe(
  'a database that goes away and comes back (PostgreSQL)',
  { skip: await postgresUnreachable() },
  () => {
    let testDb: TestDatabase & { url: string };
    let proxy: TcpProxy;
    let db: Database;
    let running: RunningServer;
    let cookie = '';
    const unexpected: unknown[] = [];
    const tally = { faults: 0, unavailable: 0, serverErrors: 0 };

    const request = async (path: string, init: RequestInit = {}) => {
      const agent = path.startsWith('/api/agent/');
      const headers = new Headers(init.headers);
      if (agent) headers.set('authorization', `Bearer ${AGENT_KEY}`);
      else headers.set('cookie', cookie);
      if (init.method && init.method !== 'GET') headers.set('x-kundportal', '1');
      if (init.body) headers.set('content-type', 'application/json');
      const response = await fetch(`${running.url}${path}`, { ...init, headers });
      if (response.status === 503) tally.unavailable += 1;
      else if (response.status >= 500) tally.serverErrors += 1;
      return response;
    };

    const reply = (text: string, idempotencyKey: string) =>
      request('/api/tickets/1002/messages', {
        method: 'POST',
        body: JSON.stringify({ text, idempotencyKey }),
      });

    /** Copies of a text stored, read straight from PostgreSQL, around the proxy. */
    const stored = async (text: string) => {
      const [row] = await testDb.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM messages WHERE body = $1',
        [text],
      );
      return row?.n ?? 0;
    };

    /**
     * Sends the reply as a client does (the same key every time) until the server acknowledges
     * it; every answer on the way must be the reply or 503.
     */
    const replyUntilAcknowledged = async (text: string, key = uniqueKey()): Promise<number[]> => {
      const statuses: number[] = [];
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const response = await reply(text, key);
        await response.arrayBuffer();
        statuses.push(response.status);
        if (response.status !== 503) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return statuses;
    };

    /** The contact's live event stream, read until a text arrives in it. */
    const openStream = async () => {
      const controller = new AbortController();
      const response = await fetch(`${running.url}/api/events`, {
        headers: { cookie },
        signal: controller.signal,
      });
      assert.equal(response.status, 200);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let seen = '';
      return {
        async receives(text: string): Promise<boolean> {
          while (!seen.includes(text)) {
            const { value, done } = await reader.read();
            if (done) return false;
            seen += decoder.decode(value, { stream: true });
          }
          return true;
        },
        close: () => controller.abort(),
      };
    };

    const agentSays = async (text: string) => {
      const response = await request('/api/agent/tickets/1002/messages', {
        method: 'POST',
        body: JSON.stringify({ text }),
      });
      assert.equal(response.status, 201, await response.text());
    };

    /** Waits until PostgreSQL has a LISTEN of the server's open again (it reconnects on its own). */
    const listening = async () => {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const [row] = await testDb.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE application_name = $1 AND query ILIKE 'LISTEN%'`,
          [SERVER_NAME],
        );
        if (row?.n) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.fail('the server never listened again');
    };

    before(async () => {
      testDb = await postgresDatabase('kp_outage');
      await seedWorld(testDb.db);
      const target = new URL(testDb.url);
      proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
      target.host = `127.0.0.1:${proxy.port}`;
      // Named, so that PostgreSQL can be told to end this server's connections and no others.
      target.searchParams.set('application_name', SERVER_NAME);
      db = connectPostgres(target.href);
      running = await startServer({
        port: 0,
        db,
        agentApiKey: AGENT_KEY,
        mailTransport: { send: async () => {} },
        reportError: (error) => unexpected.push(error),
      });
      const signIn = await request('/api/session', {
        method: 'POST',
        body: JSON.stringify(ADA),
      });
      assert.equal(signIn.status, 200);
      cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    });

    after(async () => {
      console.log(
        `[PostgreSQL] database faults injected: ${tally.faults}, answers 503 unavailable: ` +
          `${tally.unavailable}, other 5xx: ${tally.serverErrors}, unexpected errors: ${unexpected.length}`,
      );
      await running?.close();
      await db?.close();
      await proxy?.close();
      await testDb?.dispose();
    });

    test('with the network to PostgreSQL gone, every route answers 503 unavailable, never 500', async () => {
      const routes = new Map<string, { method: string; path: string }>();
      for (const { method, path } of createApp({ db, agentApiKey: AGENT_KEY }).routes) {
        if (method !== 'ALL' && path.startsWith('/api/') && !path.includes('*')) {
          routes.set(`${method} ${path}`, { method, path });
        }
      }
      assert.ok(routes.size >= 25);
      await proxy.stop();
      tally.faults += 1;
      const problems: string[] = [];
      for (const { method, path } of routes.values()) {
        const concrete = path
          .replace(/\/tickets\/:id/, '/tickets/1002')
          .replace(':email', encodeURIComponent(ADA.email))
          .replace(/:id/g, 'list-nordlys')
          .replace(/:file$/, 'start.js');
        const body =
          method === 'GET' || method === 'DELETE'
            ? undefined
            : JSON.stringify(WRITES[`${method} ${path}`] ?? {});
        const response = await request(concrete, { method, body });
        const answer = await response.text();
        if (WITHOUT_DATABASE.test(path)) {
          if (response.status !== 200) problems.push(`${method} ${path}: ${response.status}`);
          continue;
        }
        const code = (JSON.parse(answer || 'null') as ErrorBody | null)?.error.code;
        if (response.status !== 503 || code !== 'unavailable') {
          problems.push(`${method} ${path}: ${response.status} ${answer.slice(0, 120)}`);
        }
      }
      await proxy.start();
      assert.deepEqual(problems, []);
      assert.equal(tally.serverErrors, 0);
      assert.deepEqual(unexpected, []);
      assert.equal(await stored(TEXT), 0, 'nothing sent during the outage was stored');
    });

    test('when PostgreSQL is reachable again the server recovers by itself, live events included', async () => {
      const statuses = await replyUntilAcknowledged('Back after the outage.');
      assert.ok(
        statuses.every((status) => status === 503 || status === 201),
        statuses.join(' '),
      );
      assert.equal(statuses.at(-1), 201);
      assert.equal(await stored('Back after the outage.'), 1);
      // A stream opened now listens again, through a connection made after the outage.
      const stream = await openStream();
      try {
        await listening();
        await agentSays('An agent answers after the outage.');
        assert.ok(await stream.receives('An agent answers after the outage.'));
      } finally {
        stream.close();
      }
      assert.equal(tally.serverErrors, 0);
    });

    test('when PostgreSQL ends the server’s connections, a retried reply lands once and events resume', async () => {
      const stream = await openStream();
      await listening();
      const admin = new pg.Client({ connectionString: testDb.url });
      await admin.connect();
      try {
        for (let round = 0; round < 3; round += 1) {
          const text = `Reply ${round + 1} after the connections were ended.`;
          const ended = await admin.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
            [SERVER_NAME],
          );
          assert.ok(ended.rowCount, 'the server had connections to end');
          tally.faults += 1;
          const key = uniqueKey();
          const statuses = await replyUntilAcknowledged(text, key);
          assert.ok(
            statuses.every((status) => status === 503 || status === 201),
            statuses.join(' '),
          );
          assert.equal(await stored(text), 1, 'stored once');
          // A reply sent again after its acknowledgement is the same message.
          const again = await replyUntilAcknowledged(text, key);
          assert.equal(again.at(-1), 200);
          assert.equal(await stored(text), 1, 'still once');
        }
      } finally {
        await admin.end();
      }
      // The stream opened before the connections were ended is still open, and hears again.
      try {
        await listening();
        await agentSays('Events resume after the connections ended.');
        assert.ok(await stream.receives('Events resume after the connections ended.'));
      } finally {
        stream.close();
      }
      assert.equal(tally.serverErrors, 0);
      assert.deepEqual(unexpected, []);
    });
  },
);
