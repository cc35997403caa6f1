// Helpers for the server's node:test suites: call the app like a browser, and open the test
// databases (in-memory PGlite, and a fresh PostgreSQL database when one answers).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Session } from '@kundportal/core';
import pg from 'pg';
import type { createApp } from './app.js';
import { openDatabase, type Database } from './db.js';
import { responseChecker } from './openapi/response-check.js';

export type App = ReturnType<typeof createApp>;

export interface TestDatabase {
  db: Database;
  /** Opens the same database a second time (not possible for in-memory PGlite). */
  openAgain?: () => Promise<Database>;
  dispose(): Promise<void>;
}

export interface CallOptions {
  method?: string;
  cookie?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, for malformed bodies. */
  rawBody?: string;
  /** Add the CSRF header to state-changing requests (default true). */
  csrf?: boolean;
  headers?: Record<string, string>;
  /** The client's IP, as the socket would report it. */
  ip?: string;
}

export interface Answer<T> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** Calls the app like a browser would: JSON in, JSON out, the CSRF header on writes. */
export async function call<T = unknown>(
  app: App,
  path: string,
  options: CallOptions = {},
): Promise<Answer<T>> {
  const { method = 'GET', cookie, body, rawBody, csrf = true, ip } = options;
  const headers: Record<string, string> = { ...options.headers };
  if (cookie) headers.cookie = cookie;
  if (csrf && method !== 'GET') headers['x-kundportal'] = '1';
  if (body !== undefined || rawBody !== undefined) headers['content-type'] = 'application/json';
  const response = await app.request(
    path,
    {
      method,
      headers,
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    },
    // What @hono/node-server hands the app, as far as getConnInfo reads it.
    ip ? { incoming: { socket: { remoteAddress: ip } } } : undefined,
  );
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  assertDocumented(method, path, response, parsed);
  return { status: response.status, body: parsed as T, text, headers: response.headers };
}

let checkResponse: ReturnType<typeof responseChecker> | undefined;

/**
 * Fails the test when an answer's status or body is not what the OpenAPI document says for its
 * route. Every server test goes through here, so the document stays true.
 */
export function assertDocumented(
  method: string,
  path: string,
  response: Response,
  body: unknown,
): void {
  checkResponse ??= responseChecker();
  const problem = checkResponse({
    method: method.toUpperCase(),
    path: new URL(path, 'http://localhost').pathname,
    status: response.status,
    contentType: response.headers.get('content-type'),
    body,
  });
  assert.equal(problem, null, problem ?? '');
}

/** The `Cookie` header value for the session cookie a response set. */
export function sessionCookieOf(answer: Answer<unknown>): string {
  const cookie = answer.headers.get('set-cookie')?.split(';')[0] ?? '';
  assert.match(cookie, /^kp_session=./, 'the answer sets the session cookie');
  return cookie;
}

/** Signs in and returns the `Cookie` header value that carries the session. */
export async function signIn(
  app: App,
  account: { email: string; password: string },
): Promise<string> {
  const answer = await call<Session>(app, '/api/session', { method: 'POST', body: account });
  assert.equal(answer.status, 200, answer.text);
  return sessionCookieOf(answer);
}

/** An in-memory PGlite database. */
export async function pgliteDatabase(): Promise<TestDatabase> {
  const db = await openDatabase({ dataDir: null });
  return { db, dispose: () => db.close() };
}

const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** Why PostgreSQL cannot be used for the tests, or `undefined` when it can. */
export async function postgresUnreachable(): Promise<string | undefined> {
  const client = new pg.Client({
    connectionString: `${POSTGRES_URL}/test`,
    connectionTimeoutMillis: 2_000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${POSTGRES_URL}/test is not reachable (${(error as Error).message || String(error)})`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs `sql` on the `test` database, which hosts creating and dropping the suite's database. */
async function onTestDatabase(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${POSTGRES_URL}/test` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A new, migrated PostgreSQL database of its own (named after `prefix`, this process and a random
 * part), dropped by `dispose`.
 */
export async function postgresDatabase(
  prefix = 'kp_test',
): Promise<TestDatabase & { url: string }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onTestDatabase(`CREATE DATABASE ${name}`);
  const url = `${POSTGRES_URL}/${name}`;
  const db = await openDatabase({ url });
  return {
    db,
    url,
    openAgain: () => openDatabase({ url }),
    async dispose() {
      await db.close();
      await onTestDatabase(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
