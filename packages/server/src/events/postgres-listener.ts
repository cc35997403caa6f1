import pg from 'pg';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

/**
 * LISTENs on `channel` over a connection of its own (a pooled one would be handed to other
 * queries), reconnecting with backoff when it drops; notices sent while it is down are lost.
 * Resolves once listening; the returned function stops for good.
 */
export async function listenPostgres(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
): Promise<() => Promise<void>> {
  let current: pg.Client | null = null;
  let stopped = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    client.on('notification', (notice) => {
      if (notice.channel === channel && notice.payload !== undefined) onPayload(notice.payload);
    });
    client.on('error', () => dropped(client));
    client.on('end', () => dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (stopped) {
      await client.end();
      return;
    }
    current = client;
    retryMs = FIRST_RETRY_MS;
  };

  const retry = () => {
    retryTimer = setTimeout(() => {
      if (stopped) return;
      connect().catch(retry);
    }, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };

  function dropped(client: pg.Client): void {
    if (stopped || client !== current) return;
    current = null;
    void client.end().catch(() => {});
    retry();
  }

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retryTimer);
    await current?.end().catch(() => {});
    current = null;
  };
}
