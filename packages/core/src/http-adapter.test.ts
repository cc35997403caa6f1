import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PortalError } from './errors.js';
import { HttpAdapter } from './http-adapter.js';
import { CSRF_HEADER } from './http-api.js';

/** A fetch that records requests and answers from a function. */
function fakeFetch(answer: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    return answer(request);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function failure(promise: Promise<unknown>): Promise<PortalError> {
  const error = await promise.then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof PortalError, String(error));
  return error;
}

describe('HttpAdapter', () => {
  it('sends the CSRF header on state-changing requests only', async () => {
    const { fetch, requests } = fakeFetch(() => json({ session: null }));
    const adapter = new HttpAdapter({ baseUrl: 'https://portal.example/api', fetch });
    await adapter.getSession();
    await adapter.signOut().catch(() => {});
    assert.equal(requests[0]?.url, 'https://portal.example/api/session');
    assert.equal(requests[0]?.headers.get(CSRF_HEADER), null);
    assert.equal(requests[1]?.method, 'DELETE');
    assert.equal(requests[1]?.headers.get(CSRF_HEADER), '1');
  });

  it("asks for answers in the customer's language once it is set, on reads and writes", async () => {
    const { fetch, requests } = fakeFetch(() => json({ session: null }));
    const adapter = new HttpAdapter({ baseUrl: 'https://portal.example/api', fetch });
    await adapter.getSession();
    adapter.setLanguage('sv');
    await adapter.getSession();
    await adapter.requestPasswordReset('ada@nordlys.example');
    assert.deepEqual(
      requests.map((request) => request.headers.get('accept-language')),
      [null, 'sv', 'sv'],
    );
  });

  it('passes the ticket query as search parameters, leaving out empty ones', async () => {
    const { fetch, requests } = fakeFetch(() => json({ items: [], nextCursor: null }));
    const adapter = new HttpAdapter({ baseUrl: 'https://portal.example/api', fetch });
    await adapter.listTickets({ status: 'open', q: '', cursor: null, limit: 20 });
    assert.equal(requests[0]?.url, 'https://portal.example/api/tickets?status=open&limit=20');
  });

  it('turns an error body into a PortalError with its code and fields', async () => {
    const { fetch } = fakeFetch(() =>
      json(
        {
          error: {
            code: 'validation',
            message: 'Fix it.',
            fields: { subject: 'Enter a subject.' },
          },
        },
        422,
      ),
    );
    const adapter = new HttpAdapter({ baseUrl: 'https://portal.example/api', fetch });
    const error = await failure(
      adapter.createTicket({ subject: '', description: '', idempotencyKey: 'k' }),
    );
    assert.equal(error.code, 'validation');
    assert.deepEqual(error.fields, { subject: 'Enter a subject.' });
  });

  it('says unavailable for a gateway error page and network for no connection', async () => {
    const gateway = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const down = new HttpAdapter({ baseUrl: 'https://portal.example/api', fetch: gateway.fetch });
    assert.equal((await failure(down.getTicket('1'))).code, 'unavailable');

    const offline = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    const cut = new HttpAdapter({ baseUrl: 'https://portal.example/api', fetch: offline.fetch });
    assert.equal((await failure(cut.getPortal())).code, 'network');
  });

  it('encodes ticket ids into the path', async () => {
    const { fetch, requests } = fakeFetch(() => json({ items: [] }));
    const adapter = new HttpAdapter({ baseUrl: 'https://portal.example/api', fetch });
    await adapter.listMessages('../session');
    assert.equal(requests[0]?.url, 'https://portal.example/api/tickets/..%2Fsession/messages');
  });
});
