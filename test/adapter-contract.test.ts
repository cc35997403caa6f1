import { HttpAdapter, MemoryAdapter } from '@kundportal/core';
import { runAdapterContract } from '@kundportal/core/testing';
import { openDatabase, seedDemo, startServer } from '@kundportal/server';
import { cookieFetch } from './support/cookie-fetch.js';
import { lastMailedLink } from './support/mail.js';

runAdapterContract('MemoryAdapter', async () => {
  const backend = new MemoryAdapter();
  return {
    connect: () => backend.connect(),
    lastLink: async (email, purpose) =>
      backend.outbox.findLast((mail) => mail.to === email && mail.purpose === purpose)?.token,
    close: async () => {},
  };
});

runAdapterContract('HttpAdapter + reference server on PGlite', async () => {
  const db = await openDatabase({ dataDir: null });
  await seedDemo(db);
  // Mail stays in the outbox, where lastLink reads it; nothing is printed or sent.
  const server = await startServer({ port: 0, db, mailTransport: { send: async () => {} } });
  return {
    connect: () => new HttpAdapter({ baseUrl: `${server.url}/api`, fetch: cookieFetch() }),
    lastLink: (email, purpose) => lastMailedLink(db, email, purpose),
    close: async () => {
      await server.close();
      await db.close();
    },
  };
});
