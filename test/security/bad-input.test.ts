// Hostile input to every state-changing route of the app (read from Hono's own route table, so
// a new route must join this suite the day it is added): malformed JSON, wrong types, unknown
// fields, huge bodies, deep nesting, invalid UTF-8, control characters, lone surrogates, zip
// and image bombs; and over a real socket huge headers and broken HTTP. Each must get a clear
// 4xx with the API's error body, and must change nothing in the database.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { ErrorBody } from '@kundportal/core';
import { createApp } from '../../packages/server/src/app.js';
import type { Database } from '../../packages/server/src/db.js';
import { ROUTES } from '../../packages/server/src/openapi/registry.js';
import { MAX_BODY_BYTES } from '../../packages/server/src/request-guards.js';
import { startServer, type RunningServer } from '../../packages/server/src/serve.js';
import {
  assertDocumented,
  signIn,
  type App,
  type TestDatabase,
} from '../../packages/server/src/test-support.js';
import {
  declaredGif,
  declaredHugeZip,
  declaredJpeg,
  declaredPng,
  declaredWebp,
  highRatioZip,
  manyEntriesZip,
  overlappingZip,
  truncatedPng,
} from './bombs.js';
import {
  ADA,
  AGENT_KEY,
  databaseEngines,
  seedWorld,
  uniqueKey,
  validBodies,
  type Json,
} from './security-support.js';

interface Route {
  method: string;
  path: string;
}

const SAMPLES = validBodies();

/** State-changing routes that take no body, or not JSON; what they get instead is said here. */
const NO_JSON_BODY = new Set([
  'DELETE /api/session',
  'DELETE /api/agent/lists/:id/members/:email',
  // The identity provider's form post; refused assertions redirect to #/sso-error (saml.test.ts).
  'POST /api/sso/saml/:id/acs',
]);

const UPLOAD_ROUTES = new Set(['POST /api/tickets', 'POST /api/tickets/:id/messages']);
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const label = (route: Route) => `${route.method} ${route.path}`;

/** Values of another type than `value`, none of which any field of that type accepts. */
function wrongTypes(value: Json): Json[] {
  if (typeof value === 'string') return [12345, true, ['text'], { text: value }];
  if (typeof value === 'number') return [String(value), false, [value], { value }];
  if (typeof value === 'boolean') return ['true', 1, [value], { value }];
  if (Array.isArray(value)) return ['list', 7, { 0: value[0] ?? 'x' }];
  if (value === null) return [[], 0];
  return ['object', 7, [value]];
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** The path with its parameters filled in with ids that exist. */
const concrete = (route: Route) =>
  route.path
    .replace(/\/tickets\/:id/, '/tickets/1002')
    .replace(':email', encodeURIComponent('ada@nordlys.example'))
    .replace(/:id/g, 'list-nordlys');

for (const engine of await databaseEngines()) {
  describe(`bad input on ${engine.name}`, { skip: engine.skip }, () => {
    let testDb: TestDatabase;
    let db: Database;
    let app: App;
    let running: RunningServer;
    let ada: string;
    const unexpected: unknown[] = [];
    const failures: string[] = [];
    const tally = { sent: 0, refused: 0, serverErrors: 0, changed: 0 };
    let fingerprint = '';

    /** Rows and contents of every table but the sessions' last-use times, as one string. */
    const takeFingerprint = async (): Promise<string> => {
      const tables = await db.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
      );
      const parts = tables.map(({ name }) => {
        const row = name === 'sessions' ? `x.id || x.contact_id` : `x::text`;
        return `SELECT '${name}' AS name, count(*)::int AS n,
          md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS digest FROM "${name}" x`;
      });
      const rows = await db.query<{ name: string; n: number; digest: string }>(
        parts.join(' UNION ALL '),
      );
      return rows.map((row) => `${row.name}:${row.n}:${row.digest}`).join(' ');
    };

    const credentials = (route: Route): Record<string, string> =>
      route.path.startsWith('/api/agent/')
        ? { authorization: `Bearer ${AGENT_KEY}` }
        : { cookie: ada, 'x-kundportal': '1' };

    interface Expectation {
      status: number;
      /** A field the error must name (for `validation` errors with fields). */
      field?: string;
    }

    /**
     * Sends one hostile request and checks the answer: the expected 4xx, JSON with the API's
     * error body (naming `field` when given), as documented, and not a byte changed in the
     * database. Problems are collected, so one run lists them all.
     */
    const send = async (
      route: Route,
      what: string,
      init: { body?: BodyInit; contentType?: string; headers?: Record<string, string> },
      expected: Expectation,
    ): Promise<void> => {
      tally.sent += 1;
      const path = concrete(route);
      const headers: Record<string, string> = { ...credentials(route), ...init.headers };
      if (init.contentType) headers['content-type'] = init.contentType;
      const request: RequestInit & { duplex?: 'half' } = {
        method: route.method,
        headers,
        body: init.body,
      };
      if (init.body instanceof ReadableStream) request.duplex = 'half';
      const response = await app.request(path, request);
      const text = await response.text();
      const where = `${label(route)} with ${what}`;
      let body: ErrorBody | undefined;
      try {
        body = JSON.parse(text) as ErrorBody;
      } catch {
        // Not JSON: reported below.
      }
      const error = body?.error;
      const problems: string[] = [];
      if (response.status !== expected.status) problems.push(`status ${response.status}`);
      if (!error?.code || !error.message) problems.push('no error body');
      if (expected.field && !Object.keys(error?.fields ?? {}).some((f) => f === expected.field)) {
        problems.push(`no error on "${expected.field}"`);
      }
      try {
        assertDocumented(route.method, path, response, body ?? text);
      } catch (mismatch) {
        problems.push(`undocumented: ${(mismatch as Error).message}`);
      }
      if (response.status >= 400 && response.status < 500 && error?.code) tally.refused += 1;
      if (response.status >= 500) tally.serverErrors += 1;
      const now = await takeFingerprint();
      if (now !== fingerprint) {
        tally.changed += 1;
        problems.push('changed the database');
        fingerprint = now;
      }
      if (problems.length) {
        failures.push(`${where}: ${problems.join(', ')} (${text.slice(0, 200)})`);
      }
    };

    const json = (value: unknown) => ({
      body: JSON.stringify(value),
      contentType: 'application/json',
    });
    const raw = (body: string | Uint8Array) => ({
      body: typeof body === 'string' ? body : new Uint8Array(body),
      contentType: 'application/json',
    });

    /** A multipart body as HttpAdapter sends it, with the `data` part as given. */
    const multipart = (data: string | Uint8Array, files: [string, string, Uint8Array][] = []) => {
      const boundary = `----kp${uniqueKey()}`;
      const parts: Uint8Array[] = [
        utf8(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n`),
        typeof data === 'string' ? utf8(data) : data,
        utf8('\r\n'),
      ];
      for (const [name, type, bytes] of files) {
        parts.push(
          utf8(
            `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\n` +
              `Content-Type: ${type}\r\n\r\n`,
          ),
          bytes,
          utf8('\r\n'),
        );
      }
      parts.push(utf8(`--${boundary}--\r\n`));
      return {
        body: concat(...parts),
        contentType: `multipart/form-data; boundary=${boundary}`,
      };
    };

    /** The sample body of a route, with a fresh idempotency key where it takes one. */
    const sample = (route: Route): { [key: string]: Json } => {
      const base = SAMPLES[label(route)] ?? {};
      return 'idempotencyKey' in base ? { ...base, idempotencyKey: uniqueKey() } : { ...base };
    };

    /** The state-changing routes of the app that take a JSON body. */
    const jsonRoutes = (): Route[] =>
      stateChanging().filter((route) => !NO_JSON_BODY.has(label(route)));

    const stateChanging = (): Route[] => {
      const seen = new Map<string, Route>();
      for (const { method, path } of app.routes) {
        if (!STATE_CHANGING.has(method) || !path.startsWith('/api/') || path.includes('*')) {
          continue;
        }
        seen.set(`${method} ${path}`, { method, path });
      }
      return [...seen.values()];
    };

    before(async () => {
      testDb = await engine.open();
      db = testDb.db;
      await seedWorld(db);
      app = createApp({
        db,
        agentApiKey: AGENT_KEY,
        reportError: (error) => unexpected.push(error),
      });
      running = await startServer({
        port: 0,
        db,
        agentApiKey: AGENT_KEY,
        mailTransport: { send: async () => {} },
        reportError: (error) => unexpected.push(error),
      });
      ada = await signIn(app, ADA);
      const settings = await app.request('/api/agent/settings', {
        headers: { authorization: `Bearer ${AGENT_KEY}` },
      });
      const stored = (await settings.json()) as { [key: string]: Json };
      const documented = ROUTES.find((r) => r.path === '/agent/settings' && r.method === 'patch');
      assert.ok(documented?.body, 'the settings patch is documented');
      delete stored.updatedAt;
      SAMPLES['PATCH /api/agent/settings'] = stored;
      fingerprint = await takeFingerprint();
    });

    after(async () => {
      console.log(
        `[${engine.name}] bad input: cases sent ${tally.sent}, 4xx received ${tally.refused}, ` +
          `5xx ${tally.serverErrors}, rows changed: ${tally.changed}`,
      );
      await running?.close();
      await testDb?.dispose();
    });

    /** The problems found since the last call: none, and no error the server did not expect. */
    const assertClean = () => {
      assert.deepEqual(failures.splice(0), []);
      assert.deepEqual(unexpected.splice(0), []);
    };

    test('every state-changing route of the app has a sample body or says why it takes none', () => {
      const routes = stateChanging();
      assert.ok(routes.length >= 18, `${routes.length} state-changing routes`);
      for (const route of routes) {
        assert.ok(
          label(route) in SAMPLES || NO_JSON_BODY.has(label(route)),
          `${label(route)} needs a sample body in this suite`,
        );
      }
    });

    test('malformed JSON and bodies of the wrong kind: 400 or 422, nothing stored', async () => {
      const malformed = [
        '',
        '{',
        '{"text": "unterminated}',
        "{'single': 'quotes'}",
        '{"a": 1,}',
        '{"a": 1} trailing',
        '{"a": 1}{"b": 2}',
        'NaN',
        '{"a": undefined}',
        '{"a": 0x10}',
        '<xml/>',
      ];
      for (const route of jsonRoutes()) {
        for (const text of malformed) {
          await send(route, `body ${JSON.stringify(text)}`, raw(text), { status: 400 });
        }
        for (const value of [[], 'text', 42, null, true]) {
          await send(route, `a ${JSON.stringify(value)} body`, json(value), { status: 422 });
        }
        if (UPLOAD_ROUTES.has(label(route))) {
          await send(route, 'a data part that is not JSON', multipart('{not json'), {
            status: 400,
          });
          await send(
            route,
            'multipart without a boundary',
            { body: 'whatever', contentType: 'multipart/form-data' },
            { status: 400 },
          );
          await send(
            route,
            'multipart with a boundary that never comes',
            { body: 'no parts at all', contentType: 'multipart/form-data; boundary=xyz' },
            { status: 400 },
          );
        }
      }
      assertClean();
    });

    test('wrong types in every field, and unknown fields: 422 naming the field', async () => {
      for (const route of jsonRoutes()) {
        const base = sample(route);
        for (const [field, value] of Object.entries(base)) {
          for (const wrong of wrongTypes(value)) {
            await send(
              route,
              `${field}: ${JSON.stringify(wrong)}`,
              json({ ...sample(route), [field]: wrong }),
              { status: 422, field },
            );
          }
        }
        for (const field of ['isAdmin', 'contactId', 'role', 'constructor']) {
          await send(route, `unknown field ${field}`, json({ ...sample(route), [field]: true }), {
            status: 422,
            field,
          });
        }
        await send(
          route,
          'a __proto__ field',
          raw(`{"__proto__": {"isAdmin": true}, ${JSON.stringify(sample(route)).slice(1)}`),
          { status: 422, field: '__proto__' },
        );
        if (UPLOAD_ROUTES.has(label(route))) {
          await send(
            route,
            'an unknown field in the data part',
            multipart(JSON.stringify({ ...sample(route), contactId: 'p-bjorn' })),
            { status: 422, field: 'contactId' },
          );
        }
      }
      assertClean();
    });

    test('deep nesting, invalid UTF-8, control characters and lone surrogates: 400 or 422', async () => {
      const deepArray = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const invalidUtf8 = [
        ['a stray continuation byte', [0x80]],
        ['bytes that are never UTF-8', [0xff, 0xfe]],
        ['an overlong slash', [0xc0, 0xaf]],
        ['an encoded surrogate (CESU-8)', [0xed, 0xa0, 0x80]],
        ['a sequence cut short', [0xe2, 0x82]],
        ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
      ] as const;
      const badText = [
        // As JSON escapes: the JSON is well-formed, the text it decodes to is not acceptable.
        ['NUL', String.raw`\u0000`],
        ['an escape sequence', String.raw`red \u001b[31m alert`],
        ['a backspace', String.raw`over\bwrite`],
        ['DEL', String.raw`x\u007f`],
        ['a lone high surrogate', String.raw`a\ud800b`],
        ['a lone low surrogate', String.raw`a\udc00b`],
        ['a reversed pair', String.raw`\udc00\ud800`],
      ] as const;
      for (const route of jsonRoutes()) {
        const base = sample(route);
        const [first] = Object.keys(base);
        await send(route, 'arrays nested 100 000 deep', raw(deepArray), { status: 422 });
        await send(route, 'objects nested 50 000 deep', raw(deepObject(50_000)), { status: 422 });
        if (first) {
          const nested = JSON.stringify({ ...base, [first]: '@@' }).replace(
            '"@@"',
            deepObject(1000),
          );
          await send(route, `${first} nested 1000 deep`, raw(nested), { status: 422 });
        }
        for (const [what, bytes] of invalidUtf8) {
          const text = JSON.stringify({ ...base, [first ?? 'x']: '@@' });
          const [head = '', tail = ''] = text.split('@@');
          const body = concat(utf8(head), new Uint8Array(bytes), utf8(tail));
          await send(route, `${what} in ${first}`, raw(body), { status: 400 });
          if (UPLOAD_ROUTES.has(label(route))) {
            await send(route, `${what} in the data part`, multipart(body), { status: 400 });
          }
        }
        for (const [field, value] of Object.entries(base)) {
          if (typeof value !== 'string') continue;
          for (const [what, escaped] of badText) {
            const text = JSON.stringify({ ...base, [field]: '@@' }).replace('@@', escaped);
            await send(route, `${what} in ${field}`, raw(text), { status: 422, field });
          }
        }
        const keyed = JSON.stringify({ ...base, 'x\u0000y': 1 });
        await send(route, 'a NUL in a field name', raw(keyed), { status: 422 });
      }
      assertClean();
    });

    test('huge bodies: 413 before they are read, 422 for huge values within the cap', async () => {
      const over = MAX_BODY_BYTES + 1;
      for (const route of jsonRoutes()) {
        const upload = UPLOAD_ROUTES.has(label(route));
        const base = sample(route);
        // The cap of the upload routes is the attachment limit's; a JSON body is never that big.
        const cap = upload ? 26_000_000 + 1024 * 1024 : MAX_BODY_BYTES;
        await send(
          route,
          `a declared Content-Length of ${cap + 1} bytes`,
          { ...raw('{}'), headers: { 'content-length': String(cap + 1) } },
          { status: 413 },
        );
        // Streamed without a length, the cap holds as the bytes arrive (the JSON routes' huge
        // field below is sent the same way).
        if (upload) {
          let streamed = 0;
          const chunk = utf8(`"${'x'.repeat(64 * 1024 - 2)}",`);
          const stream = new ReadableStream<Uint8Array>({
            pull(controller) {
              if (streamed > cap + chunk.length) return controller.close();
              controller.enqueue(streamed === 0 ? concat(utf8('['), chunk) : chunk);
              streamed += chunk.length;
            },
          });
          await send(
            route,
            `${cap + 1} bytes streamed without a length`,
            {
              body: stream,
              contentType: 'application/json',
            },
            { status: 413 },
          );
        }
        const [field] = Object.entries(base).find(([, value]) => typeof value === 'string') ?? [];
        if (field && !upload) {
          const huge = JSON.stringify({ ...base, [field]: 'y'.repeat(over) });
          await send(route, `${field} of ${over} characters`, raw(huge), { status: 413 });
        }
        if (field) {
          const long = JSON.stringify({ ...base, [field]: 'y'.repeat(1_000_000) });
          await send(route, `${field} of a million characters`, raw(long), { status: 422, field });
        }
        const manyKeys = Object.fromEntries(
          Array.from({ length: 5_000 }, (_, i) => [`field${i}`, i]),
        );
        await send(route, '5 000 unknown fields', json({ ...base, ...manyKeys }), {
          status: 422,
        });
        const wideArray = `{"list": [${Array(100_000).fill('0').join(',')}]}`;
        await send(route, 'an array of 100 000 items', raw(wideArray), { status: 422 });
      }
      assertClean();
    });

    test('zip and image bombs in uploads: 422 naming the file, nothing stored', async () => {
      const bombs: [string, string, Uint8Array][] = [
        ['zeros.zip', 'application/zip', highRatioZip()],
        ['huge.zip', 'application/zip', declaredHugeZip()],
        ['overlap.zip', 'application/zip', overlappingZip()],
        ['many.zip', 'application/zip', manyEntriesZip()],
        ['wide.png', 'image/png', declaredPng(100_000, 100_000)],
        ['tall.png', 'image/png', declaredPng(1, 2_000_000_000)],
        ['huge.gif', 'image/gif', declaredGif()],
        ['huge.jpg', 'image/jpeg', declaredJpeg()],
        ['huge.webp', 'image/webp', declaredWebp()],
        ['cut.png', 'image/png', truncatedPng()],
      ].map(
        ([name, type, bytes]) =>
          [name, type, new Uint8Array(bytes as Buffer)] as [string, string, Uint8Array],
      );
      for (const route of jsonRoutes().filter((r) => UPLOAD_ROUTES.has(label(r)))) {
        for (const bomb of bombs) {
          const data = JSON.stringify(sample(route));
          await send(route, `the bomb ${bomb[0]}`, multipart(data, [bomb]), {
            status: 422,
            field: 'files',
          });
          const fine: [string, string, Uint8Array] = ['fine.png', 'image/png', declaredPng(2, 2)];
          await send(
            route,
            `the bomb ${bomb[0]} after a good file`,
            multipart(data, [fine, bomb]),
            {
              status: 422,
              field: 'files',
            },
          );
        }
      }
      assertClean();
    });

    test('hostile path parameters: not found or refused, never an error', async () => {
      const params = [
        '%FF',
        '%00',
        '%C0%AF',
        '%ED%A0%80',
        'x'.repeat(10_000),
        '..%2F..%2Fetc',
        '%0D%0ASet-Cookie:%20x=1',
      ];
      for (const route of stateChanging().filter((r) => r.path.includes(':'))) {
        for (const param of params) {
          const body = NO_JSON_BODY.has(label(route)) ? undefined : JSON.stringify(sample(route));
          const path = route.path.replace(/:\w+/g, param);
          tally.sent += 1;
          const response = await app.request(path, {
            method: route.method,
            headers: { ...credentials(route), 'content-type': 'application/json' },
            body,
          });
          const text = await response.text();
          const ok = response.status >= 400 && response.status < 500 && text.includes('"error"');
          if (response.status >= 500) tally.serverErrors += 1;
          if (ok) tally.refused += 1;
          else
            failures.push(
              `${label(route)} with :param ${param.slice(0, 20)}: ${response.status} ${text.slice(0, 200)}`,
            );
        }
      }
      const now = await takeFingerprint();
      if (now !== fingerprint) failures.push('hostile path parameters changed the database');
      assertClean();
    });

    test('over a real socket: huge headers, a huge URL and broken HTTP get a JSON 4xx', async () => {
      const { port } = new URL(running.url);
      const exchange = (request: string) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(Number(port), '127.0.0.1');
          const chunks: Buffer[] = [];
          socket.on('data', (chunk) => chunks.push(chunk));
          socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
          socket.on('error', (error) =>
            chunks.length ? resolve(Buffer.concat(chunks).toString('latin1')) : reject(error),
          );
          socket.write(request);
        });
      const post = (head: string, body = '{}') =>
        `POST /api/tickets/1002/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${ada}\r\n` +
        `X-Kundportal: 1\r\nContent-Type: application/json\r\n${head}` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
      const cases: [string, string, number][] = [
        ['a 64 kB header', post(`X-Padding: ${'p'.repeat(64 * 1024)}\r\n`), 431],
        ['a 1 MB cookie', post(`Cookie: a=${'c'.repeat(1024 * 1024)}\r\n`), 431],
        [
          '4000 small headers',
          post(Array.from({ length: 4000 }, (_, i) => `X-H${i}: v\r\n`).join('')),
          431,
        ],
        [
          'a 64 kB URL',
          `GET /api/tickets?q=${'q'.repeat(64 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`,
          431,
        ],
        ['a NUL in a header', post('X-Bad: a\u0000b\r\n'), 400],
        ['a header without a colon', post('NoColonHere\r\n'), 400],
        ['two Content-Lengths', post('Content-Length: 5\r\n'), 400],
        ['Content-Length and chunked (smuggling)', post('Transfer-Encoding: chunked\r\n'), 400],
        [
          'a Content-Length that is no number',
          post('', '{}').replace(/Content-Length: \d+/, 'Content-Length: ten'),
          400,
        ],
        ['garbage for a request line', 'HELLO THERE\r\n\r\n', 400],
        ['a bare LF request', 'POST /api/session HTTP/1.1\nHost: x\n\n', 400],
      ];
      for (const [what, request, status] of cases) {
        tally.sent += 1;
        const answer = await exchange(request);
        const [head = '', body = ''] = answer.split('\r\n\r\n');
        const got = Number(head.split(' ')[1]);
        let code: unknown;
        try {
          code = (JSON.parse(body) as ErrorBody).error.code;
        } catch {
          code = undefined;
        }
        if (got === status && code === 'validation') tally.refused += 1;
        else failures.push(`${what}: ${head.split('\r\n')[0]} ${body.slice(0, 200)}`);
      }
      const now = await takeFingerprint();
      if (now !== fingerprint) failures.push('broken HTTP changed the database');
      assertClean();
    });
  });
}
