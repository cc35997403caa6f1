#!/usr/bin/env node
// `npx @kundportal/server`: the reference backend configured from the environment. Reads PORT,
// HOST, WORKERS, DATABASE_URL, DATABASE_POOL_SIZE, DATABASE_PREPARED_STATEMENTS, DATA_DIR,
// PUBLIC_URL, AGENT_API_KEY, ALLOWED_ORIGINS, TRUST_PROXY, SMTP_URL, MAIL_FROM, DEMO_MODE and
// STATIC_DIR (see the README's "Server settings"). Run from a checkout (`npm start`), it also
// serves the example knowledge base and the script bundle.
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { DEFAULT_POOL_SIZE, openDatabase, type Database } from './db.js';
import { DEMO_INVITEE, seedDemo } from './seed.js';
import { startServer, type RunningServer, type StaticDir } from './serve.js';
import { isLoopbackUrl } from './sso/settings.js';
import type * as DemoIdp from './dev-idp/index.js';

const env = process.env;

const port = env.PORT ? Number(env.PORT) : 8787;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${env.PORT}"`);
  process.exit(1);
}
const workers =
  env.WORKERS === 'auto' ? availableParallelism() : env.WORKERS ? Number(env.WORKERS) : 1;
if (!(Number.isInteger(workers) && workers > 0 && workers <= 256)) {
  console.error(
    `WORKERS must be a whole number from 1 to 256, or auto (one per CPU), not "${env.WORKERS}"`,
  );
  process.exit(1);
}
if (workers > 1 && !env.DATABASE_URL) {
  console.error(
    `WORKERS=${env.WORKERS} needs DATABASE_URL: PGlite lives inside one process, so only PostgreSQL can serve several`,
  );
  process.exit(1);
}
const givenPoolSize = env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined;
if (givenPoolSize !== undefined && !(Number.isInteger(givenPoolSize) && givenPoolSize > 0)) {
  console.error(
    `DATABASE_POOL_SIZE must be a whole number above 0, not "${env.DATABASE_POOL_SIZE}"`,
  );
  process.exit(1);
}
// Several processes share the default pool's connections (at least 5 each), so that many
// workers stay within PostgreSQL's max_connections; a pool size that is set is per process.
const poolSize =
  givenPoolSize ?? (workers > 1 ? Math.max(5, Math.ceil(DEFAULT_POOL_SIZE / workers)) : undefined);
const prepareSetting = env.DATABASE_PREPARED_STATEMENTS || '1';
if (prepareSetting !== '1' && prepareSetting !== '0') {
  console.error(
    `DATABASE_PREPARED_STATEMENTS must be 1 (prepare statements) or 0 (do not), not "${env.DATABASE_PREPARED_STATEMENTS}"`,
  );
  process.exit(1);
}
const hostname = env.HOST || '127.0.0.1';
const publicUrl = (env.PUBLIC_URL || `http://127.0.0.1:${port}`).replace(/\/+$/, '');
const smtpUrl = env.SMTP_URL || null;
// The dev mailbox shows live links: only for a demo, without SMTP, and on a public address
// only when DEMO_MODE=1 says so explicitly.
const loopback = ['127.0.0.1', 'localhost', '::1'].includes(hostname);
const devMailbox = !smtpUrl && env.DEMO_MODE !== '0' && (loopback || env.DEMO_MODE === '1');
// The demo identity providers let anyone sign in as anyone: never beyond this machine, whatever
// DEMO_MODE says.
const demoSso = devMailbox && loopback && isLoopbackUrl(publicUrl);
const agentApiKey =
  env.AGENT_API_KEY || (devMailbox ? randomBytes(24).toString('base64url') : null);

/**
 * Folders to serve besides the API: STATIC_DIR at `/`, and, when run from a checkout of the
 * repository, its example site, script bundle and Bootstrap, as `npm start` serves them.
 */
function staticDirs(): StaticDir[] {
  const dirs: StaticDir[] = [];
  if (env.STATIC_DIR) {
    const dir = resolve(env.STATIC_DIR);
    if (!existsSync(dir)) {
      console.error(`STATIC_DIR ${dir} does not exist`);
      process.exit(1);
    }
    dirs.push({ urlPrefix: '/', dir });
  }
  // Only the sources in a checkout have the repository around them; an installed package never.
  if (!import.meta.url.endsWith('/packages/server/src/cli.ts')) return dirs;
  const checkout = fileURLToPath(new URL('../../../', import.meta.url));
  const fromCheckout: StaticDir[] = [
    { urlPrefix: '/', dir: `${checkout}examples/kb-site` },
    { urlPrefix: '/cdn/', dir: `${checkout}dist/cdn` },
    { urlPrefix: '/vendor/bootstrap/', dir: `${checkout}node_modules/bootstrap/dist/css` },
  ];
  for (const candidate of fromCheckout) {
    const taken = dirs.some((dir) => dir.urlPrefix === candidate.urlPrefix);
    if (!taken && existsSync(candidate.dir)) dirs.push(candidate);
  }
  return dirs;
}

/**
 * Starts the demo identity providers and puts them on the sign-in page, and the demo site app's
 * secret in the JWT hand-off settings unless the site owner set up their own. They need
 * development-only packages, so the published package leaves them out: null there.
 */
async function startDemoSso(db: Database) {
  let devIdp: typeof DemoIdp;
  try {
    // Imported here, so a production server never loads the demo IdPs or their dependencies.
    devIdp = await import('./dev-idp/index.js');
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return null;
    throw error;
  }
  const started = await devIdp.startDemoIdentityProviders({ publicUrl });
  const offered = await devIdp.offerDemoProviders(db, started);
  return { ...started, offersJwt: offered.jwt };
}

const databaseOptions = {
  url: env.DATABASE_URL || null,
  dataDir: env.DATA_DIR || undefined,
  poolSize,
  preparedStatements: prepareSetting === '1',
};

type DemoIdps = NonNullable<Awaited<ReturnType<typeof startDemoSso>>>;

/** What `npm start` prints once the portal answers at `url`. */
function printWelcome(url: string, idps: DemoIdps | null): void {
  const processes = workers > 1 ? ` by ${workers} processes` : '';
  console.log(`Kundportal is running at ${url}/${processes} (links in mail point to ${publicUrl})`);
  console.log(`Sign in as ${DEMO_ACCOUNT.email} with the password ${DEMO_ACCOUNT.password}`);
  if (devMailbox) {
    console.log(
      `No SMTP_URL: mail is printed here and shown at ${publicUrl}/dev/mailbox (try ${DEMO_INVITEE.email}'s invitation)`,
    );
  }
  if (idps) {
    const jwtDemo = idps.offersJwt
      ? `; ${idps.jwtSiteAppUrl} plays your site's own app handing over by JWT`
      : ' (the JWT hand-off keeps its own settings, sso.jwt, so it has no demo)';
    console.log(
      `Single sign-on: "${idps.oidc.label}" and "${idps.saml.label}" on the sign-in page lead to demo identity providers at ${idps.url}${jwtDemo}`,
    );
    console.log(
      "  They sign you in as any address you pick; oidc-provider's warnings above are about them",
    );
  }
  if (agentApiKey && !env.AGENT_API_KEY) {
    console.log(`Agent API key for this run (set AGENT_API_KEY to fix one): ${agentApiKey}`);
  } else if (!agentApiKey) {
    console.log('No AGENT_API_KEY: the agent API under /api/agent is off');
  }
}

/** Sets the database up (schema, demo data, demo sign-on) once, before anything serves it. */
async function prepare(db: Database): Promise<DemoIdps | null> {
  await seedDemo(db, { publicUrl });
  const idps = demoSso ? await startDemoSso(db) : null;
  if (demoSso && !idps) {
    console.log('The demo identity providers are not part of this install: no demo single sign-on');
  }
  return idps;
}

/** Serves the portal from this process until SIGINT or SIGTERM. */
async function serveHere(
  db: Database,
  onListening: (server: RunningServer) => void,
  onStopped: () => Promise<void> = async () => {},
): Promise<void> {
  const server = await startServer({
    db,
    port,
    hostname,
    publicUrl,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    trustProxy: env.TRUST_PROXY === '1',
    agentApiKey,
    devMailbox,
    smtpUrl,
    mailFrom: env.MAIL_FROM || undefined,
    staticDirs: staticDirs(),
  });
  onListening(server);
  let stopping = false;
  const shutDown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (cluster.isPrimary) console.log(`${signal}: stopping`);
    await server.close();
    await onStopped();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void shutDown(signal));
  process.on('SIGTERM', (signal) => void shutDown(signal));
}

/**
 * WORKERS above 1: this process prepares the database, hosts the demo identity providers and
 * keeps `workers` server processes answering on the one port (node:cluster hands them the
 * connections), starting another when one dies. Each worker is the server as one process runs
 * it; what they share lives in PostgreSQL (sessions, rate limits, the outbox, single-use tokens)
 * and live updates reach every process by NOTIFY.
 */
async function runPrimary(): Promise<void> {
  const db = await openDatabase(databaseOptions);
  const idps = await prepare(db).finally(() => db.close());
  // The workers read their settings from the environment: the same agent key in every one.
  const workerEnv = { AGENT_API_KEY: agentApiKey ?? '' };
  const listening = new Set<Worker>();
  let stopping = false;
  let welcomed = false;
  const stopAll = async (code: number) => {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    await Promise.all(
      alive.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    await idps?.close();
    process.exit(code);
  };
  // A worker says where it serves once it does (see the worker's branch below).
  cluster.on('message', (worker, message: { serving?: string }) => {
    if (!message.serving) return;
    listening.add(worker);
    if (welcomed) console.log(`Server process ${worker.process.pid} is serving in its place`);
    else if (listening.size === workers) {
      welcomed = true;
      printWelcome(message.serving, idps);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    const started = listening.delete(worker);
    if (stopping) return;
    const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
    if (!started) {
      // It never served: the next one would fail the same way (a port taken, a bad setting).
      console.error(`A server process ${how} before it could serve; stopping`);
      void stopAll(1);
      return;
    }
    if (code === 0 && !signal) {
      // It stopped on a signal sent to it alone: the others go on, and the last one ends it all.
      if (!Object.values(cluster.workers ?? {}).some((other) => other && !other.isDead())) {
        void stopAll(0);
      }
      return;
    }
    console.error(`Server process ${worker.process.pid} ${how}; starting another`);
    cluster.fork(workerEnv);
  });
  for (let i = 0; i < workers; i++) cluster.fork(workerEnv);
  process.on('SIGINT', () => {
    if (!stopping) console.log('SIGINT: stopping');
    void stopAll(0);
  });
  process.on('SIGTERM', () => {
    if (!stopping) console.log('SIGTERM: stopping');
    void stopAll(0);
  });
}

if (workers > 1 && cluster.isPrimary) {
  await runPrimary();
} else if (cluster.isWorker) {
  // The primary prepared the database and prints what there is to know.
  await serveHere(await openDatabase(databaseOptions), (server) =>
    process.send?.({ serving: server.url }),
  );
} else {
  const db = await openDatabase(databaseOptions);
  const idps = await prepare(db);
  await serveHere(
    db,
    (server) => printWelcome(server.url, idps),
    async () => {
      await idps?.close();
    },
  );
}
