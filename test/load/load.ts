// Simulated customers against the reference server on a throwaway PostgreSQL database: each
// browses their tickets, searches, opens a ticket, replies with two attachments under a fresh
// idempotency key and sends that reply again, as a browser does when an answer is lost. Then
// the database is counted against what the server acknowledged, and sign-in guessing and mail
// flooding are tried against the same server.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import type { Database } from '../../packages/server/src/db.js';
import { seedDemo } from '../../packages/server/src/seed.js';
import { startSession } from '../../packages/server/src/sessions.js';
import { postgresDatabase, type TestDatabase } from '../../packages/server/src/test-support.js';
import type { RunnerMessage, ServerMessage } from './server-child.js';

const SERVER = fileURLToPath(new URL('./server-child.ts', import.meta.url));
const SEARCH_WORDS = ['invoice', 'export', 'payroll', 'login', 'screen', 'report'];
/** The smallest PNG there is: one transparent pixel. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const MB = 1024 * 1024;

export interface LoadOptions {
  customers: number;
  seconds: number;
  /** Progress lines, to stderr in the command. */
  log?: (line: string) => void;
}

export interface AbuseResult {
  what: string;
  attempts: number;
  /** The attempt (1-based) that first got 429, or `null` when none did. */
  throttledAt: number | null;
  /** `Retry-After` of the first 429, in seconds. */
  retryAfter: number | null;
}

export interface LoadResult {
  customers: number;
  seconds: number;
  cores: number;
  requests: number;
  requestsPerSecond: number;
  statuses: Record<string, number>;
  serverErrors: number;
  /** Requests that got no answer at all (timeouts, resets). */
  errors: number;
  /** Replies sent under a new key, and those the server acknowledged with 201. */
  sent: number;
  acknowledged: number;
  /** Replies sent again under their key and answered 200 with the same message. */
  resentSame: number;
  /** Replies sent again under their key and answered with anything else. */
  resentDifferent: number;
  /** Acknowledged replies missing from the database. */
  lost: number;
  /** Keys stored more than once, and acknowledged replies stored without both their files. */
  duplicated: number;
  incomplete: number;
  /** Replies sent whose answer never came, found stored anyway (a client would resend them). */
  storedUnacknowledged: number;
  rss: { start: number; warm: number; end: number; max: number; samples: number[] };
  /** End RSS within a quarter of the RSS once warmed up (a quarter into the run). */
  memoryFlat: boolean;
  abuse: AbuseResult[];
  unexpectedServerErrors: string[];
}

interface Customer {
  cookie: string;
  ticketId: string;
}

/** What one round of a customer's requests on a connection remembers. */
interface Round {
  customer?: Customer;
  /** The idempotency key of the round's reply. */
  key?: string;
}

/** Where the server process is, and how to ask it things. */
interface ServerProcess {
  url: string;
  rss(): Promise<number>;
  stop(): Promise<string[]>;
}

function startServerProcess(databaseUrl: string): Promise<ServerProcess> {
  const child: ChildProcess = fork(SERVER, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, LOAD_DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends ServerMessage['type']>(type: T) =>
    new Promise<Extract<ServerMessage, { type: T }>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the server exited (${code})`));
      const onMessage = (message: ServerMessage) => {
        if (message.type === 'failed') reject(new Error(message.message));
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as Extract<ServerMessage, { type: T }>);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const tell = (message: RunnerMessage) => child.send(message);
  return next('ready').then(({ url }) => ({
    url,
    async rss() {
      const answer = next('rss');
      tell({ type: 'rss' });
      return (await answer).rss;
    },
    async stop() {
      const answer = next('stopped');
      tell({ type: 'stop' });
      return (await answer).unexpectedErrors;
    },
  }));
}

/** The load's customers: contacts with a session and an open ticket each, made directly. */
async function seedCustomers(db: Database, url: string, count: number): Promise<Customer[]> {
  const now = new Date();
  const limits = { idleMinutes: 24 * 60, lifetimeMinutes: 24 * 60 };
  const customers: Customer[] = [];
  for (let i = 0; i < count; i += 1) {
    const contact = {
      id: `p-load-${i}`,
      email: `customer-${i}@load.example`,
      name: `Customer ${i}`,
      companyId: null,
    };
    await db.query(
      `INSERT INTO contacts (id, email, name, email_verified_at) VALUES ($1, $2, $3, now())`,
      [contact.id, contact.email, contact.name],
    );
    const { token } = await startSession(db, contact, now, limits);
    customers.push({ cookie: `kp_session=${token}`, ticketId: '' });
  }
  // Each files a ticket through the API, as a customer would, ten at a time.
  for (let i = 0; i < customers.length; i += 10) {
    await Promise.all(
      customers.slice(i, i + 10).map(async (customer, j) => {
        const word = SEARCH_WORDS[(i + j) % SEARCH_WORDS.length];
        const response = await fetch(`${url}/api/tickets`, {
          method: 'POST',
          headers: {
            cookie: customer.cookie,
            'x-kundportal': '1',
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            subject: `The ${word} page fails (${i + j})`,
            description: `Every time I open the ${word} page it fails.`,
            idempotencyKey: randomUUID(),
          }),
        });
        if (response.status !== 201)
          throw new Error(`seeding: ${response.status} ${await response.text()}`);
        customer.ticketId = ((await response.json()) as { id: string }).id;
      }),
    );
  }
  return customers;
}

/** A reply as HttpAdapter sends it with files: a `data` JSON part and two `files` parts. */
function replyBody(key: string): { body: Buffer; contentType: string } {
  const boundary = `----load${randomBytes(8).toString('hex')}`;
  const part = (headers: string, content: Buffer | string) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`),
      Buffer.from(content),
      Buffer.from('\r\n'),
    ]);
  const csv = `row,value\n${Array.from({ length: 400 }, (_, i) => `${i},${key}`).join('\n')}\n`;
  const body = Buffer.concat([
    part(
      'Content-Disposition: form-data; name="data"',
      JSON.stringify({ text: `Load reply ${key}`, idempotencyKey: key }),
    ),
    part(
      'Content-Disposition: form-data; name="files"; filename="screen.png"\r\nContent-Type: image/png',
      PNG,
    ),
    part(
      'Content-Disposition: form-data; name="files"; filename="log.csv"\r\nContent-Type: text/csv',
      csv,
    ),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Tries `attempt` until the server answers 429, at most `max` times. */
async function untilThrottled(
  what: string,
  max: number,
  attempt: (i: number) => Promise<Response>,
): Promise<AbuseResult> {
  for (let i = 1; i <= max; i += 1) {
    const response = await attempt(i);
    await response.arrayBuffer();
    if (response.status === 429) {
      return {
        what,
        attempts: i,
        throttledAt: i,
        retryAfter: Number(response.headers.get('retry-after')) || null,
      };
    }
  }
  return { what, attempts: max, throttledAt: null, retryAfter: null };
}

async function tryAbuse(url: string): Promise<AbuseResult[]> {
  // All from this machine: the per-IP limits count every attempt below together.
  const post = (path: string, body: object) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'x-kundportal': '1', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return [
    await untilThrottled('guessing one address’s password', 30, (i) =>
      post('/api/session', { email: DEMO_ACCOUNT.email, password: `guess number ${i}` }),
    ),
    await untilThrottled('guessing passwords of many addresses from one IP', 60, (i) =>
      post('/api/session', { email: `someone-${i}@load.example`, password: `guess ${i}` }),
    ),
    await untilThrottled('flooding one inbox with reset mails', 30, () =>
      post('/api/auth/password-reset', { email: DEMO_ACCOUNT.email }),
    ),
    await untilThrottled('flooding many inboxes from one IP', 60, (i) =>
      post('/api/auth/password-reset', { email: `customer-${i}@load.example` }),
    ),
  ];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the whole load on a throwaway PostgreSQL database, which it drops at the end. */
export async function runLoad({
  customers: count,
  seconds,
  log = () => {},
}: LoadOptions): Promise<LoadResult> {
  let testDb: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  try {
    testDb = await postgresDatabase('kp_load');
    const { db, url: databaseUrl } = testDb as TestDatabase & { url: string };
    await seedDemo(db);
    server = await startServerProcess(databaseUrl);
    log(`server at ${server.url}; seeding ${count} customers`);
    const customers = await seedCustomers(db, server.url, count);
    const running = server;

    const statuses: Record<string, number> = {};
    const sent = new Set<string>();
    const acknowledged = new Map<string, string>();
    let resentSame = 0;
    let resentDifferent = 0;
    let nextCustomer = 0;
    const countStatus = (status: number) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
    };
    /**
     * One request of a customer's round: autocannon starts every round on a connection with a
     * fresh context, which takes the next customer; the round's requests go with their cookie.
     */
    const step = (
      method: 'GET' | 'POST',
      path: (customer: Customer) => string,
      onResponse: (status: number, body: string, round: Round) => void = countStatus,
      body?: (round: Round) => string,
    ): autocannon.Request => ({
      method,
      setupRequest: (request, context) => {
        const round = context as Round;
        round.customer ??= customers[nextCustomer++ % customers.length];
        const customer = round.customer!;
        const headers = { ...request.headers, cookie: customer.cookie };
        if (!body) return { ...request, path: path(customer), headers };
        const reply = replyBody(body(round));
        return {
          ...request,
          path: path(customer),
          body: reply.body,
          headers: { ...headers, 'content-type': reply.contentType, 'x-kundportal': '1' },
        };
      },
      onResponse: (status, text, context) => onResponse(status, text, context as Round),
    });
    const word = () => SEARCH_WORDS[Math.floor(Math.random() * SEARCH_WORDS.length)];
    const repliesTo = (customer: Customer) => `/api/tickets/${customer.ticketId}/messages`;

    const rss: number[] = [await running.rss()];
    const sampler = setInterval(() => void running.rss().then((value) => rss.push(value)), 1000);
    log(`${count} customers for ${seconds} s`);
    const instance = autocannon({
      url: running.url,
      connections: count,
      duration: seconds,
      timeout: 30,
      requests: [
        step('GET', () => '/api/tickets?limit=25'),
        step('GET', () => `/api/tickets?q=${word()}`),
        step('GET', (customer) => `/api/tickets/${customer.ticketId}`),
        step('GET', repliesTo),
        step(
          'POST',
          repliesTo,
          (status, text, round) => {
            countStatus(status);
            if (status === 201 && round.key) {
              acknowledged.set(round.key, (JSON.parse(text) as { id: string }).id);
            }
          },
          (round) => {
            round.key = `load-${randomUUID()}`;
            sent.add(round.key);
            return round.key;
          },
        ),
        // The same reply again, as after a lost answer: the same message, not a second one.
        step(
          'POST',
          repliesTo,
          (status, text, round) => {
            countStatus(status);
            const first = round.key ? acknowledged.get(round.key) : undefined;
            if (!first) return;
            if (status === 200 && (JSON.parse(text) as { id: string }).id === first) {
              resentSame += 1;
            } else resentDifferent += 1;
          },
          (round) => round.key ?? 'no-key',
        ),
      ],
    });
    const result = await instance;
    clearInterval(sampler);
    rss.push(await running.rss());
    log(`load done: ${result.requests.total} requests; counting the database`);

    const rows = await db.query<{ key: string; copies: number; files: number }>(
      `SELECT m.idempotency_key AS key, count(DISTINCT m.id)::int AS copies, count(a.id)::int AS files
       FROM messages m LEFT JOIN attachments a ON a.message_id = m.id
       WHERE m.idempotency_key LIKE 'load-%' GROUP BY m.idempotency_key`,
    );
    const stored = new Map(rows.map((row) => [row.key, row]));
    let lost = 0;
    let incomplete = 0;
    for (const key of acknowledged.keys()) {
      const row = stored.get(key);
      if (!row) lost += 1;
      else if (row.files !== 2 * row.copies) incomplete += 1;
    }
    const duplicated = rows.filter((row) => row.copies > 1).length;
    const storedUnacknowledged = rows.filter((row) => !acknowledged.has(row.key)).length;

    log('trying sign-in guessing and mail flooding');
    const abuse = await tryAbuse(running.url);
    const unexpectedServerErrors = await running.stop();
    server = undefined;

    const quarter = rss[Math.max(1, Math.floor(rss.length / 4))] ?? rss[0]!;
    const end = rss.at(-1)!;
    const serverErrors = Object.entries(statuses)
      .filter(([status]) => Number(status) >= 500)
      .reduce((sum, [, n]) => sum + n, 0);
    return {
      customers: count,
      seconds,
      cores: cpus().length,
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      statuses,
      serverErrors,
      errors: result.errors + result.timeouts,
      sent: sent.size,
      acknowledged: acknowledged.size,
      resentSame,
      resentDifferent,
      lost,
      duplicated,
      incomplete,
      storedUnacknowledged,
      rss: { start: rss[0]!, warm: quarter, end, max: Math.max(...rss), samples: rss },
      memoryFlat: end <= quarter * 1.25,
      abuse,
      unexpectedServerErrors,
    };
  } finally {
    await server?.stop().catch(() => []);
    await testDb?.dispose();
    await sleep(0);
  }
}

/** The result as the lines `npm run test:load` prints. */
export function describeLoad(result: LoadResult): string[] {
  const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
  const statuses = Object.entries(result.statuses)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  return [
    `load: ${result.customers} concurrent customers for ${result.seconds} s on PostgreSQL (${result.cores} cores, shared)`,
    `requests: ${result.requests} (${result.requestsPerSecond}/s; ${statuses}); 5xx: ${result.serverErrors}; errors (no answer): ${result.errors}`,
    `replies with 2 attachments sent: ${result.sent}, acknowledged: ${result.acknowledged}; sent again under their key: ${result.resentSame} answered with the same message, ${result.resentDifferent} otherwise`,
    `in the database: lost ${result.lost}, duplicated ${result.duplicated}, missing files ${result.incomplete}, stored but never acknowledged ${result.storedUnacknowledged}`,
    `server RSS: start ${mb(result.rss.start)}, warm ${mb(result.rss.warm)}, end ${mb(result.rss.end)}, max ${mb(result.rss.max)} (${result.rss.samples.length} samples): ${result.memoryFlat ? 'flat' : 'growing'}`,
    ...result.abuse.map(
      (abuse) =>
        `abuse: ${abuse.what}: ${abuse.throttledAt ? `throttled at attempt ${abuse.throttledAt} (429, Retry-After ${abuse.retryAfter} s)` : `never throttled in ${abuse.attempts} attempts`}`,
    ),
    `unexpected server errors: ${result.unexpectedServerErrors.length}`,
  ];
}

/** What is wrong with a run: empty when it passed. */
export function loadProblems(
  result: LoadResult,
  { requireFlatMemory }: { requireFlatMemory: boolean },
): string[] {
  const problems: string[] = [];
  if (result.serverErrors) problems.push(`${result.serverErrors} answers were 5xx`);
  if (result.errors) problems.push(`${result.errors} requests got no answer`);
  if (!result.acknowledged) problems.push('no reply was acknowledged');
  if (result.lost) problems.push(`${result.lost} acknowledged replies are lost`);
  if (result.duplicated) problems.push(`${result.duplicated} replies are stored twice`);
  if (result.incomplete) problems.push(`${result.incomplete} replies miss files`);
  if (result.resentDifferent)
    problems.push(`${result.resentDifferent} resent replies got another answer`);
  if (result.unexpectedServerErrors.length) problems.push('the server reported unexpected errors');
  for (const abuse of result.abuse) {
    if (!abuse.throttledAt || !abuse.retryAfter) problems.push(`${abuse.what} was not throttled`);
  }
  if (requireFlatMemory && !result.memoryFlat) problems.push('the server’s memory kept growing');
  return problems;
}
