// The authorization matrix: every API route of the app (read from the Hono app's own route
// table, so a new route is covered the day it is added) against every kind of caller, and
// every ticket and attachment route against guessed and enumerated ids. "Not yours" must read
// exactly like "not there": the same status and the same bytes.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Message, Page, Ticket } from '@kundportal/core';
import type { PortalSettings } from '../../packages/server/src/portal-settings.js';
import { createApp } from '../../packages/server/src/app.js';
import { PNG, postForm } from '../../packages/server/src/attachments/test-support.js';
import type { Database } from '../../packages/server/src/db.js';
import {
  call,
  signIn,
  type Answer,
  type App,
  type CallOptions,
  type TestDatabase,
} from '../../packages/server/src/test-support.js';
import {
  ADA,
  AGENT_KEY,
  BJORN,
  OLLE,
  databaseEngines,
  plantSession,
  seedWorld,
  tableCounts,
  uniqueKey,
} from './security-support.js';

/** Routes anyone may call: the public config and contract, signing in, every way in, SSO. */
const PUBLIC_ROUTES = [
  /^GET \/api\/portal$/,
  /^(GET|POST|DELETE) \/api\/session$/,
  /^POST \/api\/auth\//,
  /^(GET|POST) \/api\/sso\//,
  /^GET \/api\/(openapi\.json|docs(\/.*)?)$/,
];
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Route {
  method: string;
  path: string;
}

/** Every concrete API route of the app, once each (middleware and catch-alls left out). */
function apiRoutes(app: App): Route[] {
  const seen = new Map<string, Route>();
  for (const { method, path } of app.routes) {
    if (method === 'ALL' || !path.startsWith('/api/') || path.includes('*')) continue;
    seen.set(`${method} ${path}`, { method, path });
  }
  return [...seen.values()];
}

const label = (route: Route) => `${route.method} ${route.path}`;
const isAgentRoute = (route: Route) => route.path.startsWith('/api/agent/');
const isPublic = (route: Route) => PUBLIC_ROUTES.some((pattern) => pattern.test(label(route)));

/** Ids a client might guess: around the real ones, random, huge, negative, not numbers at all. */
function guessedTicketIds(realIds: readonly string[]): string[] {
  const numbers = realIds.map(Number);
  const around = new Set<string>();
  for (let id = Math.min(...numbers) - 3; id <= Math.max(...numbers) + 3; id += 1) {
    around.add(String(id));
  }
  return [
    ...around,
    '0',
    String(10 ** 11 + Number.parseInt(randomBytes(3).toString('hex'), 16)),
    '9223372036854775807',
    '9223372036854775808',
    '99999999999999999999999',
    '-1',
    `-${realIds[0]}`,
    'abc',
    `${realIds[0]}abc`,
    `${realIds[0]}.0`,
    `0x${Number(realIds[0]).toString(16)}`,
    `${Number(realIds[0]).toExponential()}`,
    `0${realIds[0]}`,
    `%20${realIds[0]}`,
    `${realIds[0]}%00`,
    "1001'%20OR%20'1'='1",
    '%EF%BC%91%EF%BC%90%EF%BC%90%EF%BC%91',
  ];
}

for (const engine of await databaseEngines()) {
  describe(`authorization matrix on ${engine.name}`, { skip: engine.skip }, () => {
    let testDb: TestDatabase;
    let db: Database;
    let app: App;
    let ada: string;
    let bjorn: string;
    let olle: string;
    /** Attachment ids by whose ticket they are on. */
    const files: Record<'ada' | 'bjorn' | 'olle' | 'note' | 'filtered', string> = {
      ada: '',
      bjorn: '',
      olle: '',
      note: '',
      filtered: '',
    };
    let olleTicket = '';
    let checks = 0;
    const leaks: string[] = [];

    /** Counts one check; a failed one is a leak, reported all together at the end. */
    const expect = (ok: boolean, what: string) => {
      checks += 1;
      if (!ok) leaks.push(what);
    };

    const agent = <T>(path: string, options: CallOptions = {}) =>
      call<T>(app, path, {
        csrf: false,
        ...options,
        headers: { authorization: `Bearer ${AGENT_KEY}`, ...options.headers },
      });

    const withSettings = async (patch: Partial<PortalSettings>, fn: () => Promise<void>) => {
      const before = (await agent<PortalSettings>('/api/agent/settings')).body;
      const patched = await agent('/api/agent/settings', { method: 'PATCH', body: patch });
      assert.equal(patched.status, 200, patched.text);
      try {
        await fn();
      } finally {
        const keys = Object.keys(patch) as (keyof PortalSettings)[];
        const back = Object.fromEntries(keys.map((key) => [key, before[key]]));
        await agent('/api/agent/settings', { method: 'PATCH', body: back });
      }
    };

    /** A file on a message, stored directly: for messages customers cannot post to. */
    const plantAttachment = async (messageId: string): Promise<string> => {
      const id = randomBytes(16).toString('base64url');
      await db.query(
        `INSERT INTO attachments (id, message_id, name, content_type, size, data, position, created_at)
         VALUES ($1, $2, 'planted.png', 'image/png', $3, decode($4, 'base64'), 0, now())`,
        [id, messageId, PNG.length, PNG.toString('base64')],
      );
      return id;
    };

    const replyWithFile = async (cookie: string, ticketId: string): Promise<string> => {
      const answer = await postForm<Message>(app, `/api/tickets/${ticketId}/messages`, {
        cookie,
        data: { text: 'Screenshot attached.', idempotencyKey: uniqueKey() },
        files: [{ name: 'shot.png', type: 'image/png', bytes: PNG }],
      });
      assert.equal(answer.status, 201, answer.text);
      return answer.body.attachments[0]?.id ?? '';
    };

    /** The tickets a contact may see, worked out here from the rules, not by the server. */
    const expectedVisible = async (
      contactId: string,
      access: 'own' | 'company',
      hideChat: boolean,
    ): Promise<Set<string>> => {
      const rows = await db.query<{
        id: string;
        source: string;
        contact_id: string;
        same_company: boolean;
      }>(
        `SELECT t.id::text AS id, t.source, t.contact_id, (rc.company_id IS NOT NULL AND
           rc.company_id = (SELECT company_id FROM contacts WHERE id = $1)) AS same_company
         FROM tickets t JOIN contacts rc ON rc.id = t.contact_id`,
        [contactId],
      );
      return new Set(
        rows
          .filter((row) => {
            const reach =
              row.contact_id === contactId || (access === 'company' && row.same_company);
            return reach && !(hideChat && row.source === 'chat');
          })
          .map((row) => row.id),
      );
    };

    const same = (a: Answer<unknown>, b: Answer<unknown>) =>
      a.status === b.status && a.text === b.text;

    /** A download as the browser makes it (binary, so not through `call`'s JSON checks). */
    const download = async (id: string, cookie: string): Promise<Answer<unknown>> => {
      const response = await app.request(`/api/attachments/${id}`, { headers: { cookie } });
      const text = await response.text();
      return { status: response.status, body: text, text, headers: response.headers };
    };

    before(async () => {
      testDb = await engine.open();
      db = testDb.db;
      await seedWorld(db);
      app = createApp({ db, agentApiKey: AGENT_KEY, reportError: () => {} });
      ada = await signIn(app, ADA);
      bjorn = await signIn(app, BJORN);
      olle = await signIn(app, OLLE);
      files.ada = await replyWithFile(ada, '1002');
      files.bjorn = await replyWithFile(bjorn, '1006');
      const filed = await postForm<Ticket>(app, '/api/tickets', {
        cookie: olle,
        data: {
          subject: 'Fjord invoice',
          description: 'Wrong total.',
          idempotencyKey: uniqueKey(),
        },
        files: [{ name: 'invoice.png', type: 'image/png', bytes: PNG }],
      });
      assert.equal(filed.status, 201, filed.text);
      olleTicket = filed.body.id;
      const messages = await call<{ items: Message[] }>(
        app,
        `/api/tickets/${olleTicket}/messages`,
        { cookie: olle },
      );
      files.olle = messages.body.items[0]?.attachments[0]?.id ?? '';
      // An internal note's file, on Ada's own ticket, and a file on a ticket the rules hide.
      files.note = await plantAttachment('m-1001-3');
      files.filtered = await plantAttachment('m-1003-1');
      assert.ok(Object.values(files).every(Boolean), 'every sample attachment exists');
    });

    after(async () => {
      console.log(`[${engine.name}] routes x callers checked: ${checks}, leaks: ${leaks.length}`);
      for (const leak of leaks) console.log(`  leak: ${leak}`);
      await testDb?.dispose();
    });

    test('the route table is read from the app, and every route is classified', () => {
      const routes = apiRoutes(app);
      assert.ok(routes.length >= 25, `${routes.length} routes`);
      for (const path of ['/api/tickets/:id', '/api/attachments/:id', '/api/agent/settings']) {
        assert.ok(
          routes.some((route) => route.path === path),
          `${path} is in the route table`,
        );
      }
    });

    test('every route that is not public needs a live session (customer) or the key (agent)', async () => {
      const routes = apiRoutes(app);
      const idle = (await agent<PortalSettings>('/api/agent/settings')).body.idleTimeoutMinutes;
      const signedOut = await signIn(app, ADA);
      assert.equal(
        (await call(app, '/api/session', { method: 'DELETE', cookie: signedOut })).status,
        204,
      );
      const concrete = (route: Route) =>
        route.path
          .replace(/^\/api\/attachments\/:id/, `/api/attachments/${files.ada}`)
          .replace(/\/tickets\/:id/, '/tickets/1002')
          .replace(':email', encodeURIComponent('nobody@example.com'))
          .replace(/:id/g, 'list-nordlys');
      const body = (route: Route) =>
        route.path.endsWith('/messages')
          ? { text: 'Hello', idempotencyKey: uniqueKey() }
          : route.path === '/api/tickets'
            ? { subject: 'S', description: 'D', idempotencyKey: uniqueKey() }
            : {};
      let reference: Answer<unknown> | undefined;
      let agentReference: Answer<unknown> | undefined;
      const before = await tableCounts(db);
      for (const route of routes) {
        const method = route.method;
        const path = concrete(route);
        const send = (options: CallOptions) =>
          call(app, path, {
            method,
            ...(STATE_CHANGING.has(method) ? { body: body(route) } : {}),
            ...options,
          });
        if (isAgentRoute(route)) {
          const callers: [string, CallOptions][] = [
            ['anonymous', {}],
            ['a customer session', { cookie: ada }],
            ['a customer session with CSRF header', { cookie: ada, csrf: true }],
            ['a wrong key', { headers: { authorization: 'Bearer not-the-key' } }],
            ['the key as Basic', { headers: { authorization: `Basic ${AGENT_KEY}` } }],
            ['the key without scheme', { headers: { authorization: AGENT_KEY } }],
            ['the key in a cookie', { cookie: `kp_session=${AGENT_KEY}` }],
          ];
          for (const [who, options] of callers) {
            const answer = await send({ csrf: false, ...options });
            agentReference ??= answer;
            expect(
              answer.status === 401 && same(answer, agentReference),
              `${label(route)} as ${who}: ${answer.status} ${answer.text}`,
            );
          }
          continue;
        }
        if (isPublic(route)) {
          // Anyone may call these; what they reveal is checked by the token and abuse suites.
          for (const options of [{}, { headers: { authorization: `Bearer ${AGENT_KEY}` } }]) {
            const answer = await send(options);
            expect(answer.status < 500, `${label(route)} public: ${answer.status}`);
          }
          continue;
        }
        const callers: [string, CallOptions][] = [
          ['anonymous', {}],
          ['the agent key', { headers: { authorization: `Bearer ${AGENT_KEY}` } }],
          ['a made-up session', { cookie: `kp_session=${randomBytes(32).toString('base64url')}` }],
          ['an empty session cookie', { cookie: 'kp_session=' }],
          ['a signed-out session', { cookie: signedOut }],
          [
            'an idle session',
            {
              cookie: await plantSession(db, 'p-ada', {
                ageMinutes: idle + 5,
                idleMinutes: idle + 1,
                lifetimeMinutes: 12 * 60,
              }),
            },
          ],
          [
            'a session past its lifetime',
            {
              cookie: await plantSession(db, 'p-ada', {
                ageMinutes: 12 * 60 + 1,
                idleMinutes: 1,
                lifetimeMinutes: 12 * 60,
              }),
            },
          ],
        ];
        for (const [who, options] of callers) {
          const answer = await send(options);
          reference ??= answer;
          expect(
            answer.status === 401 && same(answer, reference),
            `${label(route)} as ${who}: ${answer.status} ${answer.text}`,
          );
        }
      }
      assert.equal((reference?.body as { error: { code: string } }).error.code, 'unauthenticated');
      const after = await tableCounts(db);
      // Refused callers changed nothing (the run-out sessions planted for them are gone again).
      for (const table of ['tickets', 'messages', 'attachments', 'contacts', 'mail_outbox']) {
        expect(after[table] === before[table], `${table}: ${before[table]} -> ${after[table]}`);
      }
      assert.deepEqual(leaks, []);
    });

    test('every state-changing customer route refuses a missing or wrong CSRF header and foreign origins', async () => {
      const routes = apiRoutes(app).filter(
        (route) =>
          STATE_CHANGING.has(route.method) &&
          !isAgentRoute(route) &&
          // The SAML assertion is a cross-site form post by design; its signature is the proof.
          !/\/saml\/:id\/acs$/.test(route.path),
      );
      assert.ok(routes.length >= 10, `${routes.length} state-changing routes`);
      const variants: [string, CallOptions][] = [
        ['no CSRF header', { csrf: false }],
        ['a wrong CSRF value', { csrf: false, headers: { 'x-kundportal': '0' } }],
        ['a foreign Origin', { headers: { origin: 'https://evil.example' } }],
        ['a foreign Referer', { headers: { referer: 'https://evil.example/page' } }],
        ['Origin null', { headers: { origin: 'null' } }],
        ['a look-alike Origin', { headers: { origin: 'http://localhost.evil.example' } }],
      ];
      const before = await tableCounts(db);
      for (const route of routes) {
        const path = route.path.replace(/:id/g, '1002');
        for (const [what, options] of variants) {
          const answer = await call<{ error: { code: string } }>(app, path, {
            method: route.method,
            cookie: ada,
            body: { text: 'Forged', idempotencyKey: uniqueKey() },
            ...options,
          });
          expect(
            answer.status === 403 && answer.body.error.code === 'forbidden',
            `${label(route)} with ${what}: ${answer.status} ${answer.text}`,
          );
          expect(
            answer.headers.get('set-cookie') === null,
            `${label(route)} with ${what} set a cookie`,
          );
        }
      }
      assert.deepEqual(await tableCounts(db), before, 'nothing changed');
      assert.equal(
        (await call(app, '/api/tickets', { cookie: ada })).status,
        200,
        'still signed in',
      );
      assert.deepEqual(leaks, []);
    });

    /** Every id-taking ticket route for one viewer: visible ids answer, all others read alike. */
    const probeTickets = async (
      who: string,
      cookie: string,
      contactId: string,
      access: 'own' | 'company',
      hideChat: boolean,
    ) => {
      const visible = await expectedVisible(contactId, access, hideChat);
      const real = (await db.query<{ id: string }>('SELECT id::text AS id FROM tickets')).map(
        (row) => row.id,
      );
      const missing = '987654321';
      const routes = [
        { method: 'GET', path: (id: string) => `/api/tickets/${id}` },
        { method: 'GET', path: (id: string) => `/api/tickets/${id}/messages` },
        { method: 'POST', path: (id: string) => `/api/tickets/${id}/messages` },
      ];
      for (const route of routes) {
        const send = (id: string) =>
          call(app, route.path(id), {
            method: route.method,
            cookie,
            ...(route.method === 'POST'
              ? { body: { text: `Probe by ${who}`, idempotencyKey: uniqueKey() } }
              : {}),
          });
        const notThere = await send(missing);
        assert.equal(notThere.status, 404, notThere.text);
        for (const id of new Set([...guessedTicketIds(real), ...real])) {
          const answer = await send(id);
          if (visible.has(id)) {
            // A closed ticket takes no reply (409); anything else the viewer may see answers.
            expect(
              answer.status === 200 || answer.status === 201 || answer.status === 409,
              `${who}: ${route.method} ${route.path(id)} of a visible ticket: ${answer.status}`,
            );
          } else {
            expect(
              same(answer, notThere),
              `${who}: ${route.method} ${route.path(id)} differs from a missing ticket: ${answer.status} ${answer.text}`,
            );
          }
        }
      }
      // The list, in every scope it may use, and searches for others' words, show exactly the visible set.
      const listed = new Set<string>();
      for (const query of ['', '&scope=company', '&q=Fjord', '&q=invoice', '&status=closed']) {
        let cursor: string | null = '';
        do {
          const page: Answer<Page<Ticket>> = await call<Page<Ticket>>(
            app,
            `/api/tickets?limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            { cookie },
          );
          if (query === '&scope=company' && access === 'own') {
            expect(page.status === 403, `${who}: company view without permission: ${page.status}`);
            break;
          }
          for (const ticket of page.body.items) {
            listed.add(ticket.id);
            expect(visible.has(ticket.id), `${who}: list${query} shows ticket ${ticket.id}`);
          }
          cursor = page.body.nextCursor;
        } while (cursor);
      }
      expect(
        [...visible].every((id) => listed.has(id)),
        `${who}: the list misses visible tickets`,
      );
      // Attachments: only those on visible tickets, never a note's; everything else alike.
      const noFile = await download(randomBytes(16).toString('base64url'), cookie);
      assert.equal(noFile.status, 404);
      const owners: Record<keyof typeof files, string> = {
        ada: '1002',
        bjorn: '1006',
        olle: olleTicket,
        note: 'note',
        filtered: '1003',
      };
      const guessedFiles = [
        ...Object.entries(files).map(([owner, id]) => [owner, id] as const),
        ['random', randomBytes(16).toString('base64url')] as const,
        ['short', 'abc'] as const,
        ['long', 'A'.repeat(5000)] as const,
        ['ticket id', '1002'] as const,
        ['traversal', '..%2F..%2Fetc%2Fpasswd'] as const,
        ['almost', `${files.ada.slice(0, -1)}${files.ada.endsWith('A') ? 'B' : 'A'}`] as const,
      ];
      for (const [owner, id] of guessedFiles) {
        const answer = await download(id, cookie);
        const ticket = owners[owner as keyof typeof files];
        if (ticket && visible.has(ticket)) {
          expect(answer.status === 200, `${who}: own attachment ${owner}: ${answer.status}`);
        } else {
          expect(
            same(answer, noFile),
            `${who}: attachment ${owner} differs from a missing one: ${answer.status} ${answer.text}`,
          );
        }
      }
    };

    test('ids guessed by a contact: only their own tickets exist ("own" permission)', async () => {
      await probeTickets('Ada', ada, 'p-ada', 'own', false);
      await probeTickets('Björn', bjorn, 'p-bjorn', 'own', false);
      await probeTickets('Olle', olle, 'p-olle', 'own', false);
      assert.deepEqual(leaks, []);
    });

    test("with company permission colleagues' tickets exist, another company's never", async () => {
      await withSettings({ ticketAccess: 'company' }, async () => {
        await probeTickets('Ada (company)', ada, 'p-ada', 'company', false);
        await probeTickets('Olle (company)', olle, 'p-olle', 'company', false);
      });
      assert.deepEqual(leaks, []);
    });

    test('a ticket the filter rules leave out is missing, for its own contact too', async () => {
      const filters = [{ property: 'source', operator: 'not_equals', value: 'chat' }] as const;
      await withSettings({ ticketFilters: [...filters] }, async () => {
        await probeTickets('Ada (filtered)', ada, 'p-ada', 'own', true);
        await withSettings({ ticketAccess: 'company' }, () =>
          probeTickets('Björn (company, filtered)', bjorn, 'p-bjorn', 'company', true),
        );
      });
      assert.deepEqual(leaks, []);
    });
  });
}
