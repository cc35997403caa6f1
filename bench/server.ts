// Server benchmark: the portal API at 50 concurrent connections (autocannon), beside a bare
// Hono route on the same process, on PGlite and on PostgreSQL.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import autocannon from 'autocannon';
import pg from 'pg';
import type { ChildMessage, ParentMessage } from './server-child.js';
import { benchDataSize, companyTicketIds, SEARCH_TERMS } from './server-seed.js';
import { summarize, type ResultRow, type Sample } from './stats.js';

const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const BENCH_DATABASE = 'kundportal_bench';

export interface ServerBenchOptions {
  connections: number;
  /** Seconds per measured autocannon run. */
  seconds: number;
  /** Measured runs per endpoint (after one warm-up run each). */
  runs: number;
  /** Sequential 1 MB replies measured (after two warm-up ones). */
  replies: number;
  /** Data size: 1 is 100,000 tickets (see `benchDataSize`). */
  scale: number;
  log: (line: string) => void;
}

interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  failures: number;
}

/** One endpoint under load: the path of each request is picked by `path()`. */
interface Endpoint {
  name: string;
  path: () => string;
}

const randomOf = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** The endpoints under load, picking tickets of the benchmark company at random. */
function endpoints(ids: { first: number; last: number }) {
  const companyTicket = () => ids.first + Math.floor(Math.random() * (ids.last - ids.first + 1));
  // Stages cycle by id (server-seed.ts): ids whose offset mod 6 is 3 or 5 are closed.
  const openCompanyTicket = (): number => {
    const id = companyTicket();
    return [3, 5].includes((id - 10_000) % 6) ? openCompanyTicket() : id;
  };
  const list: Endpoint[] = [
    { name: 'bare', path: () => '/bench/bare' },
    { name: 'query', path: () => '/bench/query' },
    { name: 'list', path: () => '/api/tickets?scope=company&limit=25' },
    {
      name: 'search',
      path: () =>
        `/api/tickets?scope=company&limit=25&q=${encodeURIComponent(randomOf(SEARCH_TERMS))}`,
    },
    { name: 'detail', path: () => `/api/tickets/${companyTicket()}/messages` },
  ];
  return { list, openCompanyTicket };
}

function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs autocannon against one endpoint; each connection carries its own session cookie. */
function runLoad(
  url: string,
  endpoint: Endpoint,
  cookies: readonly string[],
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let failures = 0;
    let client = 0;
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        setupClient: (c) => {
          const cookie = cookies[client++ % cookies.length]!;
          c.setRequests([
            {
              method: 'GET',
              path: endpoint.path(),
              headers: { cookie },
              setupRequest: (request) => ({ ...request, path: endpoint.path() }),
            },
          ]);
        },
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        resolve({
          rps: result.requests.total / result.duration,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          requests: result.requests.total,
          failures: failures + result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', (_client, status: number, _bytes: number, time: number) => {
      latencies.push(time);
      if (status !== 200) failures++;
    });
  });
}

/** A PNG of about `bytes` bytes (random pixels), as a screenshot attached to a reply would be. */
export function pngOfSize(bytes: number): Uint8Array<ArrayBuffer> {
  const chunk = (type: string, data: Uint8Array) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    Buffer.from(data).copy(out, 8);
    // The CRC is not checked by the server's type detection; zero keeps this dependency-free.
    return out;
  };
  const side = Math.ceil(Math.sqrt(bytes / 3));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc(bytes);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  const image = deflateSync(raw, { level: 0 }).subarray(0, bytes);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', image),
    chunk('IEND', new Uint8Array()),
  ]);
}

function replyForm(png: Uint8Array<ArrayBuffer>): FormData {
  const form = new FormData();
  form.append(
    'data',
    JSON.stringify({ text: 'Here is a screenshot.', idempotencyKey: randomUUID() }),
  );
  form.append('files', new Blob([png], { type: 'image/png' }), 'screenshot.png');
  return form;
}

async function timedPost(
  url: string,
  cookie: string,
  png: Uint8Array<ArrayBuffer>,
): Promise<number> {
  const form = replyForm(png);
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { cookie, 'x-kundportal': '1' },
    body: form,
  });
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return elapsed;
}

/** Starts the server child on PGlite (no url) or PostgreSQL and waits for it to be seeded. */
async function startChild(databaseUrl: string | null, scale: number) {
  const child = fork(CHILD, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl ?? '', BENCH_SCALE: String(scale) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server child exited with ${code}`)));
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolve(message);
      if (message.type === 'error') reject(new Error(message.message));
    });
  });
  child.removeAllListeners('exit');
  return { child, ...ready };
}

function ask(child: ChildProcess, message: ParentMessage): void {
  child.send(message);
}

/** Asks the child something and waits for its answer of the same type. */
function askAndWait<T extends ParentMessage['type'] & ChildMessage['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<ChildMessage, { type: T }>> {
  const answer = new Promise<Extract<ChildMessage, { type: T }>>((resolve) => {
    const listen = (message: ChildMessage) => {
      if (message.type === type) {
        child.off('message', listen);
        resolve(message as Extract<ChildMessage, { type: T }>);
      }
    };
    child.on('message', listen);
  });
  ask(child, { type } as ParentMessage);
  return answer;
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  ask(child, { type: 'stop' });
  const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timeout);
}

async function onPostgres(sql: string): Promise<void> {
  const client = new pg.Client({
    connectionString: `${POSTGRES}/postgres`,
    connectionTimeoutMillis: 3_000,
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Whether PostgreSQL answers; the reason when it does not. */
export async function postgresProblem(): Promise<string | undefined> {
  try {
    await onPostgres('SELECT 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${POSTGRES} does not answer (${(error as Error).message})`;
  }
}

/** Fails loudly unless the API answers what a signed-in company contact should see. */
async function checkAnswers(url: string, cookie: string, firstTicket: number): Promise<void> {
  const get = async (path: string) => {
    const response = await fetch(url + path, { headers: { cookie } });
    if (response.status !== 200)
      throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { items: unknown[] };
  };
  const list = await get('/api/tickets?scope=company&limit=25');
  const search = await get(`/api/tickets?scope=company&limit=25&q=${SEARCH_TERMS[0]}`);
  const messages = await get(`/api/tickets/${firstTicket + 1}/messages`);
  if (list.items.length !== 25 || !search.items.length || messages.items.length !== 3) {
    throw new Error(
      `unexpected answers: list ${list.items.length}, search ${search.items.length}, messages ${messages.items.length}`,
    );
  }
}

/** Runs the server benchmark on one database; returns its rows. */
export async function benchServerOn(
  label: 'PGlite' | 'PostgreSQL',
  options: ServerBenchOptions,
): Promise<{ rows: ResultRow[]; seedMs: number }> {
  const { connections, seconds, runs, log } = options;
  let databaseUrl: string | null = null;
  if (label === 'PostgreSQL') {
    await onPostgres(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await onPostgres(`CREATE DATABASE ${BENCH_DATABASE}`);
    databaseUrl = `${POSTGRES}/${BENCH_DATABASE}`;
  }
  const size = benchDataSize(options.scale);
  const ids = companyTicketIds(size);
  const { list: endpointList, openCompanyTicket } = endpoints(ids);
  log(
    `server on ${label}: seeding ${size.tickets.toLocaleString('en-US')} tickets, ${size.contacts.toLocaleString('en-US')} contacts, ${size.companies.toLocaleString('en-US')} companies`,
  );
  const { child, url, cookies, seedMs } = await startChild(databaseUrl, options.scale);
  try {
    log(`server on ${label}: seeded in ${(seedMs / 1000).toFixed(1)} s, ${url}`);
    await checkAnswers(url, cookies[0]!, ids.first);
    const results = new Map<string, LoadResult[]>(endpointList.map((e) => [e.name, []]));
    // Each run starts once the server has answered everything the last one left queued.
    const load = async (endpoint: Endpoint, runSeconds: number) => {
      await askAndWait(child, 'idle');
      return runLoad(url, endpoint, cookies, connections, runSeconds);
    };
    for (const endpoint of endpointList) await load(endpoint, 1);
    for (let run = 0; run < runs; run++) {
      // Interleaved, so the bare route and the portal see the same machine state.
      for (const endpoint of endpointList) {
        const result = await load(endpoint, seconds);
        if (result.failures) {
          throw new Error(`${endpoint.name} on ${label}: ${result.failures} failed requests`);
        }
        results.get(endpoint.name)!.push(result);
        log(
          `  ${label} ${endpoint.name} run ${run + 1}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`,
        );
      }
    }

    await askAndWait(child, 'idle');
    const png = pngOfSize(1_000_000);
    const replyUrl = () => `${url}/api/tickets/${openCompanyTicket()}/messages`;
    const replyTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let i = 0; i < options.replies + 2; i++) {
      const reply = await timedPost(replyUrl(), cookies[0]!, png);
      const bare = await timedPost(`${url}/bench/bare`, cookies[0]!, png);
      if (i >= 2) {
        replyTimes.push(reply);
        bareTimes.push(bare);
      }
    }
    const { rss } = await askAndWait(child, 'rss');

    const section = `server (${label}, ${size.tickets.toLocaleString('en-US')} tickets)`;
    const of = (name: string, key: keyof LoadResult): Sample =>
      summarize(results.get(name)!.map((r) => r[key]));
    const bare = (key: keyof LoadResult) => ({ label: 'bare route', value: of('bare', key) });
    const rows: ResultRow[] = [];
    const isPostgres = label === 'PostgreSQL';
    const target = (text: string, met: boolean) => (isPostgres ? { text, met } : undefined);
    rows.push({
      section,
      metric: `one database round trip (SELECT 1 through the pool): throughput at ${connections} connections`,
      unit: 'req/s',
      value: of('query', 'rps'),
      baseline: bare('rps'),
    });
    rows.push({
      section,
      metric: 'one database round trip: p99 latency',
      unit: 'ms',
      value: of('query', 'p99'),
      baseline: bare('p99'),
    });
    for (const name of ['list', 'search', 'detail']) {
      const rps = of(name, 'rps');
      const fraction = rps.median / of('bare', 'rps').median;
      rows.push({
        section,
        metric: `${name}: throughput at ${connections} connections`,
        unit: 'req/s',
        value: rps,
        baseline: bare('rps'),
        target: target('≥ 40% of bare', fraction >= 0.4),
      });
      rows.push({
        section,
        metric: `${name}: p50 latency`,
        unit: 'ms',
        value: of(name, 'p50'),
        baseline: bare('p50'),
      });
      if (name === 'search') {
        const p95 = of(name, 'p95');
        rows.push({
          section,
          metric: `${name}: p95 latency`,
          unit: 'ms',
          value: p95,
          baseline: bare('p95'),
          target: target('p95 ≤ 20 ms', p95.median <= 20),
        });
      }
      const p99 = of(name, 'p99');
      rows.push({
        section,
        metric: `${name}: p99 latency`,
        unit: 'ms',
        value: p99,
        baseline: bare('p99'),
        target: name === 'list' ? target('p99 ≤ 20 ms', p99.median <= 20) : undefined,
      });
    }
    rows.push({
      section,
      metric: 'reply with a 1 MB attachment (one at a time)',
      unit: 'ms',
      value: summarize(replyTimes),
      baseline: { label: 'same body to bare POST', value: summarize(bareTimes) },
    });
    rows.push({
      section,
      metric: 'server resident memory after the run (child process RSS)',
      unit: 'MB',
      value: rss / 1_000_000,
    });
    return { rows, seedMs };
  } finally {
    await stopChild(child);
    if (label === 'PostgreSQL') {
      await onPostgres(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    }
  }
}
