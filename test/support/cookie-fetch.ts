import { PortalError } from '@kundportal/core';
import { cookieJarFetch } from '../../packages/core/src/cli/contract-target.js';
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
  return cookieJarFetch(assertDocumented);
}
