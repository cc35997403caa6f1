import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from './password.js';

test('a password hash is salted scrypt in the scrypt$N$r$p$salt$hash format', async () => {
  const first = await hashPassword('correct horse');
  const second = await hashPassword('correct horse');
  assert.match(first, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  assert.notEqual(first, second, 'each hash has its own salt');
  assert.doesNotMatch(first, /correct horse/);
});

test('only the right password verifies; a missing or garbled hash never does', async () => {
  const stored = await hashPassword('correct horse');
  assert.equal(await verifyPassword('correct horse', stored), true);
  assert.equal(await verifyPassword('correct horse ', stored), false);
  assert.equal(await verifyPassword('correct horse', null), false);
  assert.equal(await verifyPassword('correct horse', 'md5$abc'), false);
});
