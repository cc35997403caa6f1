import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { ErrorBody, Message, PortalConfig, Ticket } from '@kundportal/core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
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
import { addAgentMessage } from '../tickets.js';
import { attachmentDisposition, MAX_NAME_LENGTH, sanitizeFileName } from './file-names.js';
import { DEFAULT_ATTACHMENT_LIMITS, MAX_FILES_PER_MESSAGE } from './limits.js';
import { storeAttachments } from './store.js';
import {
  EXE,
  HTML,
  PDF,
  PNG,
  PNG_HTML_POLYGLOT,
  postForm,
  SVG,
  type UploadFile,
} from './test-support.js';

const ADA = DEMO_ACCOUNT;
const BJORN = { email: 'bjorn@nordlys.example', password: 'kundportal-demo-2' };
const AGENT_KEY = 'attachments-test-agent-key';
const KIB = 1024;
// Small limits keep the uploads in these tests small.
const LIMITS = { maxFileBytes: 64 * KIB, maxMessageBytes: 100 * KIB };
const OPEN_TICKET = '1002';

const key = () => `key-${randomBytes(8).toString('hex')}`;
const text = (name: string, body = 'hello, world\n', type = 'text/plain'): UploadFile => ({
  name,
  type,
  bytes: body,
});
const png = (name = 'screenshot.png'): UploadFile => ({ name, type: 'image/png', bytes: PNG });

describe('attachment names', () => {
  test('path parts, control and direction characters are removed; blank names get a default', () => {
    assert.equal(sanitizeFileName('../../etc/passwd'), 'passwd');
    assert.equal(sanitizeFileName('C:\\Users\\ada\\report.pdf'), 'report.pdf');
    assert.equal(sanitizeFileName('in\u0000voi\nce\u202Efdp.exe'), 'invoicefdp.exe');
    assert.equal(sanitizeFileName('  \u0007 '), 'attachment');
    assert.equal(sanitizeFileName('..'), 'attachment');
  });

  test('long names are cut to the cap, keeping the extension', () => {
    const name = sanitizeFileName(`${'å'.repeat(300)}.pdf`);
    assert.equal([...name].length, MAX_NAME_LENGTH);
    assert.ok(name.endsWith('å.pdf'));
  });

  test('Content-Disposition is always attachment, with the UTF-8 name encoded', () => {
    assert.equal(
      attachmentDisposition('Rapport "mars" (å).txt'),
      `attachment; filename="Rapport _mars_ (_).txt"; filename*=UTF-8''Rapport%20%22mars%22%20%28%C3%A5%29.txt`,
    );
  });
});

function runAttachmentSuite(name: string, openDb: () => Promise<TestDatabase>, skip?: string) {
  describe(name, { skip }, () => {
    let testDb: TestDatabase;
    let db: Database;
    let app: App;
    let ada: string;
    let bjorn: string;

    const count = async (table: 'attachments' | 'messages') =>
      Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

    const reply = (files: UploadFile[], ticket = OPEN_TICKET, replyText = 'See attached.') =>
      postForm<Message & ErrorBody>(app, `/api/tickets/${ticket}/messages`, {
        cookie: ada,
        data: { text: replyText, idempotencyKey: key() },
        files,
      });

    /** Asserts the upload is refused with `status`, names `file`, and stores nothing. */
    const assertRefused = async (files: UploadFile[], status: number, file: string) => {
      const [messages, attachments] = [await count('messages'), await count('attachments')];
      const answer = await reply(files);
      assert.equal(answer.status, status, answer.text);
      assert.equal(answer.body.error.code, 'validation');
      assert.match(answer.body.error.fields?.files ?? '', new RegExp(file.replace('.', '\\.')));
      assert.equal(await count('messages'), messages);
      assert.equal(await count('attachments'), attachments);
    };

    const download = (url: string, cookie = ada) => app.request(url, { headers: { cookie } });

    before(async () => {
      testDb = await openDb();
      db = testDb.db;
      await seedDemo(db);
      app = createApp({ db, agentApiKey: AGENT_KEY, reportError: () => {} });
      ada = await signIn(app, ADA);
      bjorn = await signIn(app, BJORN);
    });

    after(() => testDb?.dispose());

    describe('with the default settings', () => {
      test('the public config offers 10 MB per file, 25 MB per message and no markup types', async () => {
        const answer = await call<PortalConfig>(app, '/api/portal');
        assert.deepEqual(answer.body.attachments, DEFAULT_ATTACHMENT_LIMITS);
        assert.equal(answer.body.attachments.maxFileBytes, 10_000_000);
        assert.equal(answer.body.attachments.maxMessageBytes, 25_000_000);
      });

      test('settings refuse markup types, unrecognizable types and a file limit over the message limit', async () => {
        const patch = (attachments: object) =>
          call<ErrorBody>(app, '/api/agent/settings', {
            method: 'PATCH',
            headers: { authorization: `Bearer ${AGENT_KEY}` },
            body: { attachments: { ...DEFAULT_ATTACHMENT_LIMITS, ...attachments } },
          });
        for (const type of ['image/svg+xml', 'text/html', 'application/xml', 'text/javascript']) {
          const answer = await patch({ allowedTypes: [type] });
          assert.equal(answer.status, 422, type);
          assert.ok(answer.body.error.fields?.['attachments.allowedTypes.0'], type);
        }
        assert.equal((await patch({ allowedTypes: ['application/x-made-up'] })).status, 422);
        assert.equal((await patch({ maxFileBytes: 30 * 1024 * KIB })).status, 422);
        assert.deepEqual((await loadPortalSettings(db)).attachments, DEFAULT_ATTACHMENT_LIMITS);
      });
    });

    describe('with small limits', () => {
      before(async () => {
        const settings = await loadPortalSettings(db);
        const attachments = { ...settings.attachments, ...LIMITS };
        await savePortalSettings(db, { ...settings, attachments }, new Date());
      });

      test('a multipart reply stores its files and answers with them; the conversation lists them', async () => {
        const answer = await reply([png(), text('notes.txt', 'Steps: 1, 2, 3.\n')]);
        assert.equal(answer.status, 201, answer.text);
        assert.equal(answer.body.text, 'See attached.');
        const [image, notes] = answer.body.attachments;
        assert.deepEqual(
          answer.body.attachments.map(({ name, size, contentType }) => ({
            name,
            size,
            contentType,
          })),
          [
            { name: 'screenshot.png', size: PNG.length, contentType: 'image/png' },
            { name: 'notes.txt', size: 16, contentType: 'text/plain' },
          ],
        );
        for (const attachment of [image, notes]) {
          // Server-side names: a random id, nothing of the customer's file name.
          assert.match(attachment?.id ?? '', /^[\w-]{22}$/);
          assert.equal(attachment?.url, `/api/attachments/${attachment?.id}`);
        }
        const listed = await call<{ items: Message[] }>(
          app,
          `/api/tickets/${OPEN_TICKET}/messages`,
          { cookie: ada },
        );
        const shown = listed.body.items.find((message) => message.id === answer.body.id);
        assert.deepEqual(shown?.attachments, answer.body.attachments);
      });

      test('a download is the exact bytes, as an attachment, nosniff, sandboxed, typed from the bytes', async () => {
        const answer = await reply([{ name: 'Rapport å.pdf', type: 'image/png', bytes: PDF }]);
        const [attachment] = answer.body.attachments;
        assert.equal(attachment?.contentType, 'application/pdf');
        const response = await download(attachment?.url ?? '');
        assert.equal(response.status, 200);
        assert.deepEqual(Buffer.from(await response.arrayBuffer()), PDF);
        assert.equal(response.headers.get('content-type'), 'application/pdf');
        assert.equal(
          response.headers.get('content-disposition'),
          `attachment; filename="Rapport _.pdf"; filename*=UTF-8''Rapport%20%C3%A5.pdf`,
        );
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
        assert.match(response.headers.get('content-security-policy') ?? '', /^sandbox\b/);
        assert.equal(response.headers.get('cache-control'), 'no-store');
      });

      test('plain text downloads as UTF-8 text', async () => {
        const answer = await reply([text('log.csv', 'a,b\nå,ä\n', 'text/csv')]);
        const response = await download(answer.body.attachments[0]?.url ?? '');
        assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
        assert.equal(await response.text(), 'a,b\nå,ä\n');
      });

      test('the original name is kept only sanitized: no folders, no direction tricks', async () => {
        const answer = await reply([png('../../etc/photo\u202Egnp.exe')]);
        assert.equal(answer.status, 201, answer.text);
        assert.equal(answer.body.attachments[0]?.name, 'photognp.exe');
      });

      test('a new ticket filed as multipart stores its files with the first message', async () => {
        const answer = await postForm<Ticket>(app, '/api/tickets', {
          cookie: ada,
          data: {
            subject: 'Export broken',
            description: 'Screenshot attached.',
            idempotencyKey: key(),
          },
          files: [png('export.png')],
        });
        assert.equal(answer.status, 201, answer.text);
        const messages = await call<{ items: Message[] }>(
          app,
          `/api/tickets/${answer.body.id}/messages`,
          { cookie: ada },
        );
        assert.deepEqual(
          messages.body.items.map((message) => message.attachments.map((file) => file.name)),
          [['export.png']],
        );
      });

      test('a JSON reply still works and has no attachments', async () => {
        const answer = await call<Message>(app, `/api/tickets/${OPEN_TICKET}/messages`, {
          method: 'POST',
          cookie: ada,
          body: { text: 'Plain reply.', idempotencyKey: key() },
        });
        assert.equal(answer.status, 201, answer.text);
        assert.deepEqual(answer.body.attachments, []);
      });

      test('a repeated idempotency key stores the reply and its files once', async () => {
        const data = { text: 'Once only.', idempotencyKey: key() };
        const send = () =>
          postForm<Message>(app, `/api/tickets/${OPEN_TICKET}/messages`, {
            cookie: ada,
            data,
            files: [png()],
          });
        const first = await send();
        const attachments = await count('attachments');
        const second = await send();
        assert.equal(second.status, 200, second.text);
        assert.deepEqual(second.body, first.body);
        assert.equal(await count('attachments'), attachments);
      });

      test('the data part is checked by the same schema as JSON: 400 not JSON, 422 wrong fields or parts', async () => {
        const path = `/api/tickets/${OPEN_TICKET}/messages`;
        const malformed = await postForm<ErrorBody>(app, path, {
          cookie: ada,
          extra: { data: '{not json' },
        });
        assert.equal(malformed.status, 400);
        const unknown = await postForm<ErrorBody>(app, path, {
          cookie: ada,
          data: { text: 'Hi', idempotencyKey: key(), admin: true },
        });
        assert.equal(unknown.status, 422);
        assert.ok(unknown.body.error.fields?.admin);
        const missing = await postForm<ErrorBody>(app, path, { cookie: ada, files: [png()] });
        assert.equal(missing.status, 422);
        assert.ok(missing.body.error.fields?.data);
        const stray = await postForm<ErrorBody>(app, path, {
          cookie: ada,
          data: { text: 'Hi', idempotencyKey: key() },
          extra: { files: 'not a file', other: 'x' },
        });
        assert.equal(stray.status, 422);
        assert.deepEqual(Object.keys(stray.body.error.fields ?? {}).sort(), ['files', 'other']);
      });

      test('a file over the per-file limit is a 413 naming it, and nothing is stored', async () => {
        const big = {
          name: 'huge.txt',
          type: 'text/plain',
          bytes: 'x'.repeat(LIMITS.maxFileBytes + 1),
        };
        await assertRefused([png(), big], 413, 'huge.txt');
      });

      test('files over the per-message limit together are a 413 naming them, and nothing is stored', async () => {
        const part = (name: string) => text(name, 'y'.repeat(60 * KIB));
        await assertRefused([part('one.txt'), part('two.txt')], 413, 'two.txt');
      });

      test('a body over the request cap is cut off early with a 413, before it is all read', async () => {
        const total = LIMITS.maxMessageBytes + 2 * 1024 * KIB;
        let sent = 0;
        const chunk = new Uint8Array(64 * KIB);
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent >= total) return controller.close();
            sent += chunk.length;
            controller.enqueue(chunk);
          },
        });
        const headers = {
          cookie: ada,
          'x-kundportal': '1',
          'content-type': 'multipart/form-data; boundary=x',
        };
        const streamed = await app.request(`/api/tickets/${OPEN_TICKET}/messages`, {
          method: 'POST',
          headers,
          body,
          duplex: 'half',
        } as RequestInit);
        assert.equal(streamed.status, 413);
        assert.equal(((await streamed.json()) as ErrorBody).error.code, 'validation');
        assert.ok(sent < total, `read ${sent} of ${total} bytes`);
        // With a Content-Length the answer comes before a single byte is read.
        const declared = await app.request(`/api/tickets/${OPEN_TICKET}/messages`, {
          method: 'POST',
          headers: { ...headers, 'content-length': String(total) },
          body: 'tiny',
        });
        assert.equal(declared.status, 413);
      });

      test('the type is decided on the bytes: an executable declared as PNG is refused', async () => {
        await assertRefused([{ name: 'cat.png', type: 'image/png', bytes: EXE }], 422, 'cat.png');
      });

      test('SVG and HTML uploads are refused, whatever they are declared as', async () => {
        await assertRefused(
          [{ name: 'logo.svg', type: 'image/svg+xml', bytes: SVG }],
          422,
          'logo.svg',
        );
        await assertRefused(
          [{ name: 'page.html', type: 'text/html', bytes: HTML }],
          422,
          'page.html',
        );
        await assertRefused(
          [{ name: 'logo.txt', type: 'text/plain', bytes: SVG }],
          422,
          'logo.txt',
        );
        await assertRefused(
          [{ name: 'page.txt', type: 'text/plain', bytes: HTML }],
          422,
          'page.txt',
        );
      });

      test('text passes only when declared as text and valid UTF-8 without NULs', async () => {
        await assertRefused(
          [text('data.bin', 'plain words', 'application/octet-stream')],
          422,
          'data.bin',
        );
        await assertRefused(
          [{ name: 'nul.txt', type: 'text/plain', bytes: 'a\u0000b' }],
          422,
          'nul.txt',
        );
        const latin1 = new Uint8Array([0x68, 0xe9, 0x6c, 0x6c, 0x6f]);
        await assertRefused(
          [{ name: 'latin1.txt', type: 'text/plain', bytes: latin1 }],
          422,
          'latin1.txt',
        );
      });

      test('empty files and too many files are refused', async () => {
        await assertRefused([text('empty.txt', '')], 422, 'empty.txt');
        const many = Array.from({ length: MAX_FILES_PER_MESSAGE + 1 }, (_, i) => text(`${i}.txt`));
        const answer = await reply(many);
        assert.equal(answer.status, 422);
        assert.ok(answer.body.error.fields?.files);
      });

      test('a polyglot PNG with a page behind it is stored as PNG and still downloads as an attachment', async () => {
        const answer = await reply([
          { name: 'x.html', type: 'text/html', bytes: PNG_HTML_POLYGLOT },
        ]);
        assert.equal(answer.status, 201, answer.text);
        const response = await download(answer.body.attachments[0]?.url ?? '');
        assert.equal(response.headers.get('content-type'), 'image/png');
        assert.match(response.headers.get('content-disposition') ?? '', /^attachment;/);
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
        assert.match(response.headers.get('content-security-policy') ?? '', /^sandbox\b/);
      });

      test('a failure while storing a file leaves neither the message nor any file behind', async () => {
        // Makes the database fail on the second file, after the message and first file went in.
        await db.exec(`
          CREATE FUNCTION fail_upload() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
          CREATE TRIGGER fail_upload BEFORE INSERT ON attachments
            FOR EACH ROW WHEN (NEW.name = 'boom.txt') EXECUTE FUNCTION fail_upload();`);
        try {
          const [messages, attachments] = [await count('messages'), await count('attachments')];
          const answer = await reply([png(), text('boom.txt')]);
          assert.equal(answer.status, 500);
          assert.equal(await count('messages'), messages);
          assert.equal(await count('attachments'), attachments);
        } finally {
          await db.exec('DROP TRIGGER fail_upload ON attachments; DROP FUNCTION fail_upload();');
        }
      });

      test('a reply to a closed ticket is refused and its files are not stored', async () => {
        const attachments = await count('attachments');
        const answer = await reply([png()], '1005');
        assert.equal(answer.status, 409);
        assert.equal(await count('attachments'), attachments);
      });

      test("only those who may see the ticket download: someone else's or an unknown id is the same 404", async () => {
        const answer = await reply([png()]);
        const url = answer.body.attachments[0]?.url ?? '';
        const notYours = await download(url, bjorn);
        const unknown = await download('/api/attachments/AAAAAAAAAAAAAAAAAAAAAA', bjorn);
        assert.equal(notYours.status, 404);
        assert.equal(unknown.status, 404);
        assert.deepEqual(await notYours.json(), await unknown.json());
        assert.equal((await app.request(url)).status, 401);
      });

      test('with company access a colleague may download; without it not', async () => {
        const url = (await reply([png()])).body.attachments[0]?.url ?? '';
        const settings = await loadPortalSettings(db);
        await savePortalSettings(db, { ...settings, ticketAccess: 'company' }, new Date());
        try {
          assert.equal((await download(url, bjorn)).status, 200);
        } finally {
          await savePortalSettings(db, settings, new Date());
        }
        assert.equal((await download(url, bjorn)).status, 404);
      });

      test("an internal note's files never download, not even for the ticket's contact", async () => {
        const note = await addAgentMessage(
          db,
          OPEN_TICKET,
          { text: 'Internal: see log', internal: true, authorName: 'Karin' },
          null,
          new Date(),
        );
        await storeAttachments(
          db,
          note.id,
          [{ name: 'log.png', contentType: 'image/png', bytes: PNG }],
          new Date().toISOString(),
        );
        const [row] = await db.query<{ id: string }>(
          'SELECT id FROM attachments WHERE message_id = $1',
          [note.id],
        );
        assert.equal((await download(`/api/attachments/${row?.id}`)).status, 404);
      });
    });
  });
}

runAttachmentSuite('attachments on PGlite', pgliteDatabase);
const unreachable = await postgresUnreachable();
runAttachmentSuite('attachments on PostgreSQL', postgresDatabase, unreachable);
