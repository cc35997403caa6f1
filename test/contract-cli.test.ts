// `kundportal-core contract-test <api-url>` against the reference server (it meets the contract)
// and against a backend that answers some routes wrongly (it must not).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import type { LinkPurpose } from '@kundportal/core';
import { openDatabase, seedDemo, startServer, type RunningServer } from '@kundportal/server';
import { lastMailedLink } from './support/mail.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from source, as `npx @kundportal/core contract-test …` runs the built one. */
function runCli(...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'packages/core/src/cli/main.ts', ...args],
      // Generous: it only stops a hung run from hanging the suite.
      { cwd: repo, timeout: 300_000, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A fresh reference server with the demo data; mail stays in its outbox. */
async function referenceServer(): Promise<{ server: RunningServer; mailHook: string }> {
  const db = await openDatabase({ dataDir: null });
  await seedDemo(db);
  const server = await startServer({ port: 0, db, mailTransport: { send: async () => {} } });
  // The test hook a backend offers the checker: the newest link mailed to an address.
  const hook = await listen(async (url) => {
    const email = url.searchParams.get('email') ?? '';
    const purpose = url.searchParams.get('purpose') as LinkPurpose;
    return Response.json({ token: (await lastMailedLink(db, email, purpose)) ?? null });
  });
  cleanups.push(async () => {
    await hook.close();
    await server.close();
    await db.close();
  });
  return { server, mailHook: hook.url };
}

/** A loopback HTTP server answering with `answer`. */
async function listen(
  answer: (url: URL, request: Request) => Promise<Response>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) {
        headers.set(name, value);
      }
    }
    const body = chunks.length ? new Uint8Array(Buffer.concat(chunks)) : undefined;
    const response = await answer(
      url,
      new Request(url, { method: incoming.method, headers, body }),
    );
    const out: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (!['set-cookie', 'content-encoding', 'content-length'].includes(name)) out[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) out['set-cookie'] = cookies;
    outgoing.writeHead(response.status, out);
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The summary line's counts. */
function counts(stdout: string): {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
} {
  const match = /(\d+) cases: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(stdout);
  assert.ok(match, `no summary in:\n${stdout}`);
  const [, total, passed, failed, skipped] = match.map(Number);
  return { total: total!, passed: passed!, failed: failed!, skipped: skipped! };
}

describe('contract-test CLI', () => {
  it('passes the reference server, every case run', async () => {
    const { server, mailHook } = await referenceServer();
    const run = await runCli('contract-test', `${server.url}/api`, '--mail-hook', mailHook);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const { total, passed, failed, skipped } = counts(run.stdout);
    assert.ok(total >= 20, `${total} cases`);
    assert.deepEqual({ passed, failed, skipped }, { passed: total, failed: 0, skipped: 0 });
    assert.match(run.stdout, /✔ signs in by a single-use emailed link/);
    assert.match(run.stdout, /The backend meets the contract\./);
  });

  it('skips, with the reason, what needs mailed links when there is no mail hook', async () => {
    const { server } = await referenceServer();
    const run = await runCli('contract-test', `${server.url}/api`);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const { total, passed, failed, skipped } = counts(run.stdout);
    assert.equal(failed, 0);
    assert.equal(skipped, 4);
    assert.equal(passed, total - 4);
    assert.match(
      run.stdout,
      /- signs in by a single-use emailed link \(skipped: needs the links the backend mails; pass --mail-hook/,
    );
  });

  it('fails a backend that answers some routes wrongly, saying what is wrong', async () => {
    const { server, mailHook } = await referenceServer();
    // Tells "not yours" apart from "not there", and ignores the status filter.
    const wrong = await listen(async (url, request) => {
      if (request.method === 'GET' && url.pathname === '/api/tickets/1006') {
        return Response.json(
          { error: { code: 'forbidden', message: 'That ticket belongs to someone else.' } },
          { status: 403 },
        );
      }
      const upstream = new URL(url.pathname + url.search, server.url);
      if (url.pathname === '/api/tickets') upstream.searchParams.delete('status');
      return fetch(upstream, {
        method: request.method,
        headers: request.headers,
        body: request.method === 'GET' ? undefined : await request.arrayBuffer(),
        redirect: 'manual',
      });
    });
    cleanups.push(() => wrong.close());
    const run = await runCli('contract-test', `${wrong.url}/api`, '--mail-hook', mailHook);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const { total, passed, failed } = counts(run.stdout);
    // At least the two cases above; others that filter by status may fail as well.
    assert.ok(failed >= 2, run.stdout);
    assert.equal(passed, total - failed);
    assert.match(run.stdout, /✔ signs in by a single-use emailed link/);
    assert.match(run.stdout, /✖ answers "not yours" exactly like "not there"/);
    assert.match(run.stdout, /expected code not_found, got forbidden/);
    assert.match(run.stdout, /✖ filters by status and shows Open\/Closed from the stage/);
    // The failed check is quoted from the suite's source, so the backend's author sees what broke.
    assert.match(
      run.stdout,
      /This check failed \(adapter-contract\.ts:\d+\):\n\s+assert\.ok\(closed\.length/,
    );
    assert.match(run.stdout, /does not meet the contract/);
  });

  it('says so when nothing answers at the URL, and refuses bad usage', async () => {
    const gone = await listen(async () => new Response('not here', { status: 404 }));
    await gone.close();
    const unreachable = await runCli('contract-test', `${gone.url}/api`);
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /Cannot reach .*\/api\/portal/);

    const html = await listen(async () => new Response('<h1>Blog</h1>', { status: 200 }));
    cleanups.push(() => html.close());
    const notApi = await runCli('contract-test', html.url);
    assert.equal(notApi.code, 1);
    assert.match(notApi.stderr, /not the portal config as JSON/);

    const usage = await runCli('contract-test');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Usage: kundportal-core contract-test <api-url>/);
  });
});
