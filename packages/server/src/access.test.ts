import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { ErrorBody, LinkPurpose, PortalConfig, Session } from '@kundportal/core';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { SMTPServer } from 'smtp-server';
import { createApp, type AppOptions } from './app.js';
import type { Database } from './db.js';
import { createMailSender } from './mail/sender.js';
import { hashPassword } from './password.js';
import type { PortalSettings } from './portal-settings.js';
import { DEMO_INVITEE, DEMO_LIST, seedDemo } from './seed.js';
import { startServer } from './serve.js';
import {
  call,
  pgliteDatabase,
  postgresDatabase,
  postgresUnreachable,
  sessionCookieOf,
  type App,
  type CallOptions,
  type TestDatabase,
} from './test-support.js';

const AGENT_KEY = 'test-agent-key-0123456789';
const MINUTE = 60_000;
const STRONG = 'correct horse battery';

const address = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.com`;
/** A client IP of its own, so per-IP limits of one test do not reach another. */
const freshIp = () => `10.${[1, 2, 3].map(() => randomBytes(1)[0] ?? 0).join('.')}`;

/**
 * Access to the portal — settings, access modes, every way in, mail, rate limits, origins and
 * cookies — as a client sees it, against one database engine. Tests share one seeded
 * database; a test that changes the settings puts them back.
 */
function runAccessSuite(name: string, openDb: () => Promise<TestDatabase>, skip?: string): void {
  describe(name, { skip }, () => {
    let testDb: TestDatabase;
    let db: Database;
    let app: App;

    /** An app on the shared database; `offsetMs` moves its clock. */
    const appWith = (options: Partial<AppOptions> = {}, offsetMs = 0): App =>
      createApp({
        db,
        agentApiKey: AGENT_KEY,
        reportError: () => {},
        now: () => new Date(Date.now() + offsetMs),
        ...options,
      });

    /** A customer request from an IP of its own unless one is given. */
    const send = <T = unknown>(path: string, options: CallOptions = {}, on: App = app) =>
      call<T>(on, path, { ip: freshIp(), ...options });

    const agent = <T = unknown>(path: string, options: CallOptions = {}) =>
      call<T>(app, path, {
        csrf: false,
        ...options,
        headers: { authorization: `Bearer ${AGENT_KEY}`, ...options.headers },
      });

    const patchSettings = async (patch: Partial<PortalSettings>): Promise<PortalSettings> => {
      const answer = await agent<PortalSettings>('/api/agent/settings', {
        method: 'PATCH',
        body: patch,
      });
      assert.equal(answer.status, 200, answer.text);
      return answer.body;
    };

    /** Runs `fn` with the settings patched, then puts back the fields it changed. */
    const withSettings = async (patch: Partial<PortalSettings>, fn: () => Promise<void>) => {
      const before = (await agent<PortalSettings>('/api/agent/settings')).body;
      await patchSettings(patch);
      try {
        await fn();
      } finally {
        const keys = Object.keys(patch) as (keyof PortalSettings)[];
        await patchSettings(Object.fromEntries(keys.map((key) => [key, before[key]])));
      }
    };

    const mailsTo = (email: string) =>
      db.query<{ subject: string; text_body: string; html_body: string; sent_at: Date | null }>(
        'SELECT subject, text_body, html_body, sent_at FROM mail_outbox WHERE lower(to_address) = lower($1) ORDER BY id',
        [email],
      );

    /** The token of the newest link of this kind mailed to the address. */
    const lastToken = async (email: string, purpose: LinkPurpose): Promise<string | undefined> => {
      const link = new RegExp(`#/${purpose}/([\\w-]+)`);
      const tokens = (await mailsTo(email)).map((m) => link.exec(m.text_body)?.[1]);
      return tokens.filter((t) => t !== undefined).at(-1);
    };

    /** A contact who registered and confirmed the address long ago. */
    const verifiedContact = async (label: string) => {
      const email = address(label);
      await db.query(
        `INSERT INTO contacts (email, name, password_hash, email_verified_at)
         VALUES ($1, $2, $3, now())`,
        [email, label, await hashPassword(STRONG)],
      );
      return { email, password: STRONG };
    };

    const signInAnswer = (account: { email: string; password: string }, on: App = app) =>
      send<Session & ErrorBody>('/api/session', { method: 'POST', body: account }, on);

    const register = (email: string, extra: Record<string, unknown> = {}) =>
      send('/api/auth/register', {
        method: 'POST',
        body: { email, name: 'Rut <b>Berg</b>', password: STRONG, consent: true, ...extra },
      });

    before(async () => {
      testDb = await openDb();
      db = testDb.db;
      assert.equal(await seedDemo(db, { publicUrl: 'http://portal.test' }), true);
      app = appWith();
    });

    after(() => testDb?.dispose());

    describe('settings and the agent API', () => {
      test('GET /api/portal derives the public config and leaks no private setting', async () => {
        const answer = await send<PortalConfig>('/api/portal');
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body.auth, {
          password: true,
          registration: true,
          signInLink: true,
          sso: [],
        });
        assert.equal(answer.body.consent?.version, '2026-11-01');
        for (const secret of ['accessMode', 'allowedListIds', 'allowedOrigins', 'portalUrl'])
          assert.ok(!(secret in answer.body), secret);
        assert.ok(!('sso' in answer.body) && !answer.text.includes(DEMO_LIST.id));
      });

      test('the agent API needs its key; the customer cookie never opens it', async () => {
        const ada = sessionCookieOf(await signInAnswer(DEMO_ACCOUNT));
        const without = await call<ErrorBody>(app, '/api/agent/settings', { cookie: ada });
        assert.equal(without.status, 401);
        const wrong = await call(app, '/api/agent/settings', {
          headers: { authorization: 'Bearer not-the-key' },
        });
        assert.equal(wrong.status, 401);
        const off = await call(appWith({ agentApiKey: null }), '/api/agent/settings', {
          headers: { authorization: `Bearer ${AGENT_KEY}` },
        });
        assert.equal(off.status, 401);
        assert.equal((await agent('/api/agent/settings')).status, 200);
      });

      test('customer routes never take the agent key', async () => {
        const answer = await send<ErrorBody>('/api/tickets', {
          headers: { authorization: `Bearer ${AGENT_KEY}` },
        });
        assert.equal(answer.status, 401);
        assert.equal(answer.body.error.code, 'unauthenticated');
      });

      test('PATCH settings merges the fields given, and refuses invalid ones naming them', async () => {
        const before = (await agent<PortalSettings>('/api/agent/settings')).body;
        await withSettings({ title: 'Help Centre' }, async () => {
          const after = (await agent<PortalSettings>('/api/agent/settings')).body;
          assert.deepEqual(after, { ...before, title: 'Help Centre' });
          assert.equal((await send<PortalConfig>('/api/portal')).body.title, 'Help Centre');
        });
        const bad = await agent<ErrorBody>('/api/agent/settings', {
          method: 'PATCH',
          body: { accessMode: 'everyone', allowedOrigins: ['https://x.example/path'], colour: 1 },
        });
        assert.equal(bad.status, 422);
        assert.ok(bad.body.error.fields?.accessMode);
        assert.ok(bad.body.error.fields?.['allowedOrigins.0']);
        assert.ok(bad.body.error.fields?.colour);
        const badSso = await agent<ErrorBody>('/api/agent/settings', {
          method: 'PATCH',
          body: { sso: { oidc: [{ id: 'x' }] } },
        });
        assert.equal(badSso.status, 422, 'the SSO module checks its own settings');
        assert.ok(Object.keys(badSso.body.error.fields ?? {}).every((f) => f.startsWith('sso.')));
        assert.deepEqual((await agent('/api/agent/settings')).body, before);
      });
    });

    describe('portal off', () => {
      test('every customer route answers 503 unavailable; GET /api/portal says enabled: false', async () => {
        const ada = sessionCookieOf(await signInAnswer(DEMO_ACCOUNT));
        await withSettings({ enabled: false }, async () => {
          const config = await send<PortalConfig>('/api/portal');
          assert.equal(config.status, 200);
          assert.equal(config.body.enabled, false);
          const routes: [string, string, unknown?][] = [
            ['GET', '/api/session'],
            ['POST', '/api/session', DEMO_ACCOUNT],
            ['GET', '/api/tickets'],
            ['GET', '/api/tickets/1001'],
            [
              'POST',
              '/api/auth/register',
              { email: address('off'), name: 'X', password: STRONG, consent: true },
            ],
            ['POST', '/api/auth/password-reset', { email: DEMO_ACCOUNT.email }],
            ['POST', '/api/auth/sign-in-link', { email: DEMO_ACCOUNT.email }],
            ['POST', '/api/auth/verify', { token: 'x' }],
            ['DELETE', '/api/session'],
          ];
          for (const [method, path, body] of routes) {
            const answer = await send<ErrorBody>(path, { method, body, cookie: ada });
            assert.equal(answer.status, 503, `${method} ${path}`);
            assert.deepEqual(answer.body.error, {
              code: 'unavailable',
              message: 'This support portal is closed.',
            });
          }
          assert.equal((await agent('/api/agent/settings')).status, 200, 'agents still get in');
        });
        assert.equal((await send('/api/tickets', { cookie: ada })).status, 200);
      });
    });

    describe('access modes', () => {
      test('lists: a member signs in; anyone else is refused sign-in, reset and links with 403', async () => {
        const outsider = await verifiedContact('outsider');
        await withSettings({ accessMode: 'lists' }, async () => {
          const config = (await send<PortalConfig>('/api/portal')).body;
          assert.equal(config.auth.registration, false);
          assert.equal(config.auth.password, true);
          assert.equal((await signInAnswer(DEMO_ACCOUNT)).status, 200, 'Ada is on the list');
          const signIn = await signInAnswer(outsider);
          assert.equal(signIn.status, 403);
          assert.equal(signIn.body.error.code, 'forbidden');
          assert.match(signIn.body.error.message, /Access denied/);
          assert.equal(signIn.headers.get('set-cookie'), null);
          for (const path of ['/api/auth/password-reset', '/api/auth/sign-in-link']) {
            for (const email of [outsider.email, address('unknown')]) {
              const answer = await send<ErrorBody>(path, { method: 'POST', body: { email } });
              assert.equal(answer.status, 403, `${path} ${email}`);
              assert.match(answer.body.error.message, /Access denied/);
            }
          }
          assert.deepEqual(await mailsTo(outsider.email), []);
          const registration = await register(address('lists'));
          assert.equal(registration.status, 403);
          // A wrong password is still just a wrong password: the list is not revealed.
          assert.equal((await signInAnswer({ ...outsider, password: 'wrong one!' })).status, 401);
        });
      });

      test('sso and sso-lists: password sign-in, reset and links are off', async () => {
        for (const accessMode of ['sso', 'sso-lists'] as const) {
          await withSettings({ accessMode }, async () => {
            const config = (await send<PortalConfig>('/api/portal')).body;
            assert.deepEqual(
              [config.auth.password, config.auth.registration, config.auth.signInLink],
              [false, false, false],
            );
            const signIn = await signInAnswer(DEMO_ACCOUNT);
            assert.equal(signIn.status, 403, accessMode);
            assert.match(signIn.body.error.message, /single sign-on/);
            for (const path of ['/api/auth/password-reset', '/api/auth/sign-in-link']) {
              const answer = await send(path, {
                method: 'POST',
                body: { email: DEMO_ACCOUNT.email },
              });
              assert.equal(answer.status, 403, `${accessMode} ${path}`);
            }
          });
        }
      });
    });

    describe('registration', () => {
      test('records consent with its version, and refuses a registration without consent', async () => {
        const refused = await register(address('noconsent'), { consent: false });
        assert.equal(refused.status, 422);
        assert.ok((refused.body as ErrorBody).error.fields?.consent);
        const email = address('consent');
        assert.equal((await register(email)).status, 202);
        const rows = await db.query<{ version: string; text: string; given_at: Date }>(
          `SELECT k.version, k.text, k.given_at FROM consents k
           JOIN contacts c ON c.id = k.contact_id WHERE c.email = $1`,
          [email],
        );
        assert.equal(rows.length, 1);
        assert.equal(rows[0]?.version, '2026-11-01');
        assert.match(rows[0]?.text ?? '', /privacy notice/);
        assert.ok(Date.now() - new Date(rows[0]?.given_at ?? 0).getTime() < MINUTE);
      });

      test('signs in only after the address is confirmed; the mail escapes the name', async () => {
        const email = address('verify');
        await register(email);
        const early = await signInAnswer({ email, password: STRONG });
        assert.equal(early.status, 403);
        assert.match(early.body.error.message, /Confirm your email address first/);
        const [mail] = await mailsTo(email);
        assert.match(mail?.text_body ?? '', /http:\/\/portal\.test|http:\/\/localhost/);
        assert.match(mail?.html_body ?? '', /Rut &lt;b&gt;Berg&lt;\/b&gt;/);
        const token = await lastToken(email, 'verify');
        assert.ok(token);
        const verified = await send<Session>('/api/auth/verify', {
          method: 'POST',
          body: { token },
        });
        assert.equal(verified.status, 200, verified.text);
        sessionCookieOf(verified);
        assert.equal((await signInAnswer({ email, password: STRONG })).status, 200);
      });

      test('a taken address gets the same 202 and a mail with no link in it', async () => {
        const email = address('taken');
        await register(email);
        const again = await register(email.toUpperCase(), { name: 'Someone Else' });
        assert.equal(again.status, 202);
        assert.equal(again.text, '');
        const mails = await mailsTo(email);
        assert.equal(mails.length, 2);
        assert.match(mails[1]?.subject ?? '', /already have an account/);
        assert.doesNotMatch(mails[1]?.text_body ?? '', /#\//);
      });

      test('mail is written in the action’s transaction: a failed action leaves no mail', async () => {
        const email = address('rollback');
        // The outbox insert fails, so the registration's transaction (contact, consent, token)
        // rolls back with it.
        await db.exec(`
          CREATE FUNCTION refuse_mail() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF NEW.to_address LIKE 'rollback-%' THEN RAISE EXCEPTION 'disk full'; END IF;
            RETURN NEW;
          END $$;
          CREATE TRIGGER refuse_mail BEFORE INSERT ON mail_outbox
            FOR EACH ROW EXECUTE FUNCTION refuse_mail();`);
        try {
          assert.equal((await register(email)).status, 500);
        } finally {
          await db.exec('DROP TRIGGER refuse_mail ON mail_outbox; DROP FUNCTION refuse_mail();');
        }
        assert.deepEqual(await mailsTo(email), []);
        assert.deepEqual(await db.query('SELECT 1 FROM contacts WHERE email = $1', [email]), []);
        assert.equal((await register(email)).status, 202, 'the address is still free');
        assert.equal((await mailsTo(email)).length, 1);
      });
    });

    describe('invitations', () => {
      test('the seed invited the demo invitee', async () => {
        const [mail] = await mailsTo(DEMO_INVITEE.email);
        assert.match(
          mail?.text_body ?? '',
          /: http:\/\/portal\.test\/support\.html#\/invitation\/[\w-]{43}$/m,
        );
      });

      test('allowing a list invites its members without a password, and later members too; single use; 7 days', async () => {
        const list = await agent<{ id: string }>('/api/agent/lists', {
          method: 'POST',
          body: { name: 'Pilot' },
        });
        assert.equal(list.status, 201);
        const first = address('first');
        const member = await agent(`/api/agent/lists/${list.body.id}/members`, {
          method: 'POST',
          body: { email: first, name: 'First' },
        });
        assert.equal(member.status, 201, member.text);
        assert.deepEqual(await mailsTo(first), [], 'no invitation while the list is not allowed');
        const existing = await verifiedContact('haspassword');
        await agent(`/api/agent/lists/${list.body.id}/members`, {
          method: 'POST',
          body: { email: existing.email },
        });

        await withSettings(
          { accessMode: 'lists', allowedListIds: [DEMO_LIST.id, list.body.id] },
          async () => {
            const firstToken = await lastToken(first, 'invitation');
            assert.ok(firstToken, 'the member got an invitation');
            assert.deepEqual(await mailsTo(existing.email), [], 'who has a password needs none');
            const later = address('later');
            const added = await agent<{ invited: boolean }>(
              `/api/agent/lists/${list.body.id}/members`,
              { method: 'POST', body: { email: later } },
            );
            assert.equal(added.body.invited, true);
            const laterToken = await lastToken(later, 'invitation');
            assert.ok(laterToken);

            const expired = await send<ErrorBody>(
              '/api/auth/invitation',
              { method: 'POST', body: { token: laterToken, password: STRONG } },
              appWith({}, 7 * 24 * 60 * MINUTE + MINUTE),
            );
            assert.equal(expired.status, 404);
            assert.equal(
              expired.body.error.message,
              'This link has expired or has been used already. Ask for a new one.',
            );
            const weak = await send('/api/auth/invitation', {
              method: 'POST',
              body: { token: firstToken, password: 'short' },
            });
            assert.equal(weak.status, 422);
            const accepted = await send<Session>(
              '/api/auth/invitation',
              { method: 'POST', body: { token: firstToken, password: STRONG } },
              appWith({}, 7 * 24 * 60 * MINUTE - MINUTE),
            );
            assert.equal(accepted.status, 200, accepted.text);
            assert.equal(accepted.body.contact.email, first);
            const twice = await send('/api/auth/invitation', {
              method: 'POST',
              body: { token: firstToken, password: 'another strong one' },
            });
            assert.equal(twice.status, 404);
            assert.equal((await signInAnswer({ email: first, password: STRONG })).status, 200);
          },
        );
        const lists = await agent<{ items: { id: string; members: { email: string }[] }[] }>(
          '/api/agent/lists',
        );
        const pilot = lists.body.items.find((l) => l.id === list.body.id);
        assert.equal(pilot?.members.length, 3);
        const removed = await agent(
          `/api/agent/lists/${list.body.id}/members/${encodeURIComponent(first)}`,
          { method: 'DELETE' },
        );
        assert.equal(removed.status, 204);
      });
    });

    describe('password reset and sign-in links', () => {
      test('reset: same answer for unknown addresses, 1 hour, and it ends every other session', async () => {
        const account = await verifiedContact('reset');
        const unknown = await send('/api/auth/password-reset', {
          method: 'POST',
          body: { email: address('nobody') },
        });
        const known = await send('/api/auth/password-reset', {
          method: 'POST',
          body: { email: account.email },
        });
        assert.deepEqual([unknown.status, unknown.text], [202, '']);
        assert.deepEqual([known.status, known.text], [202, '']);
        const token = await lastToken(account.email, 'reset');
        assert.ok(token);
        const late = appWith({}, 61 * MINUTE);
        const tooLate = await send(
          '/api/auth/password',
          {
            method: 'POST',
            body: { token, password: 'a new long secret' },
          },
          late,
        );
        assert.equal(tooLate.status, 404);

        const laptop = sessionCookieOf(await signInAnswer(account));
        const phone = sessionCookieOf(await signInAnswer(account));
        const reset = await send<Session>(
          '/api/auth/password',
          { method: 'POST', body: { token, password: 'a new long secret' } },
          appWith({}, 59 * MINUTE),
        );
        assert.equal(reset.status, 200, reset.text);
        for (const cookie of [laptop, phone]) {
          assert.deepEqual((await send('/api/session', { cookie })).body, { session: null });
        }
        const fresh = sessionCookieOf(reset);
        assert.equal(
          (await send<{ session: Session }>('/api/session', { cookie: fresh })).body.session.contact
            .email,
          account.email,
        );
      });

      test('sign-in link: 15 minutes, single use, same answer for unknown addresses', async () => {
        const account = await verifiedContact('link');
        const unknown = await send('/api/auth/sign-in-link', {
          method: 'POST',
          body: { email: address('nobody') },
        });
        assert.deepEqual([unknown.status, unknown.text], [202, '']);
        await send('/api/auth/sign-in-link', { method: 'POST', body: { email: account.email } });
        const token = await lastToken(account.email, 'sign-in');
        const redeem = (on: App) =>
          send<Session>('/api/auth/sign-in-link/redeem', { method: 'POST', body: { token } }, on);
        assert.equal((await redeem(appWith({}, 16 * MINUTE))).status, 404);
        assert.equal((await redeem(appWith({}, 14 * MINUTE))).status, 200);
        assert.equal((await redeem(app)).status, 404);
      });

      test('two redeems of one link at once make exactly one session', async () => {
        const account = await verifiedContact('race');
        await send('/api/auth/sign-in-link', { method: 'POST', body: { email: account.email } });
        const token = await lastToken(account.email, 'sign-in');
        const other = appWith();
        const answers = await Promise.all(
          [app, other].map((on) =>
            send('/api/auth/sign-in-link/redeem', { method: 'POST', body: { token } }, on),
          ),
        );
        assert.deepEqual(answers.map((a) => a.status).sort(), [200, 404]);
        const [row] = await db.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM sessions s JOIN contacts c ON c.id = s.contact_id
           WHERE c.email = $1`,
          [account.email],
        );
        assert.equal(row?.count, 1);
      });
    });

    describe('rate limits', () => {
      test('failed sign-ins per address hold across two app instances, with Retry-After', async () => {
        const account = await verifiedContact('guess');
        const nodes = [appWith(), appWith()];
        for (let attempt = 0; attempt < 5; attempt += 1) {
          const node = nodes[attempt % 2] ?? app;
          assert.equal(
            (await signInAnswer({ ...account, password: `guess ${attempt}` }, node)).status,
            401,
          );
        }
        const blocked = await signInAnswer(account, nodes[1]);
        assert.equal(blocked.status, 429);
        assert.equal(blocked.body.error.code, 'rate_limited');
        assert.ok(blocked.body.error.retryAfter && blocked.body.error.retryAfter > 14 * 60);
        assert.equal(blocked.headers.get('retry-after'), String(blocked.body.error.retryAfter));
        assert.match(blocked.body.error.message, /Try again in 15 minutes/);
        assert.equal((await signInAnswer(account, appWith({}, 15 * MINUTE + 1000))).status, 200);
      });

      test('failed sign-ins per IP, and mails per address', async () => {
        const ip = freshIp();
        for (let attempt = 0; attempt < 20; attempt += 1) {
          const answer = await send('/api/session', {
            method: 'POST',
            ip,
            body: { email: address('spray'), password: 'wrong password' },
          });
          assert.equal(answer.status, 401);
        }
        const blocked = await send('/api/session', { method: 'POST', ip, body: DEMO_ACCOUNT });
        assert.equal(blocked.status, 429);
        assert.equal(
          (await send('/api/session', { method: 'POST', body: DEMO_ACCOUNT })).status,
          200,
        );

        const account = await verifiedContact('flood');
        const statuses: number[] = [];
        for (let i = 0; i < 4; i += 1) {
          const path = i % 2 ? '/api/auth/sign-in-link' : '/api/auth/password-reset';
          statuses.push(
            (await send(path, { method: 'POST', body: { email: account.email } })).status,
          );
        }
        assert.deepEqual(statuses, [202, 202, 202, 429]);
        assert.equal((await mailsTo(account.email)).length, 3);
      });

      test('behind a trusted proxy the client IP comes from X-Forwarded-For', async () => {
        const proxied = appWith({ trustProxy: true });
        const ip = freshIp();
        for (let attempt = 0; attempt < 20; attempt += 1) {
          await send(
            '/api/session',
            {
              method: 'POST',
              headers: { 'x-forwarded-for': `203.0.113.9, ${ip}` },
              body: { email: address('proxied'), password: 'wrong password' },
            },
            proxied,
          );
        }
        const blocked = await send(
          '/api/session',
          {
            method: 'POST',
            headers: { 'x-forwarded-for': ip },
            body: DEMO_ACCOUNT,
          },
          proxied,
        );
        assert.equal(blocked.status, 429);
      });
    });

    describe('origins and cookies', () => {
      const post = (headers: Record<string, string>, on: App = app) =>
        send('/api/session', { method: 'POST', body: DEMO_ACCOUNT, headers }, on);

      test('a state-changing request from a foreign origin is refused; own and allowed ones pass', async () => {
        const foreign = await post({ origin: 'https://evil.example' });
        assert.equal(foreign.status, 403);
        assert.match((foreign.body as ErrorBody).error.message, /evil\.example/);
        assert.equal((await post({ referer: 'https://evil.example/page' })).status, 403);
        assert.equal((await post({ origin: 'null' })).status, 403);
        assert.equal((await post({ origin: 'http://localhost' })).status, 200);
        assert.equal(
          (
            await post(
              { origin: 'http://portal.test' },
              appWith({ publicUrl: 'http://portal.test' }),
            )
          ).status,
          200,
        );
        assert.equal((await post({ referer: 'http://localhost/support.html' })).status, 200);
        const fromEnv = appWith({ allowedOrigins: ['https://kb.example'] });
        assert.equal((await post({ origin: 'https://kb.example' }, fromEnv)).status, 200);
        await withSettings({ allowedOrigins: ['https://help.example'] }, async () => {
          const allowed = await post({ origin: 'https://help.example' });
          assert.equal(allowed.status, 200);
          assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://help.example');
          assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
          const preflight = await send('/api/session', {
            method: 'OPTIONS',
            headers: { origin: 'https://help.example', 'access-control-request-method': 'POST' },
          });
          assert.equal(preflight.status, 204);
          assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /x-kundportal/);
        });
        const noCors = await send('/api/portal', { headers: { origin: 'https://evil.example' } });
        assert.equal(noCors.headers.get('access-control-allow-origin'), null);
      });

      test('SameSite comes from the settings; None is always Secure', async () => {
        assert.match((await post({})).headers.get('set-cookie') ?? '', /SameSite=Lax/);
        await withSettings({ sessionSameSite: 'None' }, async () => {
          const cookie = (await post({})).headers.get('set-cookie') ?? '';
          assert.match(cookie, /SameSite=None/);
          assert.match(cookie, /; Secure/);
          assert.match(cookie, /HttpOnly/);
        });
      });
    });

    describe('mail delivery', () => {
      test('the dev mailbox lists the outbox with clickable links, only when turned on', async () => {
        const email = address('mailbox');
        await register(email);
        const page = await call(appWith({ devMailbox: true }), '/dev/mailbox');
        assert.equal(page.status, 200);
        assert.match(page.headers.get('content-type') ?? '', /text\/html/);
        assert.ok(page.text.includes(email));
        assert.match(page.text, /<a href="http:\/\/localhost\/support\.html#\/verify\/[\w-]+">/);
        assert.ok(!page.text.includes('<b>Berg'), 'user-supplied text is escaped');
        assert.equal((await call(app, '/dev/mailbox')).status, 404);
      });

      test('failed deliveries are retried later with backoff, then marked sent', async () => {
        const email = address('retry');
        await register(email);
        let clock = Date.now();
        let fail = true;
        const delivered: string[] = [];
        const sender = createMailSender({
          db,
          now: () => new Date(clock),
          transport: {
            async send(mail) {
              if (mail.to !== email) return;
              if (fail) throw new Error('mail server down');
              delivered.push(mail.subject);
            },
          },
        });
        await sender.deliverPendingMail();
        const [failed] = await db.query<{
          attempts: number;
          last_error: string;
          sent_at: Date | null;
        }>('SELECT attempts, last_error, sent_at FROM mail_outbox WHERE to_address = $1', [email]);
        assert.deepEqual([failed?.attempts, failed?.sent_at], [1, null]);
        assert.match(failed?.last_error ?? '', /mail server down/);
        fail = false;
        await sender.deliverPendingMail();
        assert.deepEqual(delivered, [], 'not before the backoff');
        clock += MINUTE;
        await sender.deliverPendingMail();
        assert.equal(delivered.length, 1);
        assert.ok((await mailsTo(email))[0]?.sent_at);
        await sender.stop();
      });

      test('startServer sends queued mail over SMTP: the message arrives with the link', async () => {
        const received: string[] = [];
        const smtp = new SMTPServer({
          authOptional: true,
          disabledCommands: ['STARTTLS'],
          logger: false,
          onData(stream, _session, done) {
            let data = '';
            stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
            stream.on('end', () => {
              received.push(data);
              done();
            });
          },
        });
        await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
        const smtpPort = (smtp.server.address() as AddressInfo).port;
        const server = await startServer({
          db,
          port: 0,
          smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
          mailFrom: 'Nordlys Support <support@nordlys.example>',
          reportError: () => {},
        });
        try {
          const account = await verifiedContact('smtp');
          const answer = await fetch(`${server.url}/api/auth/password-reset`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-kundportal': '1' },
            body: JSON.stringify({ email: account.email }),
          });
          assert.equal(answer.status, 202);
          const deadline = Date.now() + 10_000;
          const forAccount = () => received.find((m) => m.includes(account.email));
          while (!forAccount() && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          const message = forAccount()?.replace(/=\r?\n/g, '') ?? '';
          assert.match(message, /Subject: Reset your password for Nordlys Support/);
          const token = await lastToken(account.email, 'reset');
          assert.ok(token && message.includes(`#/reset/${token}`), 'the link is in the mail');
          assert.ok((await mailsTo(account.email))[0]?.sent_at, 'marked sent');
        } finally {
          await server.close();
          await new Promise<void>((resolve) => smtp.close(resolve));
        }
      });
    });
  });
}

runAccessSuite('access on PGlite (in memory)', pgliteDatabase);
runAccessSuite('access on PostgreSQL', postgresDatabase, await postgresUnreachable());
