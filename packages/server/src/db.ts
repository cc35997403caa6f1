import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { listenPostgres } from './events/postgres-listener.js';
import { runMigrations } from './migrate.js';

/**
 * A value passed as a query parameter. Dates go as ISO strings and JSON as text, cast in the
 * SQL (`$1::timestamptz`, `$2::jsonb`), so both engines read them the same way.
 */
export type SqlValue = string | number | boolean | null;

/** What both a database and an open transaction can do. */
export interface Queryable {
  /** Runs one statement and returns its rows. */
  query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs several `;`-separated statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** The Postgres-dialect database the server runs on: embedded PGlite or PostgreSQL. */
export interface Database extends Queryable {
  readonly dialect: 'pglite' | 'postgres';
  /** Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onPayload` with each NOTIFY on `channel`, from any connection, once its transaction
   * has committed; resolves when listening, with a function that stops.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The database cannot be reached; the API answers 503 `unavailable`. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; when set, PostgreSQL is used instead of PGlite. */
  url?: string | null;
  /** PGlite data directory, relative to the working directory; `null` keeps it in memory. */
  dataDir?: string | null;
  /** Most PostgreSQL connections the server holds open at once; `DEFAULT_POOL_SIZE` if unset. */
  poolSize?: number;
  /**
   * Whether each PostgreSQL connection prepares the statements it runs (the default). Off for a
   * connection pooler that hands one server connection to many clients and cannot keep their
   * prepared statements apart, such as PgBouncer in transaction mode before version 1.21.
   */
  preparedStatements?: boolean;
}

/**
 * Enough connections that requests do not queue behind one another while each waits on the
 * network, few enough that a handful of server processes stay well under PostgreSQL's
 * `max_connections` (100 by default).
 */
export const DEFAULT_POOL_SIZE = 20;

export const DEFAULT_DATA_DIR = './.data/pglite';

/**
 * Opens PostgreSQL when a `url` is given, PGlite otherwise, and brings its schema up to date.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const db = options.url
    ? connectPostgres(options.url, options.poolSize, {
        preparedStatements: options.preparedStatements,
      })
    : await openPglite(options.dataDir === undefined ? DEFAULT_DATA_DIR : options.dataDir);
  try {
    await runMigrations(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** Embedded PGlite, on disk in `dataDir` or in memory when it is `null`. No migrations. */
export async function openPglite(dataDir: string | null): Promise<Database> {
  if (dataDir !== null) await mkdir(resolve(dataDir), { recursive: true });
  const pglite = await PGlite.create(dataDir === null ? undefined : resolve(dataDir));
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    if (pglite.closed) throw new DatabaseUnavailableError('The database is closed.');
    return run();
  };
  return {
    dialect: 'pglite',
    query: <T>(sql: string, params: readonly SqlValue[] = []) =>
      guard(async () => (await pglite.query<T>(sql, [...params])).rows),
    exec: (sql) => guard(async () => void (await pglite.exec(sql))),
    transaction: (fn) =>
      guard(() =>
        pglite.transaction((tx) =>
          fn({
            query: async <T>(sql: string, params: readonly SqlValue[] = []) =>
              (await tx.query<T>(sql, [...params])).rows,
            exec: async (sql) => void (await tx.exec(sql)),
          }),
        ),
      ),
    listen: (channel, onPayload) =>
      guard(async () => {
        const unlisten = await pglite.listen(channel, onPayload);
        return async () => {
          if (!pglite.closed) await unlisten();
        };
      }),
    close: () => pglite.close(),
  };
}

/** A PostgreSQL connection pool. No migrations; connecting happens on the first query. */
export function connectPostgres(
  url: string,
  poolSize = DEFAULT_POOL_SIZE,
  { preparedStatements = true }: { preparedStatements?: boolean | undefined } = {},
): Database {
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 5_000,
    max: poolSize,
    // The server's queries are short index reads; JIT compiling them (which PostgreSQL does
    // when a plan's estimated cost is high, as a search's is) costs far more than it saves.
    options: '-c jit=off',
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const statement = namedStatements(preparedStatements ? MAX_PREPARED_STATEMENTS : 0);
  const clientQueryable = (client: pg.PoolClient): Queryable => ({
    query: <T>(sql: string, params: readonly SqlValue[] = []) =>
      asUnavailable(async () => (await client.query(statement(sql, params))).rows as T[]),
    exec: (sql) => asUnavailable(async () => void (await client.query(sql))),
  });
  return {
    dialect: 'postgres',
    query: <T>(sql: string, params: readonly SqlValue[] = []) =>
      asUnavailable(async () => (await pool.query(statement(sql, params))).rows as T[]),
    exec: (sql) => asUnavailable(async () => void (await pool.query(sql))),
    async transaction(fn) {
      const client = await asUnavailable(() => pool.connect());
      let broken = false;
      try {
        await clientQueryable(client).exec('BEGIN');
        const result = await fn(clientQueryable(client));
        await clientQueryable(client).exec('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        // A client whose rollback failed is in an unknown state: destroy it, do not reuse it.
        client.release(broken);
      }
    },
    listen: (channel, onPayload) => asUnavailable(() => listenPostgres(url, channel, onPayload)),
    close: () => pool.end(),
  };
}

/** Most statements a pool prepares; any others are parsed and planned on every run. */
export const MAX_PREPARED_STATEMENTS = 500;

/**
 * Names each statement after its text, so a connection parses it once, on its first run, and
 * runs it again from there: PostgreSQL then plans it once for all parameters (a generic plan)
 * when that costs no more than planning it for each run, as it does for the portal's list and
 * conversation reads, whose planning took longer than their execution. The server's statements
 * are a fixed set (filter rules add a few per settings change); past `limit` of them, a
 * statement goes unnamed, so neither this map nor a connection's statements grow without end.
 */
export function namedStatements(limit = MAX_PREPARED_STATEMENTS) {
  const names = new Map<string, string>();
  return (sql: string, params: readonly SqlValue[]): pg.QueryConfig<SqlValue[]> => {
    let name = names.get(sql);
    if (name === undefined && names.size < limit) {
      name = `kp_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
      names.set(sql, name);
    }
    return name === undefined
      ? { text: sql, values: [...params] }
      : { name, text: sql, values: [...params] };
  };
}

// Socket errors and SQLSTATEs that mean "the server is not there", not "the query is wrong".
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) {
    return true;
  }
  // pg reports lost connections and connect timeouts without a code.
  return /Connection terminated|timeout exceeded when trying to connect/i.test(error.message);
}

async function asUnavailable<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUnavailable(error)) {
      throw new DatabaseUnavailableError('The database cannot be reached.', { cause: error });
    }
    throw error;
  }
}
