import { fileURLToPath } from 'node:url';
import {
  openDatabase,
  seedDemo,
  startServer,
  type Database,
  type RunningServer,
  type StartServerOptions,
} from '@kundportal/server';

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** The agent API key the end-to-end servers accept. */
export const AGENT_KEY = 'e2e-agent-key-0123456789abcdef';

export interface PortalServer {
  db: Database;
  server: RunningServer;
  /** What an agent does through the agent API: PATCH the portal settings. */
  patchSettings(settings: object): Promise<Response>;
  /** Stops the server and starts a new one on the same database (on another port). */
  restart(): Promise<RunningServer>;
  close(): Promise<void>;
}

/**
 * The reference server as `npm start` runs it (the example knowledge base, the built bundle and
 * the API), on a fresh in-memory database with the demo data; mail stays in the outbox.
 */
export async function startPortalServer(
  options: Partial<StartServerOptions> = {},
): Promise<PortalServer> {
  const db = await openDatabase({ dataDir: null });
  await seedDemo(db);
  const start = () =>
    startServer({
      port: 0,
      db,
      agentApiKey: AGENT_KEY,
      mailTransport: { send: async () => {} },
      staticDirs: [
        { urlPrefix: '/cdn/', dir: repo('dist/cdn') },
        { urlPrefix: '/vendor/bootstrap/', dir: repo('node_modules/bootstrap/dist/css') },
        { urlPrefix: '/', dir: repo('examples/kb-site') },
      ],
      ...options,
    });
  let server = await start();
  return {
    db,
    get server() {
      return server;
    },
    async restart() {
      await server.close();
      server = await start();
      return server;
    },
    patchSettings: (settings) =>
      fetch(`${server.url}/api/agent/settings`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${AGENT_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(settings),
      }),
    close: async () => {
      await server.close();
      await db.close();
    },
  };
}
