import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
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

/**
 * Reads the request until half its declared body has arrived, sends the server its headers and
 * that half, then drops the connection to the server.
 */
async function forwardHalf(request: IncomingMessage, url: URL): Promise<void> {
  const half = Math.floor(Number(request.headers['content-length'] ?? 0) / 2);
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
    received += (chunk as Buffer).length;
    if (received >= half) break;
  }
  const headers = { ...request.headers, host: url.host };
  const upstream = httpRequest(url, { method: request.method, headers });
  upstream.on('error', () => {});
  // Dropped once the half has left for the server, so the server starts reading it.
  await new Promise<void>((resolve) =>
    upstream.write(Buffer.concat(chunks).subarray(0, half), () => resolve()),
  );
  upstream.destroy();
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
  /**
   * From now on, matching requests never reach the server: the connection is cut as soon as
   * they arrive, as when the network is down before anything is sent.
   */
  cutBeforeSending(method: string, path: RegExp): void;
  /**
   * From now on, matching requests are cut halfway through their body: the server gets the
   * first half (and its declared length) and then a dead connection, the browser a reset.
   */
  cutMidUpload(method: string, path: RegExp): void;
  restore(): void;
  /** How many answers were dropped so far. */
  readonly dropped: number;
  /** How many requests were cut before or during their upload so far. */
  readonly cut: number;
  close(): Promise<void>;
}

/** A loopback HTTP proxy that can lose answers on purpose; point it with `target`. */
export async function startFlakyProxy(): Promise<FlakyProxy> {
  type Fault = { method: string; path: RegExp };
  let drop: Fault | undefined;
  let cutBefore: Fault | undefined;
  let cutMid: Fault | undefined;
  let dropped = 0;
  let cut = 0;
  const matches = (fault: Fault | undefined, request: IncomingMessage) =>
    Boolean(fault && request.method === fault.method && fault.path.test(request.url ?? ''));
  const server = createServer(async (request, response) => {
    if (matches(cutBefore, request)) {
      cut += 1;
      request.socket.destroy();
      return;
    }
    if (matches(cutMid, request)) {
      cut += 1;
      // Held first: reading only half of the body ends the request's hold on its socket.
      const socket = request.socket;
      await forwardHalf(request, new URL(request.url ?? '/', proxy.target));
      socket.destroy();
      return;
    }
    const body = await readBody(request);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (!HOP_HEADERS.has(name) && typeof value === 'string') headers.set(name, value);
    }
    let upstream: Response;
    try {
      upstream = await fetch(new URL(request.url ?? '/', proxy.target), {
        method: request.method,
        headers,
        body: body.length ? new Uint8Array(body) : undefined,
        redirect: 'manual',
      });
    } catch {
      // The server is down (restarting, say): the browser sees the connection fail.
      request.socket.destroy();
      return;
    }
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
    cutBeforeSending(method, path) {
      cutBefore = { method, path };
    },
    cutMidUpload(method, path) {
      cutMid = { method, path };
    },
    restore() {
      drop = undefined;
      cutBefore = undefined;
      cutMid = undefined;
    },
    get dropped() {
      return dropped;
    },
    get cut() {
      return cut;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
