import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { connectPostgres, namedStatements, openDatabase, openPglite } from './db.js';
import { MIGRATIONS_DIR, runMigrations } from './migrate.js';
import { seedDemo } from './seed.js';
import { postgresDatabase, postgresUnreachable } from './test-support.js';

test('PGlite on disk keeps its data, and reopening migrates and seeds nothing twice', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'kp-pglite-'));
  try {
    const first = await openDatabase({ dataDir });
    assert.equal(first.dialect, 'pglite');
    assert.equal(await seedDemo(first), true);
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      assert.deepEqual(await runMigrations(second), []);
      assert.equal(await seedDemo(second), false);
      const [row] = await second.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM tickets',
      );
      assert.equal(row?.count, 6);
    } finally {
      await second.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('migrating a database with tickets to 007 gives every ticket its words, as a search finds them', async () => {
  const before007 = await mkdtemp(join(tmpdir(), 'kp-migrations-'));
  const db = await openPglite(null);
  try {
    const names = (await readdir(MIGRATIONS_DIR)).filter((name) => name < '007');
    await Promise.all(
      names.map((name) => copyFile(join(MIGRATIONS_DIR, name), join(before007, name))),
    );
    await runMigrations(db, before007);
    assert.equal(await seedDemo(db), true);
    assert.deepEqual(await runMigrations(db), ['007_ticket_search_words.sql']);
    // A word only in a message of ticket 1001 (see tickets.test.ts), and one from its subject.
    const found = await db.query<{ id: string }>(
      `SELECT id::text AS id FROM tickets
       WHERE search_words @@ ticket_search_prefilter('browser') AND search_words @@ 'pdf'
       ORDER BY id`,
    );
    assert.deepEqual(found, [{ id: '1001' }]);
    const [empty] = await db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM tickets WHERE search_words = ''::tsvector`,
    );
    assert.equal(empty?.count, 0);
  } finally {
    await db.close();
    await rm(before007, { recursive: true, force: true });
  }
});

test('a statement is named after its text, and past the limit goes unnamed', () => {
  const statement = namedStatements(2);
  const first = statement('SELECT $1::int', [1]);
  assert.match(first.name ?? '', /^kp_[0-9a-f]{32}$/);
  assert.deepEqual(first.values, [1]);
  assert.equal(statement('SELECT $1::int', [2]).name, first.name);
  const second = statement('SELECT $1::text', ['a']);
  assert.ok(second.name && second.name !== first.name);
  const third = statement('SELECT 3', []);
  assert.equal(third.name, undefined);
  assert.equal(third.text, 'SELECT 3');
  // Those named before the limit keep their names.
  assert.equal(statement('SELECT $1::text', ['b']).name, second.name);
});

describe('PostgreSQL', { skip: await postgresUnreachable() }, () => {
  test('each connection prepares a statement once and runs it again with new values', async () => {
    const { db, dispose } = await postgresDatabase();
    try {
      const sql = 'SELECT count(*)::int AS count FROM tickets WHERE id > $1';
      await seedDemo(db);
      await db.transaction(async (tx) => {
        assert.deepEqual(await tx.query(sql, [0]), [{ count: 6 }]);
        assert.deepEqual(await tx.query(sql, [1_000_000]), [{ count: 0 }]);
        const prepared = await tx.query<{ name: string }>(
          'SELECT name FROM pg_prepared_statements WHERE statement = $1',
          [sql],
        );
        assert.equal(prepared.length, 1);
        assert.match(prepared[0]!.name, /^kp_/);
      });
    } finally {
      await dispose();
    }
  });

  test('with prepared statements off, a connection keeps none', async () => {
    const { url, dispose } = await postgresDatabase();
    const db = connectPostgres(url, 1, { preparedStatements: false });
    try {
      const sql = 'SELECT count(*)::int AS count FROM tickets WHERE id > $1';
      await db.transaction(async (tx) => {
        assert.deepEqual(await tx.query(sql, [0]), [{ count: 0 }]);
        assert.deepEqual(await tx.query(sql, [1]), [{ count: 0 }]);
        const prepared = await tx.query<{ count: number }>(
          'SELECT count(*)::int AS count FROM pg_prepared_statements',
        );
        assert.deepEqual(prepared, [{ count: 0 }]);
      });
    } finally {
      await db.close();
      await dispose();
    }
  });
});
