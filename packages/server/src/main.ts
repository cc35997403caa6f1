import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { openDatabase } from './db.js';
import { seedDemo } from './seed.js';
import { startServer } from './serve.js';

// Command line entry: `node --import tsx packages/server/src/main.ts`.
// Reads PORT, HOST, DATABASE_URL and DATA_DIR from the environment.

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const db = await openDatabase({
  url: process.env.DATABASE_URL || null,
  dataDir: process.env.DATA_DIR || undefined,
});
await seedDemo(db);
const server = await startServer({
  db,
  port: process.env.PORT ? Number(process.env.PORT) : undefined,
  hostname: process.env.HOST || undefined,
  staticDirs: [
    { urlPrefix: '/', dir: `${repoRoot}examples/kb-site` },
    { urlPrefix: '/cdn/', dir: `${repoRoot}dist/cdn` },
  ],
});

console.log(`Kundportal is running at ${server.url}/`);
console.log(`Sign in as ${DEMO_ACCOUNT.email} with the password ${DEMO_ACCOUNT.password}`);

let stopping = false;
async function shutDown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  await server.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', (signal) => void shutDown(signal));
process.on('SIGTERM', (signal) => void shutDown(signal));
