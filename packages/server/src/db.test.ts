import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from './db.js';
import { runMigrations } from './migrate.js';
import { seedDemo } from './seed.js';

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
