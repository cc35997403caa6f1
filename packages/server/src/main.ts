import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { openDatabase } from './db.js';
import { DEMO_INVITEE, seedDemo } from './seed.js';
import { startServer } from './serve.js';
import { isLoopbackUrl } from './sso/settings.js';

// Command line entry: `node --import tsx packages/server/src/main.ts`. Reads PORT, HOST,
// DATABASE_URL, DATA_DIR, PUBLIC_URL, AGENT_API_KEY, ALLOWED_ORIGINS, TRUST_PROXY, SMTP_URL,
// MAIL_FROM and DEMO_MODE from the environment (see the README's "Server settings").

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const env = process.env;

const port = env.PORT ? Number(env.PORT) : 8787;
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

const db = await openDatabase({
  url: env.DATABASE_URL || null,
  dataDir: env.DATA_DIR || undefined,
});
await seedDemo(db, { publicUrl });
const idps = demoSso ? await startDemoSso() : null;
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
  staticDirs: [
    { urlPrefix: '/', dir: `${repoRoot}examples/kb-site` },
    { urlPrefix: '/cdn/', dir: `${repoRoot}dist/cdn` },
    { urlPrefix: '/vendor/bootstrap/', dir: `${repoRoot}node_modules/bootstrap/dist/css` },
  ],
});

console.log(`Kundportal is running at ${server.url}/ (links in mail point to ${publicUrl})`);
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

/**
 * Starts the demo identity providers and puts them on the sign-in page, and the demo site app's
 * secret in the JWT hand-off settings unless the site owner set up their own.
 */
async function startDemoSso() {
  // Imported here, so a production server never loads the demo IdPs or their dev dependencies.
  const { startDemoIdentityProviders, offerDemoProviders } = await import('./dev-idp/index.js');
  const started = await startDemoIdentityProviders({ publicUrl });
  const offered = await offerDemoProviders(db, started);
  return { ...started, offersJwt: offered.jwt };
}

let stopping = false;
async function shutDown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  await server.close();
  await idps?.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', (signal) => void shutDown(signal));
process.on('SIGTERM', (signal) => void shutDown(signal));
