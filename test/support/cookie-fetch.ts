import { PortalError } from '@kundportal/core';
import { responseChecker } from '../../packages/server/src/openapi/response-check.js';

let checkResponse: ReturnType<typeof responseChecker> | undefined;

/**
 * Throws when an answer of the reference server does not match its OpenAPI document. A
 * PortalError passes through HttpAdapter unchanged, so the failing test names the mismatch.
 */
async function assertDocumented(request: Request, response: Response): Promise<void> {
  checkResponse ??= responseChecker();
  const contentType = response.headers.get('content-type');
  // An event stream never ends; its status and type are what can be checked.
  const json = contentType?.includes('application/json') ?? false;
  const text = json ? await response.clone().text() : '';
  const problem = checkResponse({
    method: request.method,
    path: new URL(request.url).pathname,
    status: response.status,
    contentType,
    body: text ? (JSON.parse(text) as unknown) : undefined,
  });
  if (problem) throw new PortalError('server', `Not as the OpenAPI document says: ${problem}`);
}

/**
 * A fetch that keeps cookies like a browser does for one site: one jar per call. Every answer
 * from an `/api/` path is checked against the reference server's OpenAPI document.
 */
export function cookieFetch(): typeof fetch {
  const jar = new Map<string, string>();
  return async (input, init) => {
    const request = new Request(input, init);
    if (jar.size) {
      request.headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(request);
    await assertDocumented(request, response);
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || !value) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
}
