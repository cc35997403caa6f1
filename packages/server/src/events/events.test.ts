import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Message, Ticket } from '@kundportal/core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { postForm, PNG } from '../attachments/test-support.js';
import { createApp } from '../app.js';
import type { Database } from '../db.js';
import { loadPortalSettings, savePortalSettings } from '../portal-settings.js';
import { seedDemo } from '../seed.js';
import {
  call,
  pgliteDatabase,
  postgresDatabase,
  postgresUnreachable,
  signIn,
  type App,
  type TestDatabase,
} from '../test-support.js';
import { EventHub } from './hub.js';
import { EVENTS_CHANNEL, publishChange } from './notices.js';
import { openEvents, type OpenStream, type ReceivedEvent } from './test-support.js';

const ADA = DEMO_ACCOUNT;
const BJORN = { email: 'bjorn@nordlys.example', password: 'kundportal-demo-2' };
const AGENT_KEY = 'events-test-agent-key';
const TICKET = '1002';
// Long enough for a notice to travel through the database and be checked.
const QUIET_MS = 400;

const key = () => `key-${randomBytes(8).toString('hex')}`;

/** `postgres`: also the tests that need a second connection to the same database. */
function runEventSuite(
  name: string,
  openDb: () => Promise<TestDatabase>,
  { postgres = false, skip }: { postgres?: boolean; skip?: string } = {},
) {
  // A timeout, so a stream that never ends fails its test instead of hanging the run.
  describe(name, { skip, timeout: 20_000 }, () => {
    let testDb: TestDatabase;
    let db: Database;
    let hub: EventHub;
    let app: App;
    let ada: string;
    let bjorn: string;
    const open: OpenStream[] = [];

    const stream = async (cookie: string, on = app) => {
      const opened = await openEvents(on, cookie);
      open.push(opened);
      return opened;
    };
    const reply = (text: string, cookie = ada, on = app) =>
      call<Message>(on, `/api/tickets/${TICKET}/messages`, {
        method: 'POST',
        cookie,
        body: { text, idempotencyKey: key() },
      });
    const agent = (path: string, method: string, body: object) =>
      call<Message>(app, `/api/agent/tickets/${TICKET}${path}`, {
        method,
        headers: { authorization: `Bearer ${AGENT_KEY}` },
        body,
      });
    const setTicketAccess = async (ticketAccess: 'own' | 'company') => {
      const settings = await loadPortalSettings(db);
      await savePortalSettings(db, { ...settings, ticketAccess }, new Date());
    };
    const summary = (events: ReceivedEvent[]) => events.map(({ event }) => event);

    before(async () => {
      testDb = await openDb();
      db = testDb.db;
      await seedDemo(db);
      hub = new EventHub(db, { heartbeatMs: 100 });
      app = createApp({ db, events: hub, agentApiKey: AGENT_KEY, reportError: () => {} });
      ada = await signIn(app, ADA);
      bjorn = await signIn(app, BJORN);
    });

    after(async () => {
      await Promise.all(open.map((opened) => opened.close()));
      await hub.close();
      await testDb?.dispose();
    });

    test('the stream needs a session', async () => {
      const answer = await call(app, '/api/events');
      assert.equal(answer.status, 401);
    });

    test("a customer's reply reaches their stream as a message, with its files, and a ticket change", async () => {
      const events = await stream(ada);
      const sent = await postForm<Message>(app, `/api/tickets/${TICKET}/messages`, {
        cookie: ada,
        data: { text: 'Live!', idempotencyKey: key() },
        files: [{ name: 'shot.png', type: 'image/png', bytes: PNG }],
      });
      assert.equal(sent.status, 201, sent.text);
      const message = await events.next();
      assert.equal(message.event, 'message');
      assert.deepEqual(message.data, sent.body);
      const ticket = await events.next();
      assert.equal(ticket.event, 'ticket');
      assert.equal((ticket.data as Ticket).id, TICKET);
      assert.equal((ticket.data as Ticket).lastActivityAt, sent.body.createdAt);
    });

    test('a colleague without company permission hears nothing; with it, the same change', async () => {
      const colleague = await stream(bjorn);
      await reply('Only for me.');
      assert.deepEqual(await colleague.collect(QUIET_MS), []);
      await setTicketAccess('company');
      try {
        // Settings are read per event: the open stream needs no reconnect.
        await reply('Now the company sees it.');
        assert.deepEqual(summary([await colleague.next(), await colleague.next()]), [
          'message',
          'ticket',
        ]);
      } finally {
        await setTicketAccess('own');
      }
    });

    test("an agent's reply is a message event; an internal note produces none", async () => {
      const events = await stream(ada);
      const note = await agent('/messages', 'POST', { text: 'Internal only', internal: true });
      assert.equal(note.status, 201, note.text);
      assert.deepEqual(await events.collect(QUIET_MS), []);
      const answer = await agent('/messages', 'POST', {
        text: 'We are on it.',
        authorName: 'Karin',
      });
      const message = await events.next();
      assert.equal(message.event, 'message');
      assert.equal((message.data as Message).id, answer.body.id);
      assert.deepEqual((message.data as Message).author, { kind: 'agent', name: 'Karin' });
      assert.equal((await events.next()).event, 'ticket');
    });

    test('a stage change is a ticket event with the new stage', async () => {
      const events = await stream(ada);
      const moved = await agent('', 'PATCH', { stageId: 'support-progress' });
      assert.equal(moved.status, 200, moved.text);
      const event = await events.next();
      assert.equal(event.event, 'ticket');
      assert.equal((event.data as Ticket).stageLabel, 'In progress');
    });

    test('a new ticket is announced to its contact', async () => {
      const events = await stream(ada);
      const filed = await call<Ticket>(app, '/api/tickets', {
        method: 'POST',
        cookie: ada,
        body: { subject: 'Live ticket', description: 'Hello', idempotencyKey: key() },
      });
      assert.equal(filed.status, 201, filed.text);
      const arrived = await events.collect(QUIET_MS);
      assert.ok(
        arrived.some((e) => e.event === 'ticket' && (e.data as Ticket).id === filed.body.id),
      );
    });

    test('a change whose transaction rolls back is never announced', async () => {
      const events = await stream(ada);
      await assert.rejects(
        db.transaction(async (tx) => {
          await publishChange(tx, { type: 'ticket', ticketId: TICKET });
          throw new Error('rolled back');
        }),
      );
      assert.deepEqual(await events.collect(QUIET_MS), []);
      await db.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, 'not a notice']);
      assert.deepEqual(await events.collect(QUIET_MS), []);
    });

    test('heartbeats keep the stream open; signing out closes it', async () => {
      const cookie = await signIn(app, ADA);
      const events = await stream(cookie);
      await events.collect(350);
      assert.ok(events.heartbeats() >= 2, `${events.heartbeats()} heartbeats`);
      await call(app, '/api/session', { method: 'DELETE', cookie });
      await events.ended;
    });

    test('shutting the hub down ends every stream', async () => {
      const ownHub = new EventHub(db, { heartbeatMs: 60_000 });
      const ownApp = createApp({ db, events: ownHub, reportError: () => {} });
      const events = await stream(ada, ownApp);
      await ownHub.close();
      await events.ended;
    });

    if (postgres) {
      test('a reply through one server process reaches a stream opened on another', async () => {
        const otherDb = await testDb.openAgain!();
        const otherHub = new EventHub(otherDb, { heartbeatMs: 60_000 });
        const other = createApp({ db: otherDb, events: otherHub, reportError: () => {} });
        try {
          const onB = await stream(ada, other);
          const colleagueOnB = await stream(bjorn, other);
          const sent = await reply('Sent through A');
          const message = await onB.next();
          assert.equal(message.event, 'message');
          assert.equal((message.data as Message).id, sent.body.id);
          assert.deepEqual(await colleagueOnB.collect(QUIET_MS), []);
        } finally {
          await otherHub.close();
          await otherDb.close();
        }
      });

      test('the listening connection reconnects after it is dropped', async () => {
        const events = await stream(ada);
        await db.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
        );
        // The first retry comes after half a second; keep replying until one gets through.
        const deadline = Date.now() + 5_000;
        let heard: ReceivedEvent[] = [];
        while (!heard.length && Date.now() < deadline) {
          await reply('After the reconnect');
          heard = await events.collect(QUIET_MS);
        }
        assert.equal(heard[0]?.event, 'message');
      });
    }
  });
}

runEventSuite('live events on PGlite', pgliteDatabase);
const unreachable = await postgresUnreachable();
runEventSuite('live events on PostgreSQL', postgresDatabase, { postgres: true, skip: unreachable });
