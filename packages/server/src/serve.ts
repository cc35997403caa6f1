import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { createApp, type AppOptions } from './app.js';
import { EventHub } from './events/hub.js';
import { createMailSender, type MailSender } from './mail/sender.js';
import { answerClientError } from './request-guards.js';
import { consoleTransport, smtpTransport, type MailTransport } from './mail/transports.js';

/** A folder served under a URL prefix, e.g. `{ urlPrefix: '/cdn/', dir: 'dist/cdn' }`. */
export interface StaticDir {
  urlPrefix: string;
  dir: string;
}

export interface StartServerOptions extends AppOptions {
  /** 8787 by default; 0 picks a free port. */
  port?: number;
  hostname?: string;
  staticDirs?: StaticDir[];
  /** Deliver mail over SMTP (`SMTP_URL`); without it (and `mailTransport`) mail is printed. */
  smtpUrl?: string | null;
  /** The sender address (`MAIL_FROM`). */
  mailFrom?: string;
  /** Delivers mail some other way (tests); wins over `smtpUrl`. */
  mailTransport?: MailTransport;
  /** How often the sender looks for due mail (retries), in milliseconds. */
  mailPollMs?: number;
}

export interface RunningServer {
  /** Where the server listens, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** The outbox sender, running until `close()`. */
  mail: MailSender;
  /** Stops the mail sender and accepting connections, and waits for open ones to finish. */
  close(): Promise<void>;
}

/** Serves the API and the static folders over HTTP, and sends queued mail, until `close()`. */
export async function startServer({
  port = 8787,
  hostname = '127.0.0.1',
  staticDirs = [],
  smtpUrl = null,
  mailFrom = 'Kundportal <no-reply@kundportal.invalid>',
  mailTransport,
  mailPollMs,
  ...appOptions
}: StartServerOptions): Promise<RunningServer> {
  const mail = createMailSender({
    db: appOptions.db,
    transport: mailTransport ?? (smtpUrl ? smtpTransport(smtpUrl, mailFrom) : consoleTransport()),
    now: appOptions.now,
    reportError: appOptions.reportError,
  });
  const events = appOptions.events ?? new EventHub(appOptions.db);
  const root = new Hono();
  root.route(
    '/',
    createApp({
      ...appOptions,
      events,
      onMailQueued: () => {
        appOptions.onMailQueued?.();
        mail.wake();
      },
    }),
  );
  // Longest prefix first, so `/cdn/` wins over `/`.
  const byPrefix = [...staticDirs].sort((a, b) => b.urlPrefix.length - a.urlPrefix.length);
  for (const { urlPrefix, dir } of byPrefix) {
    const prefix = urlPrefix.replace(/\/+$/, '');
    // Compressed: the bundle and pages are text, and a slow mobile link waits on every byte.
    root.use(
      `${prefix}/*`,
      compress(),
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
  server.on('clientError', answerClientError);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  // Mail queued before the start (the seed's invitation, a crash's leftovers) goes out now.
  mail.start(mailPollMs);
  mail.wake();
  return {
    url: `http://${host}:${address.port}`,
    mail,
    async close() {
      await mail.stop();
      // Event streams never end by themselves; the server would wait for them forever.
      await events.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would hold close() open until they time out.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
    },
  };
}
