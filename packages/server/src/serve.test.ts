import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { connectPostgres } from './db.js';
import { startServer } from './serve.js';

test('the server listens on a free port, serves static folders by prefix and the API', async () => {
  const site = await mkdtemp(join(tmpdir(), 'kp-site-'));
  const cdn = join(site, 'cdn-build');
  await mkdir(cdn);
  await writeFile(join(site, 'index.html'), '<h1>Knowledge base</h1>');
  await writeFile(join(cdn, 'kundportal.js'), 'export {};');
  // No database is needed to show that /api reaches the app: it answers 503 without one.
  const db = connectPostgres('postgres://postgres@127.0.0.1:1/nowhere');
  const server = await startServer({
    db,
    port: 0,
    reportError: () => {},
    staticDirs: [
      { urlPrefix: '/', dir: site },
      { urlPrefix: '/cdn/', dir: cdn },
    ],
  });
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.doesNotMatch(server.url, /:0$/);
    const page = await fetch(`${server.url}/`);
    assert.equal(await page.text(), '<h1>Knowledge base</h1>');
    const script = await fetch(`${server.url}/cdn/kundportal.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    const api = await fetch(`${server.url}/api/portal`);
    assert.equal(api.status, 503);
    assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'unavailable');
  } finally {
    await server.close();
    await db.close();
    await rm(site, { recursive: true, force: true });
  }
});
