import { HttpAdapter, MemoryAdapter } from '@kundportal/core';
import { runAdapterContract } from '@kundportal/core/testing';
import { openDatabase, seedDemo, startServer } from '@kundportal/server';
import { cookieFetch } from './support/cookie-fetch.js';

runAdapterContract('MemoryAdapter', async () => {
  const backend = new MemoryAdapter();
  return { connect: () => backend.connect(), close: async () => {} };
});

runAdapterContract('HttpAdapter + reference server on PGlite', async () => {
  const db = await openDatabase({ dataDir: null });
  await seedDemo(db);
  const server = await startServer({ port: 0, db });
  return {
    connect: () => new HttpAdapter({ baseUrl: `${server.url}/api`, fetch: cookieFetch() }),
    close: async () => {
      await server.close();
      await db.close();
    },
  };
});
