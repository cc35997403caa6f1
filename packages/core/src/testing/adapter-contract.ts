import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PortalAdapter } from '../adapter.js';
import { DEMO_ACCOUNT } from '../demo-data.js';
import { PortalError, type PortalErrorCode } from '../errors.js';
import type { LinkPurpose, PortalEvent, Ticket } from '../types.js';

/** A backend seeded with the demo data, reached through one kind of adapter. */
export interface ContractBackend {
  /** A new adapter with its own session (a new browser, as it were). */
  connect(): PortalAdapter;
  /** The token of the newest link of this kind mailed to this address, if any. */
  lastLink(email: string, purpose: LinkPurpose): Promise<string | undefined>;
  close(): Promise<void>;
}

async function rejectsWith(promise: Promise<unknown>, code: PortalErrorCode): Promise<PortalError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(PortalError.is(error), `expected a PortalError, got ${String(error)}`);
    assert.equal(error.code, code, `expected code ${code}, got ${error.code}: ${error.message}`);
    return error;
  }
  assert.fail(`expected the call to fail with ${code}`);
}

async function allTickets(adapter: PortalAdapter, status: 'open' | 'closed' | 'all' = 'all') {
  const tickets: Ticket[] = [];
  let cursor: string | null = null;
  do {
    const page = await adapter.listTickets({ status, cursor, limit: 2 });
    tickets.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return tickets;
}

const key = () => crypto.randomUUID();
const newAddress = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;
const STRONG_PASSWORD = 'correct horse battery';

/** What a backend under test cannot give, so the cases that need it are skipped, not passed. */
export interface ContractOptions {
  /** Why the links mailed to an address cannot be read; skips the cases that follow a link. */
  withoutMail?: string;
}

/**
 * The assertions every PortalAdapter must satisfy against a backend holding the demo data
 * (`@kundportal/core/demo`). Run it with a factory for each implementation:
 * `runAdapterContract('HttpAdapter', async () => ({ connect, close }))`.
 */
export function runAdapterContract(
  name: string,
  open: () => Promise<ContractBackend>,
  options: ContractOptions = {},
): void {
  const needsMail = { skip: options.withoutMail ?? false };
  describe(`adapter contract: ${name}`, () => {
    let backend: ContractBackend;
    let ada: PortalAdapter;

    before(async () => {
      backend = await open();
      ada = backend.connect();
      await ada.signIn(DEMO_ACCOUNT);
    });
    after(() => backend.close());

    it('serves the public portal config before sign-in', async () => {
      const config = await backend.connect().getPortal();
      assert.equal(config.enabled, true);
      assert.equal(config.title, 'Nordlys Support');
      assert.deepEqual(config.columns, ['id', 'subject', 'createdAt', 'lastActivityAt', 'status']);
      assert.ok(config.supportForm.fields.some((f) => f.name === 'subject' && f.required));
    });

    it('has no session before sign-in and refuses tickets', async () => {
      const stranger = backend.connect();
      assert.equal(await stranger.getSession(), null);
      await rejectsWith(stranger.listTickets(), 'unauthenticated');
      await rejectsWith(stranger.getTicket('1001'), 'unauthenticated');
    });

    it('refuses a wrong password and an unknown address alike', async () => {
      const a = await rejectsWith(
        backend.connect().signIn({ email: DEMO_ACCOUNT.email, password: 'wrong-password' }),
        'unauthenticated',
      );
      const b = await rejectsWith(
        backend.connect().signIn({ email: 'nobody@nowhere.example', password: 'x' }),
        'unauthenticated',
      );
      assert.equal(a.message, b.message);
    });

    it('signs in and reports the session', async () => {
      const session = await ada.getSession();
      assert.equal(session?.contact.email, DEMO_ACCOUNT.email);
      assert.equal(session?.contact.name, 'Ada Lindqvist');
      assert.ok(Date.parse(session?.expiresAt ?? '') > Date.now());
    });

    it("lists the contact's own tickets only", async () => {
      const ids = (await allTickets(ada)).map((t) => t.id);
      for (const id of ['1001', '1002', '1003', '1004', '1005']) assert.ok(ids.includes(id), id);
      assert.ok(!ids.includes('1006'), "a colleague's ticket must not be listed");
      assert.equal(new Set(ids).size, ids.length, 'paging repeats no ticket');
    });

    it('filters by status and shows Open/Closed from the stage', async () => {
      const closed = await allTickets(ada, 'closed');
      const open = await allTickets(ada, 'open');
      assert.ok(closed.length >= 2 && closed.every((t) => t.status === 'closed'));
      assert.ok(open.length >= 3 && open.every((t) => t.status === 'open'));
      const exportTicket = open.find((t) => t.id === '1001');
      assert.equal(exportTicket?.stageLabel, 'Waiting on customer');
      assert.ok(closed.some((t) => t.id === '1003' && t.stageLabel === 'Resolved'));
    });

    it('searches subjects, case-insensitively', async () => {
      const { items } = await ada.listTickets({ q: 'PDF' });
      assert.deepEqual(
        items.map((t) => t.id),
        ['1001'],
      );
      assert.deepEqual((await ada.listTickets({ q: 'Salary' })).items, []);
    });

    it('sorts by last activity, newest first by default', async () => {
      const { items } = await ada.listTickets({ limit: 100 });
      const times = items.map((t) => Date.parse(t.lastActivityAt));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
      );
      const oldestFirst = await ada.listTickets({ sort: 'createdAt', limit: 100 });
      const created = oldestFirst.items.map((t) => Date.parse(t.createdAt));
      assert.deepEqual(
        created,
        [...created].sort((a, b) => a - b),
      );
    });

    it('answers "not yours" exactly like "not there"', async () => {
      const foreign = await rejectsWith(ada.getTicket('1006'), 'not_found');
      const missing = await rejectsWith(ada.getTicket('999999'), 'not_found');
      assert.equal(foreign.message, missing.message);
      await rejectsWith(ada.listMessages('1006'), 'not_found');
      await rejectsWith(ada.reply('1006', { text: 'hi', idempotencyKey: key() }), 'not_found');
    });

    it('shows the latest thread only, and never an internal note', async () => {
      const ticket = await ada.getTicket('1001');
      assert.equal(ticket.subject, 'Invoices fail to export to PDF');
      const messages = await ada.listMessages('1001');
      const texts = messages.map((m) => m.text).join('\n');
      assert.ok(texts.includes('download never starts'));
      assert.ok(texts.includes('Which browser do you use'));
      assert.ok(!texts.includes('earlier question'), 'older threads stay hidden');
      assert.ok(!texts.includes('INTERNAL NOTE'), 'internal notes never reach the portal');
      assert.deepEqual(
        messages.map((m) => m.author.kind),
        ['customer', 'agent'],
      );
    });

    it('posts a reply once per idempotency key and moves last activity', async () => {
      const before = await ada.getTicket('1002');
      const events: PortalEvent[] = [];
      const stop = ada.subscribe((event) => events.push(event));
      const idempotencyKey = key();
      const sent = await ada.reply('1002', {
        text: '  It happened again today.  ',
        idempotencyKey,
      });
      const again = await ada.reply('1002', { text: 'It happened again today.', idempotencyKey });
      stop();
      assert.equal(sent.text, 'It happened again today.');
      assert.equal(sent.author.kind, 'customer');
      assert.equal(again.id, sent.id);
      const mine = (await ada.listMessages('1002')).filter((m) => m.id === sent.id);
      assert.equal(mine.length, 1);
      const after = await ada.getTicket('1002');
      assert.ok(Date.parse(after.lastActivityAt) > Date.parse(before.lastActivityAt));
      assert.ok(events.some((e) => e.type === 'message' && e.message.id === sent.id));
    });

    it('takes a reply on a ticket that has no conversation yet', async () => {
      assert.deepEqual(await ada.listMessages('1004'), []);
      await ada.reply('1004', { text: 'Any news on the tax table?', idempotencyKey: key() });
      const messages = await ada.listMessages('1004');
      assert.deepEqual(
        messages.map((m) => m.text),
        ['Any news on the tax table?'],
      );
    });

    it('lists a reply at once, even in a list paged through before', async () => {
      // Activity times are in milliseconds: each reply a tick after the one before.
      const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
      await tick();
      await ada.reply('1004', { text: 'One more detail.', idempotencyKey: key() });
      assert.equal((await allTickets(ada))[0]?.id, '1004');
      await tick();
      await ada.reply('1002', { text: 'Any update?', idempotencyKey: key() });
      assert.equal((await ada.listTickets()).items[0]?.id, '1002');
      assert.equal((await allTickets(ada))[0]?.id, '1002');
    });

    it('refuses empty replies and replies to closed tickets', async () => {
      const empty = await rejectsWith(
        ada.reply('1002', { text: '   ', idempotencyKey: key() }),
        'validation',
      );
      assert.ok(empty.fields.text);
      await rejectsWith(ada.reply('1005', { text: 'Reopen?', idempotencyKey: key() }), 'conflict');
      assert.equal((await ada.listMessages('1005')).length, 2);
    });

    it('files a new ticket once per idempotency key', async () => {
      const idempotencyKey = key();
      const input = {
        subject: 'Bank file rejected',
        description: 'The bank says the payment file has a bad checksum.',
        properties: { product: 'Payroll' },
        idempotencyKey,
      };
      const ticket = await ada.createTicket(input);
      const again = await ada.createTicket(input);
      assert.equal(again.id, ticket.id);
      assert.equal(ticket.status, 'open');
      assert.equal(ticket.properties.product, 'Payroll');
      const matches = (await allTickets(ada)).filter((t) => t.subject === 'Bank file rejected');
      assert.equal(matches.length, 1);
      const [first] = await ada.listMessages(ticket.id);
      assert.equal(first?.text, input.description);
    });

    it('names every field that stops a new ticket', async () => {
      const error = await rejectsWith(
        ada.createTicket({ subject: ' ', description: '', idempotencyKey: key() }),
        'validation',
      );
      assert.ok(error.fields.subject);
      assert.ok(error.fields.description);
      const bad = await rejectsWith(
        ada.createTicket({
          subject: 'x',
          description: 'y',
          properties: { product: 'Toaster' },
          idempotencyKey: key(),
        }),
        'validation',
      );
      assert.ok(bad.fields.product);
    });

    it(
      'registers with consent, and signs in only after the address is confirmed',
      needsMail,
      async () => {
        const email = newAddress('reg');
        const browser = backend.connect();
        await browser.register({
          email,
          name: 'Rut Berg',
          password: STRONG_PASSWORD,
          consent: true,
        });
        await rejectsWith(browser.signIn({ email, password: STRONG_PASSWORD }), 'forbidden');
        const token = await backend.lastLink(email, 'verify');
        assert.ok(token, 'a verification link was mailed');
        const session = await browser.verifyEmail(token);
        assert.equal(session.contact.email, email);
        assert.equal(session.contact.name, 'Rut Berg');
        assert.deepEqual((await browser.listTickets()).items, []);
        await rejectsWith(backend.connect().verifyEmail(token), 'not_found');
        const again = await backend.connect().signIn({ email, password: STRONG_PASSWORD });
        assert.equal(again.contact.email, email);
      },
    );

    it('refuses a registration without consent or with a weak password, naming the fields', async () => {
      const error = await rejectsWith(
        backend.connect().register({
          email: newAddress('nc'),
          name: 'No Consent',
          password: 'short',
          consent: false,
        }),
        'validation',
      );
      assert.ok(error.fields.consent);
      assert.ok(error.fields.password);
    });

    it(
      'answers a registration for a taken address as for a new one, and mails no link',
      needsMail,
      async () => {
        await backend.connect().register({
          email: DEMO_ACCOUNT.email,
          name: 'Impostor',
          password: STRONG_PASSWORD,
          consent: true,
        });
        assert.equal(await backend.lastLink(DEMO_ACCOUNT.email, 'verify'), undefined);
        const session = await backend.connect().signIn(DEMO_ACCOUNT);
        assert.equal(session.contact.name, 'Ada Lindqvist');
      },
    );

    it(
      'resets a password with a single-use link, answering alike for unknown addresses',
      needsMail,
      async () => {
        const email = newAddress('reset');
        const browser = backend.connect();
        await browser.register({ email, name: 'Per Ek', password: STRONG_PASSWORD, consent: true });
        await browser.verifyEmail((await backend.lastLink(email, 'verify')) ?? '');
        await backend.connect().requestPasswordReset('nobody-here@example.com');
        await backend.connect().requestPasswordReset(email);
        const token = await backend.lastLink(email, 'reset');
        assert.ok(token);
        await rejectsWith(
          backend.connect().resetPassword({ token, password: 'short' }),
          'validation',
        );
        const session = await backend
          .connect()
          .resetPassword({ token, password: 'a new long secret' });
        assert.equal(session.contact.email, email);
        await rejectsWith(
          backend.connect().resetPassword({ token, password: 'another long secret' }),
          'not_found',
        );
        await rejectsWith(
          backend.connect().signIn({ email, password: STRONG_PASSWORD }),
          'unauthenticated',
        );
        await backend.connect().signIn({ email, password: 'a new long secret' });
      },
    );

    it('signs in by a single-use emailed link', needsMail, async () => {
      const browser = backend.connect();
      await browser.requestSignInLink(DEMO_ACCOUNT.email);
      const token = await backend.lastLink(DEMO_ACCOUNT.email, 'sign-in');
      assert.ok(token);
      await rejectsWith(backend.connect().verifyEmail(token), 'not_found');
      const session = await browser.signInWithLink(token);
      assert.equal(session.contact.email, DEMO_ACCOUNT.email);
      await rejectsWith(backend.connect().signInWithLink(token), 'not_found');
      await rejectsWith(backend.connect().signInWithLink('made-up-token'), 'not_found');
    });

    it('signs out and then refuses tickets', async () => {
      const other = backend.connect();
      await other.signIn(DEMO_ACCOUNT);
      await other.signOut();
      assert.equal(await other.getSession(), null);
      await rejectsWith(other.listTickets(), 'unauthenticated');
      assert.ok((await ada.listTickets()).items.length > 0, 'other sessions stay signed in');
    });

    it("counts the open tickets waiting for the customer's reply", async () => {
      await rejectsWith(backend.connect().getTicketSummary(), 'unauthenticated');
      // By the definition: open, and the latest message the customer can see is an agent's.
      const waiting = async () => {
        const ids: string[] = [];
        for (const ticket of await allTickets(ada, 'open')) {
          const latest = (await ada.listMessages(ticket.id)).at(-1);
          if (latest?.author.kind === 'agent') ids.push(ticket.id);
        }
        return ids;
      };
      const before = await waiting();
      assert.ok(before.includes('1001'), 'ticket 1001 ends with a question from support');
      assert.deepEqual(await ada.getTicketSummary(), { awaitingReply: before.length });
      await ada.reply('1001', { text: 'Chrome on Windows.', idempotencyKey: key() });
      assert.deepEqual(
        await waiting(),
        before.filter((id) => id !== '1001'),
      );
      assert.deepEqual(await ada.getTicketSummary(), { awaitingReply: before.length - 1 });
    });
  });
}
