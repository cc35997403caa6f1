import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createApp } from './app.js';
import type { Database } from './db.js';

/** A folder served under a URL prefix, e.g. `{ urlPrefix: '/cdn/', dir: 'dist/cdn' }`. */
export interface StaticDir {
  urlPrefix: string;
  dir: string;
}

export interface StartServerOptions {
  db: Database;
  /** 8787 by default; 0 picks a free port. */
  port?: number;
  hostname?: string;
  staticDirs?: StaticDir[];
}

export interface RunningServer {
  /** Where the server listens, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** Stops accepting connections and waits for open ones to finish. */
  close(): Promise<void>;
}

/** Serves the API and the static folders over HTTP until `close()`. */
export async function startServer({
  db,
  port = 8787,
  hostname = '127.0.0.1',
  staticDirs = [],
}: StartServerOptions): Promise<RunningServer> {
  const root = new Hono();
  root.route('/', createApp({ db }));
  // Longest prefix first, so `/cdn/` wins over `/`.
  const byPrefix = [...staticDirs].sort((a, b) => b.urlPrefix.length - a.urlPrefix.length);
  for (const { urlPrefix, dir } of byPrefix) {
    const prefix = urlPrefix.replace(/\/+$/, '');
    root.use(
      `${prefix}/*`,
      serveStatic({ root: dir, rewriteRequestPath: (path) => path.slice(prefix.length) || '/' }),
    );
  }

  const { server, address } = await new Promise<{
    server: ReturnType<typeof serve>;
    address: AddressInfo;
  }>((resolve, reject) => {
    const server = serve({ fetch: root.fetch, port, hostname }, (info) =>
      resolve({ server, address: info }),
    );
    server.once('error', reject);
  });
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would hold close() open until they time out.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      }),
  };
}
