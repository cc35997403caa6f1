// Emailed links and sessions as an attacker would try them: every kind of link reused,
// expired, sent to the wrong door, guessed or tampered with; sessions planted before sign-in;
// sessions that should have ended by sign-out, reset, idleness or age. SSO token forgeries are
// tested in packages/server/src/sso/*.test.ts and test/e2e/sso.test.ts.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { LinkPurpose, Session } from '@kundportal/core';
import { SignJWT } from 'jose';
import {
  LINK_LIFETIME_MINUTES,
  issueLinkToken,
} from '../../packages/server/src/access/link-tokens.js';
import { createApp, type AppOptions } from '../../packages/server/src/app.js';
import type { Database } from '../../packages/server/src/db.js';
import {
  call,
  sessionCookieOf,
  signIn,
  type Answer,
  type App,
  type CallOptions,
  type TestDatabase,
} from '../../packages/server/src/test-support.js';
import { ADA, AGENT_KEY, OLLE, databaseEngines, seedWorld } from './security-support.js';

const MINUTE = 60_000;
const NEW_PASSWORD = 'a brand new long secret';
const JWT_SECRET = 'security-suite-jwt-secret-0123456789abcdef';

/** Where each kind of link is redeemed, and what goes with the token. */
const REDEEM: Record<LinkPurpose, { path: string; extra: Record<string, string> }> = {
  verify: { path: '/api/auth/verify', extra: {} },
  invitation: { path: '/api/auth/invitation', extra: { password: NEW_PASSWORD } },
  reset: { path: '/api/auth/password', extra: { password: NEW_PASSWORD } },
  'sign-in': { path: '/api/auth/sign-in-link/redeem', extra: {} },
};
const PURPOSES = Object.keys(REDEEM) as LinkPurpose[];

for (const engine of await databaseEngines()) {
  describe(`links and sessions on ${engine.name}`, { skip: engine.skip }, () => {
    let testDb: TestDatabase;
    let db: Database;
    let app: App;
    let checks = 0;

    /** An app on the shared database whose clock runs `offsetMs` ahead. */
    const appAt = (offsetMs: number, options: Partial<AppOptions> = {}): App =>
      createApp({
        db,
        agentApiKey: AGENT_KEY,
        reportError: () => {},
        now: () => new Date(Date.now() + offsetMs),
        ...options,
      });

    const redeem = (
      purpose: LinkPurpose,
      token: string,
      on: App = app,
      options: CallOptions = {},
    ) =>
      call<Session & { error: { code: string; message: string } }>(on, REDEEM[purpose].path, {
        method: 'POST',
        body: { token, ...REDEEM[purpose].extra },
        ...options,
      });

    /** A contact of its own per check, so one check's reset or sessions touch no other. */
    const newContact = async (label: string): Promise<string> => {
      const id = `p-${label}-${randomBytes(4).toString('hex')}`;
      await db.query(
        `INSERT INTO contacts (id, email, name, email_verified_at) VALUES ($1, $2, $3, now())`,
        [id, `${id}@example.com`, label],
      );
      return id;
    };

    const token = async (purpose: LinkPurpose, contactId?: string) =>
      issueLinkToken(db, contactId ?? (await newContact(purpose)), purpose, new Date());

    const sessionOf = async (cookie: string, on: App = app) =>
      (await call<{ session: Session | null }>(on, '/api/session', { cookie })).body.session;

    const jwtFor = (email: string) =>
      new SignJWT({ email, name: email, sub: email, jti: randomUUID() })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime('2m')
        .sign(new TextEncoder().encode(JWT_SECRET));

    before(async () => {
      testDb = await engine.open();
      db = testDb.db;
      await seedWorld(db);
      app = appAt(0);
      const patched = await call(app, '/api/agent/settings', {
        method: 'PATCH',
        csrf: false,
        headers: { authorization: `Bearer ${AGENT_KEY}` },
        body: { sso: { jwt: { secret: JWT_SECRET } } },
      });
      assert.equal(patched.status, 200, patched.text);
    });

    after(async () => {
      console.log(`[${engine.name}] link and session checks: ${checks}`);
      await testDb?.dispose();
    });

    test('every kind of link is refused reused, expired, at the wrong door, guessed or tampered, with one clear answer', async () => {
      let reference: Answer<unknown> | undefined;
      const refusals: string[] = [];
      const refused = (answer: Answer<unknown>, what: string) => {
        checks += 1;
        reference ??= answer;
        if (answer.status !== 404 || answer.text !== reference.text) {
          refusals.push(`${what}: ${answer.status} ${answer.text}`);
        }
        if (answer.headers.get('set-cookie')) refusals.push(`${what} set a cookie`);
      };
      for (const purpose of PURPOSES) {
        const used = await token(purpose);
        const first = await redeem(purpose, used);
        assert.equal(first.status, 200, `${purpose}: a fresh link works (${first.text})`);
        sessionCookieOf(first);
        refused(await redeem(purpose, used), `${purpose} reused`);

        const lifetime = LINK_LIFETIME_MINUTES[purpose] * MINUTE;
        const late = await token(purpose);
        refused(await redeem(purpose, late, appAt(lifetime + MINUTE)), `${purpose} expired`);
        // Refused for being late, it is not spent: in time it still works, once.
        assert.equal((await redeem(purpose, late, appAt(lifetime - MINUTE))).status, 200);

        for (const door of PURPOSES.filter((other) => other !== purpose)) {
          refused(await redeem(door, await token(purpose)), `${purpose} link at the ${door} door`);
        }
        const real = await token(purpose);
        const flipped = `${real.slice(0, -1)}${real.endsWith('A') ? 'B' : 'A'}`;
        refused(await redeem(purpose, flipped), `${purpose} with a changed character`);
        refused(await redeem(purpose, real.slice(0, -2)), `${purpose} cut short`);
        refused(await redeem(purpose, `${real}x`), `${purpose} lengthened`);
        refused(await redeem(purpose, real.toUpperCase()), `${purpose} in other case`);
        refused(await redeem(purpose, randomBytes(32).toString('base64url')), `${purpose} guessed`);
        // The tampered tries did not spend the real one.
        assert.equal(
          (await redeem(purpose, real)).status,
          200,
          `${purpose}: the real link still works`,
        );
      }
      const body = reference?.body as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'not_found');
      assert.match(body.error.message, /expired|used/i, 'the message says what happened');
      assert.deepEqual(refusals, []);
    });

    test('a cookie planted before sign-in is never the session after it, whichever way in', async () => {
      const olle = await signIn(app, OLLE);
      /** Each way in, signing in the browser that holds `cookie`. */
      const waysIn: [string, (cookie: string) => Promise<Answer<unknown>>][] = [
        ['password', (cookie) => call(app, '/api/session', { method: 'POST', body: ADA, cookie })],
        ...PURPOSES.map(
          (purpose) =>
            [
              `${purpose} link`,
              async (cookie: string) => redeem(purpose, await token(purpose), app, { cookie }),
            ] as [string, (cookie: string) => Promise<Answer<unknown>>],
        ),
        [
          'SSO JWT',
          async (cookie) =>
            call(app, '/api/sso/jwt', {
              method: 'POST',
              body: { token: await jwtFor(`sso-${randomBytes(4).toString('hex')}@example.com`) },
              cookie,
            }),
        ],
      ];
      for (const [way, signInWith] of waysIn) {
        for (const [planted, cookie] of [
          ['made-up', `kp_session=${randomBytes(32).toString('base64url')}`],
          ['chosen', 'kp_session=attacker-chosen-value'],
          ["another person's live", await signIn(app, OLLE)],
        ] as const) {
          checks += 1;
          const answer = await signInWith(cookie);
          assert.equal(answer.status, 200, `${way} with a ${planted} cookie: ${answer.text}`);
          const fresh = sessionCookieOf(answer);
          assert.notEqual(fresh, cookie, `${way}: a new token, not the ${planted} one`);
          assert.equal(
            await sessionOf(cookie),
            null,
            `${way}: the ${planted} cookie is no session`,
          );
          assert.ok(await sessionOf(fresh), `${way}: the new cookie is the session`);
        }
      }
      // Ending the planted session did not end anyone else's.
      assert.equal((await sessionOf(olle))?.contact.email, OLLE.email);
    });

    test('sign-out ends that session for every copy of its cookie; other devices stay signed in', async () => {
      const laptop = await signIn(app, ADA);
      const phone = await signIn(app, ADA);
      const out = await call(app, '/api/session', { method: 'DELETE', cookie: laptop });
      assert.equal(out.status, 204);
      assert.match(out.headers.get('set-cookie') ?? '', /kp_session=;.*Max-Age=0/);
      checks += 2;
      assert.equal(await sessionOf(laptop), null, 'a copy of the signed-out cookie is dead');
      assert.equal((await call(app, '/api/tickets', { cookie: laptop })).status, 401);
      assert.equal((await sessionOf(phone))?.contact.email, ADA.email);
      // Signing out again, or with a dead cookie, is harmless.
      assert.equal(
        (await call(app, '/api/session', { method: 'DELETE', cookie: laptop })).status,
        204,
      );
    });

    test('a password reset ends every session of the contact, however it was started', async () => {
      const contactId = await newContact('reset-all');
      const sessions: string[] = [];
      for (const purpose of ['sign-in', 'verify'] as const) {
        sessions.push(sessionCookieOf(await redeem(purpose, await token(purpose, contactId))));
      }
      const [row] = await db.query<{ email: string }>('SELECT email FROM contacts WHERE id = $1', [
        contactId,
      ]);
      sessions.push(
        sessionCookieOf(
          await call(app, '/api/sso/jwt', {
            method: 'POST',
            body: { token: await jwtFor(row?.email ?? '') },
          }),
        ),
      );
      for (const cookie of sessions) assert.ok(await sessionOf(cookie));
      const reset = await redeem('reset', await token('reset', contactId));
      assert.equal(reset.status, 200);
      for (const cookie of sessions) {
        checks += 1;
        assert.equal(await sessionOf(cookie), null, 'an old session survived the reset');
      }
      assert.ok(await sessionOf(sessionCookieOf(reset)), 'the reset signs in afresh');
      // The new password works and an old sign-in link does not come back to life.
      const email = row?.email ?? '';
      const signedIn = await call(app, '/api/session', {
        method: 'POST',
        body: { email, password: NEW_PASSWORD },
      });
      assert.equal(signedIn.status, 200, signedIn.text);
    });

    test('idle and absolute timeouts are the server’s, for sessions from every way in', async () => {
      const idle = (
        await call<{ idleTimeoutMinutes: number }>(app, '/api/agent/settings', {
          headers: { authorization: `Bearer ${AGENT_KEY}` },
        })
      ).body.idleTimeoutMinutes;
      const lifetime = 3 * idle;
      let clock = 0;
      const timed = createApp({
        db,
        agentApiKey: AGENT_KEY,
        reportError: () => {},
        sessionTtlMinutes: lifetime,
        now: () => new Date(Date.now() + clock),
      });
      const ways: [string, () => Promise<string>][] = [
        ['password', () => signIn(timed, ADA)],
        [
          'sign-in link',
          async () => sessionCookieOf(await redeem('sign-in', await token('sign-in'), timed)),
        ],
        [
          'SSO JWT',
          async () =>
            sessionCookieOf(
              await call(timed, '/api/sso/jwt', {
                method: 'POST',
                body: {
                  token: await jwtFor(`timeout-${randomBytes(4).toString('hex')}@example.com`),
                },
              }),
            ),
        ],
      ];
      const works = async (cookie: string) =>
        (await call(timed, '/api/tickets', { cookie })).status === 200;
      for (const [way, start] of ways) {
        clock = 0;
        const idleOne = await start();
        clock = (idle - 1) * MINUTE;
        assert.ok(await works(idleOne), `${way}: in use within the idle timeout`);
        clock += (idle + 1) * MINUTE;
        assert.ok(
          !(await works(idleOne)),
          `${way}: idle past the timeout, whatever the cookie says`,
        );

        clock = 0;
        const busy = await start();
        // Used every half idle period: never idle, yet over at the absolute lifetime.
        for (let at = 0; at < lifetime; at += idle / 2) {
          clock = at * MINUTE;
          assert.ok(await works(busy), `${way}: active at ${at} minutes`);
        }
        clock = (lifetime - 1) * MINUTE;
        assert.ok(await works(busy), `${way}: active a minute before the end`);
        clock = (lifetime + 1) * MINUTE;
        assert.ok(!(await works(busy)), `${way}: past the absolute lifetime`);
        assert.equal(await sessionOf(busy, timed), null);
        checks += 2;
      }
    });
  });
}
