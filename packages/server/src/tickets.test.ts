import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { ErrorBody, Message, Page, PortalConfig, Ticket } from '@kundportal/core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import type { AgentTicket, AgentTicketDetail } from './agent-tickets.js';
import { createApp } from './app.js';
import type { Database, Queryable } from './db.js';
import { hashPassword } from './password.js';
import type { PortalSettings } from './portal-settings.js';
import { seedDemo } from './seed.js';
import {
  call,
  pgliteDatabase,
  postgresDatabase,
  postgresUnreachable,
  signIn,
  type App,
  type CallOptions,
  type TestDatabase,
} from './test-support.js';
import type { AgentMessage } from './tickets.js';

const AGENT_KEY = 'test-agent-key-tickets-0123456789';
const BJORN = { email: 'bjorn@nordlys.example', password: 'kundportal-demo-2' };
const SORTS = ['id', 'subject', 'createdAt', 'lastActivityAt', 'status'] as const;

const uniqueKey = () => `key-${randomBytes(8).toString('hex')}`;

/** How the server orders each column ascending (subjects case-insensitively, closed first). */
function compareColumn(column: (typeof SORTS)[number], a: Ticket, b: Ticket): number {
  if (column === 'id') return Number(a.id) - Number(b.id);
  const [x, y] =
    column === 'subject'
      ? [a.subject.toLowerCase(), b.subject.toLowerCase()]
      : [a[column], b[column]];
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Issue 4's ticket rules — filter rules, company permission, inboxes, columns, sorting, search
 * and the agent's side of tickets — as clients see them, against one database engine. Tests
 * share one seeded database; a test that changes the settings puts them back.
 */
function runTicketSuite(
  name: string,
  openDb: () => Promise<TestDatabase>,
  { skip, manyConnections = false }: { skip?: string; manyConnections?: boolean } = {},
): void {
  describe(name, { skip }, () => {
    let testDb: TestDatabase;
    let db: Database;
    let app: App;
    let ada: string;
    let bjorn: string;

    const agent = <T = unknown>(path: string, options: CallOptions = {}) =>
      call<T>(app, path, {
        csrf: false,
        ...options,
        headers: { authorization: `Bearer ${AGENT_KEY}`, ...options.headers },
      });

    const patchSettings = (patch: Partial<PortalSettings>) =>
      agent<PortalSettings & ErrorBody>('/api/agent/settings', { method: 'PATCH', body: patch });

    /** Runs `fn` with the settings patched, then puts back the fields it changed. */
    const withSettings = async (patch: Partial<PortalSettings>, fn: () => Promise<void>) => {
      const before = (await agent<PortalSettings>('/api/agent/settings')).body;
      const patched = await patchSettings(patch);
      assert.equal(patched.status, 200, patched.text);
      try {
        await fn();
      } finally {
        const keys = Object.keys(patch) as (keyof PortalSettings)[];
        await patchSettings(Object.fromEntries(keys.map((key) => [key, before[key]])));
      }
    };

    const list = async (cookie: string, query = '') => {
      const answer = await call<Page<Ticket>>(app, `/api/tickets?limit=100${query}`, { cookie });
      assert.equal(answer.status, 200, answer.text);
      return answer.body.items;
    };
    const ids = async (cookie: string, query = '') => (await list(cookie, query)).map((t) => t.id);

    const messagesOf = async (cookie: string, ticketId: string) => {
      const answer = await call<{ items: Message[] }>(app, `/api/tickets/${ticketId}/messages`, {
        cookie,
      });
      assert.equal(answer.status, 200, answer.text);
      return answer.body.items;
    };

    const reply = (cookie: string, ticketId: string, text: string) =>
      call<Message & ErrorBody>(app, `/api/tickets/${ticketId}/messages`, {
        method: 'POST',
        cookie,
        body: { text, idempotencyKey: uniqueKey() },
      });

    /** Files a ticket through the portal API as the contact signed in with `cookie`; its id. */
    const fileTicket = async (cookie: string, subject: string, description: string) => {
      const filed = await call<Ticket>(app, '/api/tickets', {
        method: 'POST',
        cookie,
        body: {
          subject,
          description,
          properties: { product: 'Payroll' },
          idempotencyKey: uniqueKey(),
        },
      });
      assert.equal(filed.status, 201, filed.text);
      return filed.body.id;
    };

    /** A ticket for Ada that came in by phone: no conversation, no inbox. */
    const phoneTicket = async (subject: string): Promise<string> => {
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO tickets (contact_id, subject, stage_id, source, created_at, last_activity_at)
         VALUES ('p-ada', $1, 'support-new', 'phone', now(), now()) RETURNING id::text AS id`,
        [subject],
      );
      assert.ok(row);
      return row.id;
    };

    before(async () => {
      testDb = await openDb();
      db = testDb.db;
      assert.equal(await seedDemo(db), true);
      app = createApp({ db, agentApiKey: AGENT_KEY, reportError: () => {} });
      ada = await signIn(app, DEMO_ACCOUNT);
      bjorn = await signIn(app, BJORN);
    });

    after(() => testDb?.dispose());

    describe('ticket filter rules', () => {
      test('a filtered-out ticket is 404 everywhere, exactly like one that does not exist', async () => {
        await withSettings(
          { ticketFilters: [{ property: 'pipeline', operator: 'equals', value: 'Support' }] },
          async () => {
            assert.ok(!(await ids(ada)).includes('1003'), 'the Billing ticket is not listed');
            assert.ok((await ids(ada)).includes('1001'));
            const missing = await call(app, '/api/tickets/999999', { cookie: ada });
            for (const path of ['/api/tickets/1003', '/api/tickets/1003/messages']) {
              const answer = await call(app, path, { cookie: ada });
              assert.equal(answer.status, 404, path);
              assert.deepEqual(answer.body, missing.body);
            }
            const refused = await reply(ada, '1003', 'Filtered out');
            assert.equal(refused.status, 404);
          },
        );
        assert.ok((await ids(ada)).includes('1003'), 'without the rule it is back');
      });

      test('rules on source, inbox and a ticket property combine: every rule must match', async () => {
        await withSettings(
          { ticketFilters: [{ property: 'source', operator: 'not_equals', value: 'phone' }] },
          async () => assert.ok(!(await ids(ada)).includes('1004')),
        );
        await withSettings(
          { ticketFilters: [{ property: 'inbox', operator: 'in', value: ['inbox-billing'] }] },
          async () => {
            const seen = await ids(ada);
            assert.ok(seen.includes('1003'));
            for (const id of ['1001', '1002', '1004']) assert.ok(!seen.includes(id), id);
          },
        );
        await withSettings(
          {
            ticketFilters: [
              { property: 'product', operator: 'not_in', value: ['Payroll', 'Mobile app'] },
              { property: 'stage', operator: 'not_equals', value: 'support-closed' },
            ],
          },
          async () => {
            const seen = await ids(ada);
            assert.ok(seen.includes('1001') && seen.includes('1003'), 'no product still matches');
            for (const id of ['1002', '1004', '1005']) assert.ok(!seen.includes(id), id);
          },
        );
      });

      test('a property name is a parameter, never SQL', async () => {
        const name = "product') OR true --";
        await withSettings(
          { ticketFilters: [{ property: name, operator: 'equals', value: 'Invoicing' }] },
          async () => assert.deepEqual(await ids(ada), []),
        );
      });

      test('invalid rules are refused, naming the field', async () => {
        const answer = await patchSettings({
          ticketFilters: [{ property: 'pipeline', operator: 'in', value: 'Support' }],
        } as unknown as Partial<PortalSettings>);
        assert.equal(answer.status, 422);
        assert.ok(
          Object.keys(answer.body.error.fields ?? {}).some((f) => f.startsWith('ticketFilters')),
        );
      });
    });

    describe('ticket permission', () => {
      test("'own': the company view is 403 and a colleague's ticket is 404", async () => {
        const config = await call<PortalConfig>(app, '/api/portal');
        assert.equal(config.body.ticketAccess, 'own');
        const company = await call<ErrorBody>(app, '/api/tickets?scope=company', { cookie: ada });
        assert.equal(company.status, 403);
        assert.equal(company.body.error.code, 'forbidden');
        assert.equal((await call(app, '/api/tickets/1006', { cookie: ada })).status, 404);
        assert.equal((await reply(ada, '1006', 'Not mine')).status, 404);
      });

      test("'company': the company view lists colleagues' tickets with their names; a colleague's ticket opens and takes replies", async () => {
        await withSettings({ ticketAccess: 'company' }, async () => {
          const config = await call<PortalConfig>(app, '/api/portal');
          assert.equal(config.body.ticketAccess, 'company');
          const company = await list(ada, '&scope=company');
          const bjorns = company.find((t) => t.id === '1006');
          assert.equal(bjorns?.requesterName, 'Björn Svensson');
          assert.equal(company.find((t) => t.id === '1001')?.requesterName, 'Ada Lindqvist');
          assert.ok(!(await ids(ada)).includes('1006'), "'mine' stays her own");
          const ticket = await call<Ticket>(app, '/api/tickets/1006', { cookie: ada });
          assert.equal(ticket.status, 200);
          assert.equal(ticket.body.requesterName, 'Björn Svensson');
          const sent = await reply(ada, '1006', 'Ada here: I can confirm this.');
          assert.equal(sent.status, 201, sent.text);
          assert.deepEqual(sent.body.author, { kind: 'customer', name: 'Ada Lindqvist' });
          const bjornSees = await messagesOf(bjorn, '1006');
          assert.equal(bjornSees.at(-1)?.text, 'Ada here: I can confirm this.');
        });
        assert.equal((await call(app, '/api/tickets/1006', { cookie: ada })).status, 404);
      });

      test("'company' with the filter rules: a filtered-out colleague's ticket stays hidden", async () => {
        await withSettings(
          {
            ticketAccess: 'company',
            ticketFilters: [{ property: 'source', operator: 'not_equals', value: 'email' }],
          },
          async () => {
            assert.ok(!(await ids(ada, '&scope=company')).includes('1006'));
            assert.equal((await call(app, '/api/tickets/1006', { cookie: ada })).status, 404);
          },
        );
      });

      test("'company' follows the requester's current company: a contact who moves takes their tickets along", async () => {
        const email = `mover-${randomBytes(4).toString('hex')}@example.com`;
        const password = 'correct horse battery';
        const [mover] = await db.query<{ id: string }>(
          `INSERT INTO contacts (email, name, company_id, password_hash, email_verified_at)
           VALUES ($1, 'Mover', 'c-nordlys', $2, now()) RETURNING id`,
          [email, await hashPassword(password)],
        );
        assert.ok(mover);
        await db.query(`INSERT INTO companies (id, name) VALUES ('c-elsewhere', 'Elsewhere AB')`);
        const cookie = await signIn(app, { email, password });
        await withSettings({ ticketAccess: 'company' }, async () => {
          const id = await fileTicket(cookie, 'Moving soon', 'Filed before the move.');
          assert.ok((await ids(ada, '&scope=company')).includes(id), 'a colleague sees it');
          await db.query(`UPDATE contacts SET company_id = 'c-elsewhere' WHERE id = $1`, [
            mover.id,
          ]);
          assert.ok(!(await ids(ada, '&scope=company')).includes(id), 'gone with the mover');
          assert.equal((await call(app, `/api/tickets/${id}`, { cookie: ada })).status, 404);
          assert.ok((await ids(cookie, '&scope=company')).includes(id), 'still the mover’s');
          await db.query(`UPDATE contacts SET company_id = 'c-nordlys' WHERE id = $1`, [mover.id]);
          assert.ok((await ids(ada, '&scope=company')).includes(id), 'back with the company');
        });
      });

      test('a contact without a company gets 403 for the company view even then', async () => {
        const email = `solo-${randomBytes(4).toString('hex')}@example.com`;
        const password = 'correct horse battery';
        await db.query(
          `INSERT INTO contacts (email, name, password_hash, email_verified_at)
           VALUES ($1, 'Solo', $2, now())`,
          [email, await hashPassword(password)],
        );
        const solo = await signIn(app, { email, password });
        await withSettings({ ticketAccess: 'company' }, async () => {
          const answer = await call(app, '/api/tickets?scope=company', { cookie: solo });
          assert.equal(answer.status, 403);
          // Their own tickets they still list and open.
          const id = await fileTicket(solo, 'On my own', 'No company behind me.');
          assert.deepEqual(await ids(solo), [id]);
          const messages = await messagesOf(solo, id);
          assert.deepEqual(
            messages.map((m) => m.text),
            ['No company behind me.'],
          );
          assert.equal(
            (await call(app, '/api/tickets/1006/messages', { cookie: solo })).status,
            404,
          );
        });
      });
    });

    describe('inboxes and the default inbox', () => {
      test('a reply to a ticket with no conversation lands in the default inbox, where agents see it', async () => {
        const id = await phoneTicket('Called about VAT rates');
        assert.deepEqual(await messagesOf(ada, id), []);
        const before = (await agent<AgentTicket>(`/api/agent/tickets/${id}`)).body;
        assert.equal(before.inboxId, null);
        assert.equal(before.source, 'phone');
        const sent = await reply(ada, id, 'Following up on my call about VAT.');
        assert.equal(sent.status, 201, sent.text);
        const inbox = await agent<Page<AgentTicket>>('/api/agent/tickets?inbox=inbox-support');
        const listed = inbox.body.items.find((t) => t.id === id);
        assert.equal(listed?.inboxId, 'inbox-support');
        assert.deepEqual(listed?.contact, {
          id: 'p-ada',
          email: DEMO_ACCOUNT.email,
          name: 'Ada Lindqvist',
        });
        const detail = (await agent<AgentTicketDetail>(`/api/agent/tickets/${id}`)).body;
        assert.deepEqual(
          detail.threads.map((t) => t.messages.map((m) => [m.kind, m.text])),
          [[['customer', 'Following up on my call about VAT.']]],
        );
      });

      test('the default inbox is a setting, and only a known inbox is accepted', async () => {
        await withSettings({ defaultInboxId: 'inbox-billing' }, async () => {
          const id = await phoneTicket('Called about an invoice');
          assert.equal((await reply(ada, id, 'About that invoice…')).status, 201);
          const detail = (await agent<AgentTicket>(`/api/agent/tickets/${id}`)).body;
          assert.equal(detail.inboxId, 'inbox-billing');
        });
        const unknown = await patchSettings({ defaultInboxId: 'inbox-nowhere' });
        assert.equal(unknown.status, 422);
        assert.ok(unknown.body.error.fields?.defaultInboxId);
      });

      test('tickets from every source appear when they are the contact’s', async () => {
        const sources = (await agent<Page<AgentTicket>>('/api/agent/tickets?limit=100')).body.items
          .filter((t) => t.contact.id === 'p-ada' && Number(t.id) < 1007)
          .map((t) => t.source);
        assert.deepEqual([...new Set(sources)].sort(), ['chat', 'email', 'form', 'phone']);
        const seen = await ids(ada);
        for (const id of ['1001', '1002', '1003', '1004']) assert.ok(seen.includes(id), id);
      });
    });

    describe('columns', () => {
      test('property columns need a known property; the labels reach the public config', async () => {
        await withSettings(
          {
            columns: ['id', 'subject', 'property:product', 'property:region', 'status'],
            propertyLabels: { region: 'Region' },
          },
          async () => {
            const config = (await call<PortalConfig>(app, '/api/portal')).body;
            assert.deepEqual(config.columns, [
              'id',
              'subject',
              'property:product',
              'property:region',
              'status',
            ]);
            assert.deepEqual(config.propertyLabels, { region: 'Region' });
          },
        );
        const unknown = await patchSettings({ columns: ['id', 'property:colour'] });
        assert.equal(unknown.status, 422);
        assert.ok(unknown.body.error.fields?.['columns.1']);
        const bogus = await patchSettings({
          columns: ['priority'],
        } as unknown as Partial<PortalSettings>);
        assert.equal(bogus.status, 422);
        assert.ok(bogus.body.error.fields?.['columns.0']);
      });

      test("status display 'stages' is a setting of the public config", async () => {
        await withSettings({ statusDisplay: 'stages' }, async () => {
          assert.equal((await call<PortalConfig>(app, '/api/portal')).body.statusDisplay, 'stages');
        });
      });
    });

    describe('sorting', () => {
      test('every built-in column sorts both ways, the id breaking ties', async () => {
        for (const column of SORTS) {
          for (const direction of [1, -1]) {
            const sort = direction === 1 ? column : `-${column}`;
            const items = await list(ada, `&sort=${sort}`);
            const expected = [...items].sort(
              (a, b) => direction * (compareColumn(column, a, b) || Number(a.id) - Number(b.id)),
            );
            assert.deepEqual(
              items.map((t) => t.id),
              expected.map((t) => t.id),
              sort,
            );
          }
        }
        assert.equal((await list(ada, '&sort=status'))[0]?.status, 'closed');
      });

      test('cursor paging covers every ticket exactly once, in order, for every sort', async () => {
        for (const sort of SORTS.flatMap((column) => [column, `-${column}`])) {
          const expected = await ids(ada, `&sort=${sort}`);
          const paged: string[] = [];
          let cursor: string | null = null;
          do {
            const query: string = `/api/tickets?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
            const page = await call<Page<Ticket>>(app, query, { cookie: ada });
            assert.equal(page.status, 200, page.text);
            paged.push(...page.body.items.map((t) => t.id));
            cursor = page.body.nextCursor;
          } while (cursor);
          assert.deepEqual(paged, expected, sort);
        }
      });

      test('a cursor of one sort is refused for another', async () => {
        const first = await call<Page<Ticket>>(app, '/api/tickets?sort=subject&limit=1', {
          cookie: ada,
        });
        const other = await call<ErrorBody>(
          app,
          `/api/tickets?sort=-subject&limit=1&cursor=${first.body.nextCursor}`,
          { cookie: ada },
        );
        assert.equal(other.status, 422);
        assert.ok(other.body.error.fields?.cursor);
      });
    });

    describe('search', () => {
      test('a word only in a message finds the ticket; a word only in an internal note does not', async () => {
        assert.deepEqual(await ids(ada, '&q=browser'), ['1001']);
        assert.deepEqual(await ids(ada, '&q=legacy'), []);
        assert.deepEqual(await ids(ada, '&q=upgrade'), []);
      });

      test('words match as prefixes, in any case, and all of them must match', async () => {
        assert.deepEqual((await ids(ada, '&q=expo')).sort(), ['1001', '1005']);
        assert.deepEqual(await ids(ada, '&q=EXPO%20march'), ['1001']);
        assert.deepEqual(await ids(ada, '&q=%22export%20to%20pdf%22'), ['1001']);
      });

      test('search never reaches a ticket the contact may not see', async () => {
        assert.deepEqual(await ids(ada, '&q=private'), []);
        assert.deepEqual(await ids(bjorn, '&q=private'), ['1006']);
      });

      /** Every ticket's words (migration 007) as they would be computed from scratch now. */
      const assertTicketWordsCurrent = async () => {
        const stale = await db.query<{ id: string }>(
          `SELECT t.id::text AS id FROM tickets t
           WHERE t.search_words <> strip(to_tsvector('simple', t.subject)) || coalesce((
             SELECT array_to_tsvector(array_agg(DISTINCT word))
             FROM threads th JOIN messages m ON m.thread_id = th.id
             CROSS JOIN unnest(tsvector_to_array(m.search_vector)) AS word
             WHERE th.ticket_id = t.id), '')`,
        );
        assert.deepEqual(stale, [], 'tickets whose words are out of date');
      };

      test("a ticket's words follow its subject and its messages, however they are written", async () => {
        const ticket = await phoneTicket('Quokka sightings');
        const other = await phoneTicket('Wombat burrows');
        assert.deepEqual(await ids(ada, '&q=quokka'), [ticket]);

        assert.equal((await reply(ada, ticket, 'The platypus ate my invoice.')).status, 201);
        assert.deepEqual(await ids(ada, '&q=platypus'), [ticket]);

        await db.query(`UPDATE tickets SET subject = 'Numbat sightings' WHERE id = $1::bigint`, [
          ticket,
        ]);
        assert.deepEqual(await ids(ada, '&q=quokka'), []);
        assert.deepEqual(await ids(ada, '&q=numbat'), [ticket]);
        assert.deepEqual(await ids(ada, '&q=platypus'), [ticket]);

        await db.query(
          `UPDATE messages SET body = 'The echidna ate my invoice.'
           WHERE thread_id IN (SELECT id FROM threads WHERE ticket_id = $1::bigint)`,
          [ticket],
        );
        assert.deepEqual(await ids(ada, '&q=platypus'), []);
        assert.deepEqual(await ids(ada, '&q=echidna'), [ticket]);

        await db.query('UPDATE threads SET ticket_id = $2::bigint WHERE ticket_id = $1::bigint', [
          ticket,
          other,
        ]);
        assert.deepEqual(await ids(ada, '&q=echidna'), [other]);
        await assertTicketWordsCurrent();

        await db.query('DELETE FROM threads WHERE ticket_id = $1::bigint', [other]);
        assert.deepEqual(await ids(ada, '&q=echidna'), []);
        assert.deepEqual(await ids(ada, '&q=wombat'), [other]);
        await assertTicketWordsCurrent();
        await db.query('DELETE FROM tickets WHERE id IN ($1::bigint, $2::bigint)', [ticket, other]);
      });

      // Only where two transactions can run at once: PGlite has one connection.
      if (manyConnections) {
        test('messages written to one ticket by two transactions at once both keep their words', async () => {
          const ticket = await phoneTicket('Written at once');
          assert.equal((await reply(ada, ticket, 'Hello.')).status, 201);
          const [thread] = await db.query<{ id: string }>(
            'SELECT id FROM threads WHERE ticket_id = $1::bigint',
            [ticket],
          );
          assert.ok(thread);
          const insert = (tx: Queryable, body: string) =>
            tx.query(
              `INSERT INTO messages (thread_id, kind, author_name, body, created_at)
               VALUES ($1, 'agent', 'Agent', $2, now())`,
              [thread.id, body],
            );
          let inserted!: () => void;
          const firstInserted = new Promise<void>((resolve) => (inserted = resolve));
          let commit!: () => void;
          const committing = new Promise<void>((resolve) => (commit = resolve));
          const first = db.transaction(async (tx) => {
            await insert(tx, 'The axolotl is back.');
            inserted();
            await committing;
          });
          await firstInserted;
          const second = db.transaction((tx) => insert(tx, 'The capybara too.'));
          // The second waits for the first's lock on the ticket before the first commits.
          // Without that wait the two would not overlap, and the test would prove nothing.
          try {
            const deadline = Date.now() + 10_000;
            for (let waiting = 0; waiting === 0;) {
              assert.ok(Date.now() < deadline, 'the second transaction waits for the first');
              const [row] = await db.query<{ waiting: number }>(
                `SELECT count(*)::int AS waiting FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock'`,
              );
              waiting = row?.waiting ?? 0;
            }
          } finally {
            commit();
          }
          await Promise.all([first, second]);
          assert.deepEqual(await ids(ada, '&q=axolotl'), [ticket]);
          assert.deepEqual(await ids(ada, '&q=capybara'), [ticket]);
          await assertTicketWordsCurrent();
          await db.query('DELETE FROM tickets WHERE id = $1::bigint', [ticket]);
        });
      }

      test('a phrase and a word left out still match within one message, not across a ticket', async () => {
        const ticket = await phoneTicket('Kiwi question');
        assert.equal((await reply(ada, ticket, 'The tuatara is green.')).status, 201);
        assert.equal((await reply(ada, ticket, 'Also the kakapo.')).status, 201);
        // Both words are in the ticket, but no one message holds the phrase.
        assert.deepEqual(await ids(ada, '&q=%22green%20also%22'), []);
        assert.deepEqual(await ids(ada, '&q=%22tuatara%20is%20green%22'), [ticket]);
        // The first message has tuatara without kakapo, although the ticket has both.
        assert.deepEqual(await ids(ada, '&q=tuatara%20-kakapo'), [ticket]);
        assert.deepEqual(await ids(ada, '&q=tuatara%20-green'), []);
        assert.deepEqual(await ids(ada, '&q=tuatara%20or%20nothingsuch'), [ticket]);
        await db.query('DELETE FROM tickets WHERE id = $1::bigint', [ticket]);
        await assertTicketWordsCurrent();
      });
    });

    describe('agent API', () => {
      test('ticket routes need the agent key', async () => {
        for (const path of ['/api/agent/tickets', '/api/agent/tickets/1001']) {
          assert.equal((await call(app, path, { cookie: ada })).status, 401, path);
        }
      });

      test('the inbox lists tickets with their contact, most recently active first, by status and page', async () => {
        const all = (await agent<Page<AgentTicket>>('/api/agent/tickets?limit=100')).body.items;
        const times = all.map((t) => t.lastActivityAt);
        assert.deepEqual(times, [...times].sort().reverse());
        const closed = (await agent<Page<AgentTicket>>('/api/agent/tickets?status=closed')).body;
        assert.ok(closed.items.every((t) => t.status === 'closed'));
        const billing = (await agent<Page<AgentTicket>>('/api/agent/tickets?inbox=inbox-billing'))
          .body.items;
        assert.ok(billing.every((t) => t.inboxId === 'inbox-billing'));
        assert.equal(billing.find((t) => t.id === '1003')?.contact.email, DEMO_ACCOUNT.email);
        assert.ok(!billing.some((t) => t.id === '1001'));
        const paged: string[] = [];
        let cursor: string | null = null;
        do {
          const path: string = `/api/agent/tickets?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
          const page = await agent<Page<AgentTicket>>(path);
          paged.push(...page.body.items.map((t) => t.id));
          cursor = page.body.nextCursor;
        } while (cursor);
        assert.deepEqual(
          paged,
          all.map((t) => t.id),
        );
        const unknown = await agent<ErrorBody>('/api/agent/tickets?inbox=nowhere');
        assert.equal(unknown.status, 422);
      });

      test('a ticket comes with every thread and its internal notes', async () => {
        const detail = (await agent<AgentTicketDetail>('/api/agent/tickets/1001')).body;
        assert.equal(detail.threads.length, 2);
        assert.equal(detail.threads[0]?.messages[0]?.id, 'm-1001-1');
        assert.deepEqual(
          detail.threads[1]?.messages.slice(0, 3).map((m) => m.kind),
          ['customer', 'note', 'agent'],
        );
        assert.equal((await agent('/api/agent/tickets/999999')).status, 404);
      });

      test('an agent reply reaches the customer with its raw HTML and moves last activity', async () => {
        const before = (await call<Ticket>(app, '/api/tickets/1002', { cookie: ada })).body;
        const html = '<p>Try <b>resending</b> the code.</p><script>alert(1)</script>';
        const sent = await agent<AgentMessage>('/api/agent/tickets/1002/messages', {
          method: 'POST',
          body: { text: 'Try resending the code.', html, authorName: 'Karin' },
        });
        assert.equal(sent.status, 201, sent.text);
        assert.equal(sent.body.kind, 'agent');
        const seen = (await messagesOf(ada, '1002')).at(-1);
        assert.deepEqual(seen, {
          id: sent.body.id,
          ticketId: '1002',
          author: { kind: 'agent', name: 'Karin' },
          text: 'Try resending the code.',
          html,
          createdAt: sent.body.createdAt,
          attachments: [],
        });
        const after = (await call<Ticket>(app, '/api/tickets/1002', { cookie: ada })).body;
        assert.ok(after.lastActivityAt > before.lastActivityAt);
      });

      test('an internal note stays with the agents and leaves last activity alone', async () => {
        const before = (await call<Ticket>(app, '/api/tickets/1002', { cookie: ada })).body;
        const note = await agent<AgentMessage>('/api/agent/tickets/1002/messages', {
          method: 'POST',
          body: { text: 'SECRET: check the SMS provider', html: '<p>x</p>', internal: true },
        });
        assert.equal(note.status, 201, note.text);
        assert.equal(note.body.kind, 'note');
        assert.equal(note.body.author.name, 'Nordlys Support', 'signed with the portal title');
        const texts = (await messagesOf(ada, '1002')).map((m) => m.text);
        assert.ok(!texts.some((text) => text.includes('SECRET')));
        assert.deepEqual(await ids(ada, '&q=SECRET'), []);
        const after = (await call<Ticket>(app, '/api/tickets/1002', { cookie: ada })).body;
        assert.equal(after.lastActivityAt, before.lastActivityAt);
        const detail = (await agent<AgentTicketDetail>('/api/agent/tickets/1002')).body;
        assert.ok(detail.threads.at(-1)?.messages.some((m) => m.id === note.body.id));
        const empty = await agent<ErrorBody>('/api/agent/tickets/1002/messages', {
          method: 'POST',
          body: { text: '  ' },
        });
        assert.equal(empty.status, 422);
      });

      test('PATCH moves a ticket to a known stage or inbox, and refuses unknown ones', async () => {
        const id = await phoneTicket('Moved around');
        const moved = await agent<AgentTicket>(`/api/agent/tickets/${id}`, {
          method: 'PATCH',
          body: { stageId: 'billing-resolved', inboxId: 'inbox-billing' },
        });
        assert.equal(moved.status, 200, moved.text);
        assert.equal(moved.body.inboxId, 'inbox-billing');
        assert.equal(moved.body.pipeline, 'Billing');
        const seen = (await call<Ticket>(app, `/api/tickets/${id}`, { cookie: ada })).body;
        assert.deepEqual([seen.status, seen.stageLabel], ['closed', 'Resolved']);
        for (const body of [{ stageId: 'nowhere' }, { inboxId: 'nowhere' }, {}]) {
          const refused = await agent<ErrorBody>(`/api/agent/tickets/${id}`, {
            method: 'PATCH',
            body,
          });
          assert.equal(refused.status, 422, JSON.stringify(body));
        }
        const missing = await agent(`/api/agent/tickets/999999`, {
          method: 'PATCH',
          body: { stageId: 'support-new' },
        });
        assert.equal(missing.status, 404);
      });
    });
  });
}

runTicketSuite('tickets on PGlite (in memory)', pgliteDatabase);
runTicketSuite('tickets on PostgreSQL', postgresDatabase, {
  skip: await postgresUnreachable(),
  manyConnections: true,
});
