import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Queryable } from './db.js';
import { cachedPortalSettings, forgetCachedPortalSettings } from './portal-settings.js';
import { demoSettings } from './seed.js';

/** The stored row of the demo settings under another title. */
const row = (title: string) => ({ settings: { ...demoSettings(), title } });

/**
 * A database whose settings reads wait until `answer` is called: counts the reads, and answers
 * each with the title it is given then.
 */
function slowSettingsDb() {
  const waiting: ((title: string) => void)[] = [];
  const db: Queryable = {
    query: <T>() =>
      new Promise<T[]>((resolve) => {
        waiting.push((title) => resolve([row(title)] as T[]));
      }),
    exec: async () => {},
  };
  const answer = (title: string) => {
    const next = waiting.shift();
    assert.ok(next, 'a settings read is waiting');
    next(title);
  };
  return { db, answer, reads: () => waiting.length };
}

test('requests that find the settings out of date share one read of them', async () => {
  const { db, answer, reads } = slowSettingsDb();
  const requests = Array.from({ length: 50 }, () => cachedPortalSettings(db));
  assert.equal(reads(), 1);
  answer('First');
  const settings = await Promise.all(requests);
  assert.ok(settings.every((each) => each.title === 'First'));
  // The copy is kept: no read at all now.
  assert.equal((await cachedPortalSettings(db)).title, 'First');
  assert.equal(reads(), 0);
});

test('a read begun before a change is not shared with requests that come after it', async () => {
  const { db, answer, reads } = slowSettingsDb();
  const before = cachedPortalSettings(db);
  forgetCachedPortalSettings();
  const after = cachedPortalSettings(db);
  assert.equal(reads(), 2);
  answer('Old');
  answer('New');
  assert.equal((await before).title, 'Old');
  assert.equal((await after).title, 'New');
  // Only the read begun after the change is kept.
  assert.equal((await cachedPortalSettings(db)).title, 'New');
  assert.equal(reads(), 0);
});

test('a failed read fails the requests that waited for it, and the next request reads again', async () => {
  let fail = true;
  let count = 0;
  const db: Queryable = {
    query: async <T>() => {
      count++;
      if (fail) throw new Error('connection lost');
      return [row('Back')] as T[];
    },
    exec: async () => {},
  };
  const results = await Promise.allSettled([cachedPortalSettings(db), cachedPortalSettings(db)]);
  assert.deepEqual(
    results.map((result) => result.status),
    ['rejected', 'rejected'],
  );
  assert.equal(count, 1);
  fail = false;
  assert.equal((await cachedPortalSettings(db)).title, 'Back');
  assert.equal(count, 2);
});
