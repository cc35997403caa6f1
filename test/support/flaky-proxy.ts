import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/** Headers the proxy must not copy: they describe one hop, or a body fetch already decoded. */
const HOP_HEADERS = new Set([
  'connection',
  'content-encoding',
  'content-length',
  'host',
  'keep-alive',
  'transfer-encoding',
]);

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface FlakyProxy {
  url: string;
  /** Where requests go; set once the server behind it is up. */
  target: string;
  /**
   * From now on, requests whose method and path match reach the server, which stores them; then
   * each connection is cut before the answer gets back, as in a train entering a tunnel. (The
   * browser quietly resends a request when a reused connection dies before answering, so the
   * answers stay lost until `restore()`.)
   */
  loseAnswers(method: string, path: RegExp): void;
  restore(): void;
  /** How many answers were dropped so far. */
  readonly dropped: number;
  close(): Promise<void>;
}

/** A loopback HTTP proxy that can lose answers on purpose; point it with `target`. */
export async function startFlakyProxy(): Promise<FlakyProxy> {
  let drop: { method: string; path: RegExp } | undefined;
  let dropped = 0;
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (!HOP_HEADERS.has(name) && typeof value === 'string') headers.set(name, value);
    }
    const upstream = await fetch(new URL(request.url ?? '/', proxy.target), {
      method: request.method,
      headers,
      body: body.length ? new Uint8Array(body) : undefined,
      redirect: 'manual',
    });
    const url = request.url ?? '';
    if (drop && request.method === drop.method && drop.path.test(url)) {
      await upstream.arrayBuffer();
      dropped += 1;
      request.socket.destroy();
      return;
    }
    const answerHeaders: Record<string, string | string[]> = {};
    upstream.headers.forEach((value, name) => {
      if (!HOP_HEADERS.has(name) && name !== 'set-cookie') answerHeaders[name] = value;
    });
    const cookies = upstream.headers.getSetCookie();
    if (cookies.length) answerHeaders['set-cookie'] = cookies;
    response.writeHead(upstream.status, answerHeaders);
    if (!upstream.body) return void response.end();
    // Piped, so that server-sent events pass through as they come.
    Readable.fromWeb(upstream.body as NodeReadableStream).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxy: FlakyProxy = {
    url: `http://127.0.0.1:${port}`,
    target: '',
    loseAnswers(method, path) {
      drop = { method, path };
    },
    restore() {
      drop = undefined;
    },
    get dropped() {
      return dropped;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
