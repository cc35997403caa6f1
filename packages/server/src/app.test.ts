import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { ErrorBody, Message, Page, PortalConfig, Session, Ticket } from '@kundportal/core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { createApp } from './app.js';
import { connectPostgres, type Database } from './db.js';
import { runMigrations } from './migrate.js';
import { seedDemo } from './seed.js';
import {
  call,
  pgliteDatabase,
  postgresDatabase,
  postgresUnreachable,
  signIn,
  type App,
  type TestDatabase,
} from './test-support.js';

const ADA = DEMO_ACCOUNT;
const BJORN = { email: 'bjorn@nordlys.example', password: 'kundportal-demo-2' };
const MINUTE = 60_000;

async function listAll(app: App, cookie: string, query = ''): Promise<Ticket[]> {
  const answer = await call<Page<Ticket>>(app, `/api/tickets?limit=100${query}`, { cookie });
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.body.nextCursor, null);
  return answer.body.items;
}

async function messagesOf(app: App, cookie: string, ticketId: string): Promise<Message[]> {
  const answer = await call<{ items: Message[] }>(app, `/api/tickets/${ticketId}/messages`, {
    cookie,
  });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.items;
}

function uniqueKey(): string {
  return `key-${randomBytes(8).toString('hex')}`;
}

/**
 * The reference server's behaviour, as a client sees it, against one database engine.
 * Tests share one seeded database and do not depend on each other's order: they compare
 * before and after, or look only at data no other test changes.
 */
function runServerSuite(name: string, openDb: () => Promise<TestDatabase>, skip?: string): void {
  describe(name, { skip }, () => {
    let testDb: TestDatabase;
    let db: Database;
    let app: App;

    before(async () => {
      testDb = await openDb();
      db = testDb.db;
      assert.equal(await seedDemo(db), true);
      app = createApp({ db, reportError: () => {} });
    });

    after(() => testDb?.dispose());

    describe('portal and sessions', () => {
      test('the portal config is public', async () => {
        const answer = await call<PortalConfig>(app, '/api/portal');
        assert.equal(answer.status, 200);
        assert.equal(answer.body.title, 'Nordlys Support');
        assert.equal(answer.body.idleTimeoutMinutes, 30);
      });

      test('signing in with the right password returns the session; email case does not matter', async () => {
        const answer = await call<Session>(app, '/api/session', {
          method: 'POST',
          body: { email: '  ADA@Nordlys.Example ', password: ADA.password },
        });
        assert.equal(answer.status, 200, answer.text);
        assert.deepEqual(answer.body.contact, {
          id: 'p-ada',
          email: ADA.email,
          name: 'Ada Lindqvist',
          companyId: 'c-nordlys',
        });
        assert.ok(Date.parse(answer.body.expiresAt) > Date.now());
      });

      test('a wrong password and an unknown email get the same 401 and no cookie', async () => {
        const wrongPassword = await call(app, '/api/session', {
          method: 'POST',
          body: { email: ADA.email, password: 'not-the-password' },
        });
        const unknownEmail = await call(app, '/api/session', {
          method: 'POST',
          body: { email: 'nobody@nordlys.example', password: ADA.password },
        });
        for (const answer of [wrongPassword, unknownEmail]) {
          assert.equal(answer.status, 401);
          assert.deepEqual(answer.body, {
            error: { code: 'unauthenticated', message: 'Email or password is wrong.' },
          });
          assert.equal(answer.headers.get('set-cookie'), null);
        }
      });

      test('the session cookie is HttpOnly, SameSite=Lax, Path=/, with Max-Age; Secure only over https', async () => {
        const overHttp = await call(app, '/api/session', { method: 'POST', body: ADA });
        const cookie = overHttp.headers.get('set-cookie') ?? '';
        assert.match(cookie, /^kp_session=[\w-]{43};/);
        assert.match(cookie, /; HttpOnly/);
        assert.match(cookie, /; SameSite=Lax/);
        assert.match(cookie, /; Path=\//);
        assert.match(cookie, /; Max-Age=43200/);
        assert.doesNotMatch(cookie, /Secure/);

        const overHttps = await call(app, 'https://portal.example/api/session', {
          method: 'POST',
          body: ADA,
        });
        assert.match(overHttps.headers.get('set-cookie') ?? '', /; Secure/);
        const behindProxy = await call(app, '/api/session', {
          method: 'POST',
          body: ADA,
          headers: { 'x-forwarded-proto': 'https' },
        });
        assert.match(behindProxy.headers.get('set-cookie') ?? '', /; Secure/);
      });

      test('GET /api/session says who is signed in, or null; never cached', async () => {
        const nobody = await call<{ session: Session | null }>(app, '/api/session');
        assert.deepEqual(nobody.body, { session: null });
        const cookie = await signIn(app, BJORN);
        const someone = await call<{ session: Session | null }>(app, '/api/session', { cookie });
        assert.equal(someone.body.session?.contact.email, BJORN.email);
        assert.equal(someone.headers.get('cache-control'), 'no-store');
        const forged = await call(app, '/api/session', { cookie: 'kp_session=forged-token' });
        assert.deepEqual(forged.body, { session: null });
      });

      test('signing out ends the session on the server: the old cookie no longer works', async () => {
        const cookie = await signIn(app, ADA);
        assert.equal((await call(app, '/api/tickets?sort=nope', { cookie })).status, 422);
        assert.equal((await call(app, '/api/tickets/x1/messages', { cookie })).status, 404);
        const signOut = await call(app, '/api/session', { method: 'DELETE', cookie });
        assert.equal(signOut.status, 204);
        assert.match(signOut.headers.get('set-cookie') ?? '', /^kp_session=;.*Max-Age=0/);
        const session = await call(app, '/api/session', { cookie });
        assert.deepEqual(session.body, { session: null });
        const tickets = await call<ErrorBody>(app, '/api/tickets', { cookie });
        assert.equal(tickets.status, 401);
        // Signed out is what a signed-out request hears first, whatever else is wrong with it.
        const badQuery = await call<ErrorBody>(app, '/api/tickets?sort=nope', { cookie });
        assert.equal(badQuery.status, 401);
        assert.equal(badQuery.body.error.code, 'unauthenticated');
        const messages = await call<ErrorBody>(app, '/api/tickets/1001/messages', { cookie });
        assert.equal(messages.status, 401);
        const badId = await call<ErrorBody>(app, '/api/tickets/x1/messages', { cookie });
        assert.equal(badId.status, 401);
      });

      test('a session idle longer than the idle timeout is over; activity keeps it alive', async () => {
        let clock = Date.now();
        const timed = createApp({ db, now: () => new Date(clock) });
        const cookie = await signIn(timed, ADA);
        clock += 29 * MINUTE;
        assert.equal((await call(timed, '/api/tickets', { cookie })).status, 200);
        clock += 29 * MINUTE;
        assert.equal((await call(timed, '/api/tickets', { cookie })).status, 200);
        clock += 31 * MINUTE;
        const over = await call(timed, '/api/tickets', { cookie });
        assert.equal(over.status, 401);
        assert.match(over.headers.get('set-cookie') ?? '', /^kp_session=;.*Max-Age=0/);
        assert.deepEqual((await call(timed, '/api/session', { cookie })).body, { session: null });
      });

      test('a session ends after its absolute lifetime, however active', async () => {
        let clock = Date.now();
        const timed = createApp({ db, now: () => new Date(clock), sessionTtlMinutes: 45 });
        const cookie = await signIn(timed, ADA);
        clock += 20 * MINUTE;
        const early = await call<{ session: Session }>(timed, '/api/session', { cookie });
        assert.equal(early.body.session.expiresAt, new Date(clock + 25 * MINUTE).toISOString());
        clock += 20 * MINUTE;
        assert.equal((await call(timed, '/api/tickets', { cookie })).status, 200);
        clock += 10 * MINUTE;
        assert.equal((await call(timed, '/api/tickets', { cookie })).status, 401);
      });
    });

    describe('request rules', () => {
      test('state-changing requests without the CSRF header are refused with 403', async () => {
        const cookie = await signIn(app, ADA);
        const signInAttempt = await call<ErrorBody>(app, '/api/session', {
          method: 'POST',
          body: ADA,
          csrf: false,
        });
        assert.equal(signInAttempt.status, 403);
        assert.equal(signInAttempt.body.error.code, 'forbidden');
        assert.match(signInAttempt.body.error.message, /x-kundportal: 1/);
        assert.equal(signInAttempt.headers.get('set-cookie'), null);

        const reply = await call(app, '/api/tickets/1002/messages', {
          method: 'POST',
          cookie,
          csrf: false,
          body: { text: 'Forged reply', idempotencyKey: uniqueKey() },
        });
        assert.equal(reply.status, 403);
        const signOut = await call(app, '/api/session', { method: 'DELETE', cookie, csrf: false });
        assert.equal(signOut.status, 403);
        assert.equal((await call(app, '/api/tickets', { cookie })).status, 200, 'still signed in');
        assert.ok(!(await messagesOf(app, cookie, '1002')).some((m) => m.text === 'Forged reply'));
      });

      test('a malformed JSON body is a 400 validation error', async () => {
        const answer = await call<ErrorBody>(app, '/api/session', {
          method: 'POST',
          rawBody: '{"email":',
        });
        assert.equal(answer.status, 400);
        assert.deepEqual(answer.body, {
          error: { code: 'validation', message: 'The request body is not valid JSON.' },
        });
      });

      test('unknown and mistyped fields are refused with 422 and field errors', async () => {
        const cookie = await signIn(app, ADA);
        const answer = await call<ErrorBody>(app, '/api/tickets/1002/messages', {
          method: 'POST',
          cookie,
          body: { text: 42, idempotencyKey: uniqueKey(), isAdmin: true },
        });
        assert.equal(answer.status, 422);
        assert.equal(answer.body.error.code, 'validation');
        assert.ok(answer.body.error.fields?.text);
        assert.equal(answer.body.error.fields?.isAdmin, 'This field is not accepted.');
      });

      test('every ticket route needs a session: 401 unauthenticated', async () => {
        const routes: [string, string, unknown?][] = [
          ['GET', '/api/tickets'],
          ['GET', '/api/tickets/1001'],
          ['GET', '/api/tickets/1001/messages'],
          ['POST', '/api/tickets/1001/messages', { text: 'Hi', idempotencyKey: uniqueKey() }],
          ['POST', '/api/tickets', { subject: 'S', description: 'D', idempotencyKey: uniqueKey() }],
        ];
        for (const [method, path, body] of routes) {
          const answer = await call<ErrorBody>(app, path, { method, body });
          assert.equal(answer.status, 401, `${method} ${path}`);
          assert.equal(answer.body.error.code, 'unauthenticated');
        }
      });

      test('an unknown API route is a JSON 404', async () => {
        const answer = await call<ErrorBody>(app, '/api/nothing-here');
        assert.equal(answer.status, 404);
        assert.equal(answer.body.error.code, 'not_found');
      });
    });

    describe('tickets', () => {
      let ada: string;
      let bjorn: string;

      before(async () => {
        ada = await signIn(app, ADA);
        bjorn = await signIn(app, BJORN);
      });

      test("a contact sees only their own tickets: Björn's is 404 for Ada, like one that does not exist", async () => {
        const ids = (await listAll(app, ada)).map((t) => t.id);
        assert.ok(ids.includes('1001'));
        assert.ok(!ids.includes('1006'));
        const missing = await call(app, '/api/tickets/999999', { cookie: ada });
        const notHers = await call(app, '/api/tickets/1006', { cookie: ada });
        assert.equal(missing.status, 404);
        assert.deepEqual(notHers.body, missing.body);
        for (const path of ['/api/tickets/1006/messages', '/api/tickets/not-a-number']) {
          const answer = await call(app, path, { cookie: ada });
          assert.equal(answer.status, 404, path);
          assert.deepEqual(answer.body, missing.body);
        }
        const reply = await call(app, '/api/tickets/1006/messages', {
          method: 'POST',
          cookie: ada,
          body: { text: 'Not my ticket', idempotencyKey: uniqueKey() },
        });
        assert.equal(reply.status, 404);
        assert.ok(!(await messagesOf(app, bjorn, '1006')).some((m) => m.text === 'Not my ticket'));
        assert.equal(
          (await call<Ticket>(app, '/api/tickets/1006', { cookie: bjorn })).body.id,
          '1006',
        );
      });

      test("the company view is forbidden while the ticket permission is 'own'", async () => {
        const answer = await call<ErrorBody>(app, '/api/tickets?scope=company', { cookie: ada });
        assert.equal(answer.status, 403);
        assert.equal(answer.body.error.code, 'forbidden');
      });

      test('a ticket shows its status from the stage and the stage label', async () => {
        const ticket = await call<Ticket>(app, '/api/tickets/1003', { cookie: ada });
        assert.deepEqual(ticket.body, {
          ...ticket.body,
          id: '1003',
          subject: 'Change our billing address',
          status: 'closed',
          stageLabel: 'Resolved',
          requesterName: 'Ada Lindqvist',
          properties: {},
        });
        assert.deepEqual(Object.keys(ticket.body).sort(), [
          'createdAt',
          'id',
          'lastActivityAt',
          'properties',
          'requesterName',
          'stageLabel',
          'status',
          'subject',
        ]);
      });

      test("only the latest thread's messages are shown, oldest first", async () => {
        const messages = await messagesOf(app, ada, '1001');
        const texts = messages.map((m) => m.text);
        assert.ok(!texts.includes('An earlier question about exports, answered long ago.'));
        assert.equal(texts[0], 'When I export March invoices to PDF the download never starts.');
        assert.deepEqual(messages[0], {
          id: 'm-1001-2',
          ticketId: '1001',
          author: { kind: 'customer', name: 'Ada Lindqvist' },
          text: 'When I export March invoices to PDF the download never starts.',
          createdAt: messages[0]?.createdAt,
          attachments: [],
        });
        assert.deepEqual(messages[1]?.author, { kind: 'agent', name: 'Karin at Nordlys Support' });
      });

      test('an internal note never appears in any response', async () => {
        const seen: string[] = [];
        for (const cookie of [ada, bjorn]) {
          const list = await call<Page<Ticket>>(app, '/api/tickets?limit=100', { cookie });
          seen.push(list.text);
          for (const ticket of list.body.items) {
            seen.push((await call(app, `/api/tickets/${ticket.id}`, { cookie })).text);
            seen.push((await call(app, `/api/tickets/${ticket.id}/messages`, { cookie })).text);
          }
        }
        const reply = await call(app, '/api/tickets/1001/messages', {
          method: 'POST',
          cookie: ada,
          body: { text: 'Chrome, and yes, February too.', idempotencyKey: uniqueKey() },
        });
        seen.push(
          reply.text,
          (await call(app, '/api/tickets/1001/messages', { cookie: ada })).text,
        );
        for (const text of seen) {
          assert.doesNotMatch(text, /INTERNAL NOTE|legacy plan|m-1001-3/);
        }
      });

      test('the status filter returns only open or only closed tickets, together all of them', async () => {
        const all = await listAll(app, ada);
        const open = await listAll(app, ada, '&status=open');
        const closed = await listAll(app, ada, '&status=closed');
        assert.ok(open.every((t) => t.status === 'open'));
        assert.ok(closed.every((t) => t.status === 'closed'));
        assert.ok(closed.some((t) => t.id === '1003') && closed.some((t) => t.id === '1005'));
        assert.deepEqual([...open, ...closed].map((t) => t.id).sort(), all.map((t) => t.id).sort());
      });

      test('search finds words of the subject, case-insensitively; % and _ match nothing', async () => {
        const found = await listAll(app, ada, '&q=EXPORT');
        assert.deepEqual(found.map((t) => t.id).sort(), ['1001', '1005']);
        assert.deepEqual(await listAll(app, ada, '&q=%25'), []);
        assert.deepEqual(await listAll(app, ada, '&q=_'), []);
      });

      test('each sort orders the list by its column, with the id breaking ties', async () => {
        for (const [sort, key, direction] of [
          ['createdAt', 'createdAt', 1],
          ['-createdAt', 'createdAt', -1],
          ['lastActivityAt', 'lastActivityAt', 1],
          ['-lastActivityAt', 'lastActivityAt', -1],
        ] as const) {
          const items = await listAll(app, ada, `&sort=${sort}`);
          const expected = [...items].sort(
            (a, b) => direction * (a[key].localeCompare(b[key]) || Number(a.id) - Number(b.id)),
          );
          assert.deepEqual(
            items.map((t) => t.id),
            expected.map((t) => t.id),
            sort,
          );
        }
        const oldestFirst = await listAll(app, ada, '&sort=createdAt');
        assert.equal(oldestFirst[0]?.id, '1005');
        const defaultOrder = await listAll(app, ada);
        const newestActivityFirst = await listAll(app, ada, '&sort=-lastActivityAt');
        assert.deepEqual(defaultOrder, newestActivityFirst);
      });

      test('cursor paging covers every ticket exactly once, in order', async () => {
        for (const sort of ['createdAt', '-createdAt', 'lastActivityAt', '-lastActivityAt']) {
          const expected = (await listAll(app, ada, `&sort=${sort}`)).map((t) => t.id);
          const paged: string[] = [];
          let cursor: string | null = null;
          do {
            const query: string = `/api/tickets?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
            const page = await call<Page<Ticket>>(app, query, { cookie: ada });
            assert.equal(page.status, 200, page.text);
            assert.ok(page.body.items.length <= 2);
            paged.push(...page.body.items.map((t) => t.id));
            cursor = page.body.nextCursor;
          } while (cursor);
          assert.deepEqual(paged, expected, sort);
        }
        const garbled = await call<ErrorBody>(app, '/api/tickets?cursor=not-a-cursor', {
          cookie: ada,
        });
        assert.equal(garbled.status, 422);
        assert.ok(garbled.body.error.fields?.cursor);
      });

      test('a reply appears in the conversation and bumps the ticket’s last activity', async () => {
        const before = (await call<Ticket>(app, '/api/tickets/1002', { cookie: ada })).body;
        const answer = await call<Message>(app, '/api/tickets/1002/messages', {
          method: 'POST',
          cookie: ada,
          body: { text: '  It happened again this morning.  ', idempotencyKey: uniqueKey() },
        });
        assert.equal(answer.status, 201, answer.text);
        assert.deepEqual(answer.body, {
          id: answer.body.id,
          ticketId: '1002',
          author: { kind: 'customer', name: 'Ada Lindqvist' },
          text: 'It happened again this morning.',
          createdAt: answer.body.createdAt,
          attachments: [],
        });
        assert.deepEqual((await messagesOf(app, ada, '1002')).at(-1), answer.body);
        const after = (await call<Ticket>(app, '/api/tickets/1002', { cookie: ada })).body;
        assert.ok(after.lastActivityAt > before.lastActivityAt);
        assert.equal(after.lastActivityAt, answer.body.createdAt);
        const list = await call<Page<Ticket>>(app, '/api/tickets?sort=-lastActivityAt&limit=1', {
          cookie: ada,
        });
        assert.equal(list.body.items[0]?.id, '1002');
      });

      test('a reply to a ticket without a conversation starts one', async () => {
        assert.deepEqual(await messagesOf(app, ada, '1004'), []);
        const answer = await call<Message>(app, '/api/tickets/1004/messages', {
          method: 'POST',
          cookie: ada,
          body: { text: 'The tax table is from 2023.', idempotencyKey: uniqueKey() },
        });
        assert.equal(answer.status, 201, answer.text);
        assert.deepEqual(await messagesOf(app, ada, '1004'), [answer.body]);
      });

      test('a repeated idempotency key stores the reply once and answers 200 with it', async () => {
        const key = uniqueKey();
        const body = { text: 'Sent twice over a flaky connection.', idempotencyKey: key };
        const first = await call<Message>(app, '/api/tickets/1002/messages', {
          method: 'POST',
          cookie: ada,
          body,
        });
        const again = await call<Message>(app, '/api/tickets/1002/messages', {
          method: 'POST',
          cookie: ada,
          body,
        });
        assert.equal(first.status, 201);
        assert.equal(again.status, 200);
        assert.deepEqual(again.body, first.body);
        const stored = (await messagesOf(app, ada, '1002')).filter((m) => m.text === body.text);
        assert.equal(stored.length, 1);
        const elsewhere = await call<ErrorBody>(app, '/api/tickets/1001/messages', {
          method: 'POST',
          cookie: ada,
          body,
        });
        assert.equal(elsewhere.status, 409);
      });

      test('a reply to a closed ticket is a 409 conflict and is not stored', async () => {
        const answer = await call<ErrorBody>(app, '/api/tickets/1005/messages', {
          method: 'POST',
          cookie: ada,
          body: { text: 'One more thing…', idempotencyKey: uniqueKey() },
        });
        assert.equal(answer.status, 409);
        assert.equal(answer.body.error.code, 'conflict');
        assert.ok(!(await messagesOf(app, ada, '1005')).some((m) => m.text === 'One more thing…'));
      });

      test('a retried reply still answers 200 with the stored reply after the ticket closed', async () => {
        const ticket = await call<Ticket>(app, '/api/tickets', {
          method: 'POST',
          cookie: ada,
          body: {
            subject: 'Soon closed',
            description: 'Closes shortly.',
            idempotencyKey: uniqueKey(),
          },
        });
        const body = { text: 'Sent just before closing.', idempotencyKey: uniqueKey() };
        const path = `/api/tickets/${ticket.body.id}/messages`;
        const first = await call<Message>(app, path, { method: 'POST', cookie: ada, body });
        assert.equal(first.status, 201);
        // An agent closes the ticket (no agent API yet).
        await db.query(`UPDATE tickets SET stage_id = 'support-closed' WHERE id = $1::bigint`, [
          ticket.body.id,
        ]);
        const retry = await call<Message>(app, path, { method: 'POST', cookie: ada, body });
        assert.equal(retry.status, 200, retry.text);
        assert.deepEqual(retry.body, first.body);
      });

      test('an empty reply is a 422 with a field error', async () => {
        const answer = await call<ErrorBody>(app, '/api/tickets/1002/messages', {
          method: 'POST',
          cookie: ada,
          body: { text: '   ', idempotencyKey: uniqueKey() },
        });
        assert.equal(answer.status, 422);
        assert.deepEqual(answer.body.error.fields, { text: 'Write a message before sending.' });
      });

      test('filing a ticket answers 201; repeating it answers 200 with the same ticket, stored once', async () => {
        const countBefore = (await listAll(app, ada)).length;
        const body = {
          subject: ' Payslips show last month ',
          description: 'Since Monday the payslip PDF shows the previous month.',
          properties: { product: 'Payroll' },
          idempotencyKey: uniqueKey(),
        };
        const created = await call<Ticket>(app, '/api/tickets', {
          method: 'POST',
          cookie: ada,
          body,
        });
        assert.equal(created.status, 201, created.text);
        assert.deepEqual(created.body, {
          id: created.body.id,
          subject: 'Payslips show last month',
          createdAt: created.body.createdAt,
          lastActivityAt: created.body.createdAt,
          status: 'open',
          stageLabel: 'New',
          requesterName: 'Ada Lindqvist',
          properties: { product: 'Payroll' },
        });
        assert.ok(Number(created.body.id) > 1006, 'new ids continue after the seed');
        const again = await call<Ticket>(app, '/api/tickets', {
          method: 'POST',
          cookie: ada,
          body,
        });
        assert.equal(again.status, 200);
        assert.deepEqual(again.body, created.body);
        assert.equal((await listAll(app, ada)).length, countBefore + 1);
        const messages = await messagesOf(app, ada, created.body.id);
        assert.deepEqual(
          messages.map((m) => [m.author.kind, m.text]),
          [['customer', body.description]],
        );
        assert.equal(
          (await call(app, `/api/tickets/${created.body.id}`, { cookie: bjorn })).status,
          404,
        );
        // A retry answers with what was filed, even if the form has changed since.
        const retry = await call<Ticket>(app, '/api/tickets', {
          method: 'POST',
          cookie: ada,
          body: { ...body, subject: '' },
        });
        assert.equal(retry.status, 200, retry.text);
        assert.equal(retry.body.id, created.body.id);
      });

      test('a ticket that does not fit the support form is a 422 with field errors, and not filed', async () => {
        const countBefore = (await listAll(app, ada)).length;
        const answer = await call<ErrorBody>(app, '/api/tickets', {
          method: 'POST',
          cookie: ada,
          body: {
            subject: '',
            description: ' ',
            properties: { product: 'Spaceship', colour: 'red' },
            idempotencyKey: uniqueKey(),
          },
        });
        assert.equal(answer.status, 422);
        assert.equal(answer.body.error.code, 'validation');
        assert.deepEqual(answer.body.error.fields, {
          subject: 'Enter a subject.',
          description: 'Describe the problem.',
          product: 'Choose one of the options for Product.',
          colour: 'This field is not on the form.',
        });
        assert.equal((await listAll(app, ada)).length, countBefore);
      });
    });

    test('a transaction that throws leaves nothing behind', async () => {
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query(`INSERT INTO companies (id, name) VALUES ('c-temp', 'Temp AB')`);
          throw new Error('changed my mind');
        }),
        /changed my mind/,
      );
      assert.deepEqual(await db.query(`SELECT id FROM companies WHERE id = 'c-temp'`), []);
    });

    test('migrations are idempotent: running them again changes nothing', async () => {
      assert.deepEqual(await runMigrations(db), []);
      const [row] = await db.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM schema_migrations',
      );
      assert.ok(row && row.count >= 1);
      if (testDb.openAgain) {
        const second = await testDb.openAgain();
        try {
          assert.equal(await seedDemo(second), false, 'the seed runs once');
          const [again] = await second.query<{ count: number }>(
            'SELECT count(*)::int AS count FROM schema_migrations',
          );
          assert.equal(again?.count, row.count);
        } finally {
          await second.close();
        }
      }
      assert.equal((await call(app, '/api/portal')).status, 200);
    });
  });
}

runServerSuite('reference server on PGlite (in memory)', pgliteDatabase);
runServerSuite('reference server on PostgreSQL', postgresDatabase, await postgresUnreachable());

describe('failures', () => {
  test('an unreachable database answers 503 unavailable', async () => {
    const db = connectPostgres('postgres://postgres@127.0.0.1:1/nowhere');
    try {
      const answer = await call<ErrorBody>(createApp({ db }), '/api/portal');
      assert.equal(answer.status, 503);
      assert.equal(answer.body.error.code, 'unavailable');
    } finally {
      await db.close();
    }
  });

  test('an unexpected error answers 500 without revealing internals', async () => {
    const failure = new Error('relation "secret_table" does not exist at 10.0.0.7');
    const broken: Database = {
      dialect: 'postgres',
      query: () => Promise.reject(failure),
      exec: () => Promise.reject(failure),
      transaction: () => Promise.reject(failure),
      listen: () => Promise.reject(failure),
      close: () => Promise.resolve(),
    };
    const reported: unknown[] = [];
    const app = createApp({ db: broken, reportError: (error) => reported.push(error) });
    const answer = await call<ErrorBody>(app, '/api/portal');
    assert.equal(answer.status, 500);
    assert.equal(answer.body.error.code, 'server');
    assert.doesNotMatch(answer.text, /secret_table|10\.0\.0\.7/);
    assert.deepEqual(reported, [failure]);
  });
});
