// What the contract suite needs to reach a backend: where it is, a cookie jar, the mail hook.
import type { LinkPurpose } from '../types.js';

/** What `contract-test` checks, handed over in `KUNDPORTAL_CONTRACT_TARGET` as JSON. */
export interface ContractTarget {
  /** The API base, e.g. `https://support.example.com/api`. */
  apiUrl: string;
  /** The test hook that tells which link was last mailed to an address, if the backend has one. */
  mailHook: string | null;
  timeoutMs: number;
}

export const TARGET_VARIABLE = 'KUNDPORTAL_CONTRACT_TARGET';

/**
 * A fetch that keeps cookies for one site, like one browser: HttpAdapter's session rides on it.
 * `inspect` sees every request with its answer before the cookies are taken (and may throw).
 */
export function cookieJarFetch(
  inspect?: (request: Request, response: Response) => Promise<void>,
): typeof fetch {
  const jar = new Map<string, string>();
  return async (input, init) => {
    const request = new Request(input, init);
    if (jar.size) {
      request.headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(request);
    await inspect?.(request, response);
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=(0|-\d+)\s*$/i.test(attribute));
      if (expired || !value) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
}

/**
 * Asks the mail hook for the newest link of a kind mailed to an address:
 * `GET <hook>?email=<address>&purpose=<purpose>` answers `{"token": "…"}` or `{"token": null}`.
 */
export async function lastLinkFromHook(
  hook: string,
  email: string,
  purpose: LinkPurpose,
): Promise<string | undefined> {
  const url = new URL(hook);
  url.searchParams.set('email', email);
  url.searchParams.set('purpose', purpose);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The mail hook ${url.href} answered ${response.status}.`);
  const body = (await response.json()) as { token?: unknown };
  if (body.token !== null && typeof body.token !== 'string') {
    throw new Error(
      `The mail hook must answer {"token": string | null}, not ${JSON.stringify(body)}.`,
    );
  }
  return body.token ?? undefined;
}
