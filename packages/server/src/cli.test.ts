import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { postgresDatabase, postgresUnreachable } from './test-support.js';

// The server as `npx @kundportal/server` (and `npm start`) runs it, configured from the
// environment: one process, or WORKERS of them on one port.

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const AGENT_KEY = 'cli-test-agent-key-0123456789abcdef';

/** The CLI in a process of its own, its output collected as it comes. */
function startCli(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DEMO_MODE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => output };
}

/** Waits until `check()` holds, or fails saying what it waited for. */
async function waitFor<T>(what: string, check: () => T | undefined, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Ids of the live processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command's closing parenthesis: state, then the parent's id.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(parent) === pid && state !== 'Z') children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children.sort();
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A request on a connection of its own, so the cluster may hand it to any process. */
function fresh(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      agent: false,
    });
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer from ${url} in 15 s`)));
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.end(options.body);
  });
}

test('WORKERS above 1 without DATABASE_URL stops with a clear error before starting anything', async () => {
  const cli = startCli({ WORKERS: '2', DATABASE_URL: '' });
  assert.equal(await cli.exited, 1);
  assert.match(cli.output(), /WORKERS=2 needs DATABASE_URL: PGlite lives inside one process/);
});

test('WORKERS that is not a number of processes is refused by name', async () => {
  for (const value of ['two', '0', '1.5']) {
    const cli = startCli({ WORKERS: value, DATABASE_URL: '' });
    assert.equal(await cli.exited, 1, value);
    assert.match(
      cli.output(),
      new RegExp(
        `WORKERS must be a whole number from 1 to 256, or auto .*"${value.replace('.', '\\.')}"`,
      ),
    );
  }
});

const unreachable = await postgresUnreachable();

describe('WORKERS=2 on PostgreSQL', { skip: unreachable }, () => {
  let database: Awaited<ReturnType<typeof postgresDatabase>>;
  let cli: ReturnType<typeof startCli>;
  let url: string;

  before(async () => {
    database = await postgresDatabase('kp_cli');
    cli = startCli({ WORKERS: '2', DATABASE_URL: database.url, AGENT_API_KEY: AGENT_KEY });
    url = await waitFor(
      'the welcome line',
      () => cli.output().match(/Kundportal is running at (http:\/\/\S+?)\/ by 2 processes/)?.[1],
    );
  });

  after(async () => {
    if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    await database.dispose();
  });

  test('two processes answer on one port and share sessions and the agent key; a dead one is replaced; SIGTERM stops them all', async () => {
    const first = await waitFor('two server processes', () => {
      const pids = childrenOf(cli.child.pid!);
      return pids.length === 2 ? pids : undefined;
    });

    const signIn = await fresh(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kundportal': '1' },
      body: JSON.stringify({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password }),
    });
    assert.equal(signIn.status, 200, signIn.body);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    // Each on a new connection: whichever process takes it knows the session and the key.
    const listTickets = async () => {
      const list = await fresh(`${url}/api/tickets`, { headers: { cookie } });
      assert.equal(list.status, 200, list.body);
      assert.ok((JSON.parse(list.body) as { items: unknown[] }).items.length > 0);
    };
    for (let i = 0; i < 6; i++) await listTickets();
    for (let i = 0; i < 4; i++) {
      const settings = await fresh(`${url}/api/agent/settings`, {
        headers: { authorization: `Bearer ${AGENT_KEY}` },
      });
      assert.equal(settings.status, 200, settings.body);
    }

    // Each process in turn dies; the other goes on answering and a new one takes its place.
    let current = first;
    for (const victim of first) {
      const previous = current;
      process.kill(victim, 'SIGKILL');
      await waitFor('the primary to see it die', () =>
        cli.output().includes(`Server process ${victim} was stopped by SIGKILL; starting another`),
      );
      await listTickets();
      current = await waitFor('a replacement process', () => {
        const pids = childrenOf(cli.child.pid!);
        return pids.length === 2 && !pids.includes(victim) ? pids : undefined;
      });
      const replacement = current.find((pid) => !previous.includes(pid))!;
      await waitFor('the replacement to serve', () =>
        cli.output().includes(`Server process ${replacement} is serving in its place`),
      );
      for (let i = 0; i < 4; i++) await listTickets();
    }
    assert.equal(current.filter((pid) => first.includes(pid)).length, 0, 'both replaced');

    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 0);
    await waitFor(
      'every server process to end',
      () => current.every((pid) => !alive(pid)) || undefined,
      10_000,
    );
  });
});
