import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { createApp } from './app.js';
import type { Database } from './db.js';
import { seedDemo } from './seed.js';
import { call, pgliteDatabase, signIn, type App, type TestDatabase } from './test-support.js';

const AGENT_KEY = 'i18n-test-agent-key-0123456789';

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** The newest mail to `email`. */
async function lastMail(db: Database, email: string) {
  const [mail] = await db.query<{ subject: string; text_body: string }>(
    `SELECT subject, text_body FROM mail_outbox WHERE lower(to_address) = lower($1)
     ORDER BY id DESC LIMIT 1`,
    [email],
  );
  return mail;
}

let ip = 0;
/** Each request from its own address, so the rate limits of one test do not touch another's. */
const freshIp = () => `198.51.100.${(ip += 1)}`;

describe('server messages in the customer language', () => {
  let testDb: TestDatabase;
  let app: App;

  before(async () => {
    testDb = await pgliteDatabase();
    await seedDemo(testDb.db);
    app = createApp({ db: testDb.db, agentApiKey: AGENT_KEY, reportError: () => {} });
  });
  after(() => testDb.dispose());

  test('errors follow Accept-Language, with the region ignored', async () => {
    const wrong = { email: 'nobody@nordlys.example', password: 'not the password at all' };
    const answers = await Promise.all(
      ['sv-SE,sv;q=0.9', 'de', 'fr-CA', 'es', 'ar'].map((language) =>
        call<ErrorBody>(app, '/api/session', {
          method: 'POST',
          body: wrong,
          headers: { 'accept-language': language },
          ip: freshIp(),
        }),
      ),
    );
    assert.deepEqual(
      answers.map((answer) => [answer.status, answer.body.error.message]),
      [
        [401, 'E-postadressen eller lösenordet är fel.'],
        [401, 'E-Mail-Adresse oder Passwort ist falsch.'],
        [401, "L'adresse e-mail ou le mot de passe est incorrect."],
        [401, 'El correo o la contraseña no son correctos.'],
        [401, 'البريد الإلكتروني أو كلمة المرور غير صحيحة.'],
      ],
    );
  });

  test('a language without a catalog, or none at all, gets English', async () => {
    for (const headers of [{ 'accept-language': 'fi-FI' }, {}] as Record<string, string>[]) {
      const answer = await call<ErrorBody>(app, '/api/tickets', { headers });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error.message, 'Sign in to continue.');
    }
  });

  test('field errors of the shared rules come in the language too', async () => {
    const answer = await call<ErrorBody>(app, '/api/auth/register', {
      method: 'POST',
      body: { email: 'not-an-address', name: '', password: 'short', consent: false },
      headers: { 'accept-language': 'sv' },
      ip: freshIp(),
    });
    assert.equal(answer.status, 422, answer.text);
    assert.equal(answer.body.error.message, 'Några fält behöver åtgärdas.');
    assert.equal(answer.body.error.fields?.email, 'Ange en e-postadress som namn@example.com.');
    assert.equal(answer.body.error.fields?.name, 'Ange ditt namn.');
    assert.equal(answer.body.error.fields?.password, 'Använd minst 10 tecken.');
  });

  test('a signed-in customer reads reply and ticket errors in their language', async () => {
    const cookie = await signIn(app, DEMO_ACCOUNT);
    const reply = await call<ErrorBody>(app, '/api/tickets/1001/messages', {
      method: 'POST',
      cookie,
      body: { text: '   ', idempotencyKey: 'i18n-empty-reply' },
      headers: { 'accept-language': 'de-DE' },
    });
    assert.equal(reply.status, 422, reply.text);
    assert.equal(reply.body.error.fields?.text, 'Schreiben Sie eine Nachricht, bevor Sie senden.');

    const missing = await call<ErrorBody>(app, '/api/tickets/999999', {
      cookie,
      headers: { 'accept-language': 'es' },
    });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.message, 'No existe ese ticket.');
  });

  test('the rate limit says how long to wait in words of the language', async () => {
    const address = freshIp();
    let answer: Awaited<ReturnType<typeof call<ErrorBody>>> | undefined;
    for (let attempt = 0; attempt < 30; attempt += 1) {
      answer = await call<ErrorBody>(app, '/api/session', {
        method: 'POST',
        body: { email: 'guess@example.com', password: `guess number ${attempt}` },
        headers: { 'accept-language': 'sv' },
        ip: address,
      });
      if (answer.status === 429) break;
    }
    assert.equal(answer?.status, 429, 'sign-in guessing is throttled');
    assert.match(
      answer?.body.error.message ?? '',
      /^För många försök\. Försök igen om \d+ (minut|minuter|sekund|sekunder)\.$/,
    );
  });

  test('a password reset mail is written in the language it was asked for', async () => {
    const answer = await call(app, '/api/auth/password-reset', {
      method: 'POST',
      body: { email: DEMO_ACCOUNT.email },
      headers: { 'accept-language': 'fr' },
      ip: freshIp(),
    });
    assert.equal(answer.status, 202, answer.text);
    const mail = await lastMail(testDb.db, DEMO_ACCOUNT.email);
    assert.ok(mail, 'a mail was queued');
    assert.match(mail.subject, /^Réinitialisez votre mot de passe pour /);
    assert.match(mail.text_body, /^Bonjour Ada/);
    assert.match(mail.text_body, /Choisir un nouveau mot de passe: http/);
  });

  test('an invitation an agent causes goes out in the portal primary language', async () => {
    const agent = (path: string, method: string, body?: unknown) =>
      call(app, path, {
        method,
        body,
        csrf: false,
        headers: { authorization: `Bearer ${AGENT_KEY}`, 'accept-language': 'en' },
      });
    assert.equal(
      (await agent('/api/agent/settings', 'PATCH', { languages: ['de', 'en'] })).status,
      200,
    );
    const list = await agent('/api/agent/lists', 'POST', { name: 'Kunden' });
    assert.equal(list.status, 201, list.text);
    const listId = (list.body as { id: string }).id;
    const patched = await agent('/api/agent/settings', 'PATCH', {
      accessMode: 'lists',
      allowedListIds: [listId],
    });
    assert.equal(patched.status, 200, patched.text);
    const added = await agent(`/api/agent/lists/${listId}/members`, 'POST', {
      email: 'greta@kunde.example',
      name: 'Greta',
    });
    assert.equal(added.status, 201, added.text);
    const mail = await lastMail(testDb.db, 'greta@kunde.example');
    assert.ok(mail, 'an invitation was queued');
    assert.match(mail.subject, /^Sie sind zu .+ eingeladen$/);
    assert.match(mail.text_body, /^Hallo Greta,/);
  });
});
