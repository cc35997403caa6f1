import type { PortalRoute } from '../shared/events.js';

/** Where the portal keeps its place: the URL hash, or paths below a base path (History API). */
export interface RouteMode {
  /** `/support` for History API routing under that path; `undefined` for hash routing. */
  basePath: string | undefined;
}

/** `/support/` and `support` both become `/support`; `/` becomes the empty string. */
export function normalizeBasePath(basePath: string): string {
  const trimmed = basePath.trim().replace(/\/+$/, '');
  return trimmed && !trimmed.startsWith('/') ? `/${trimmed}` : trimmed;
}

/** The route a portal-relative path such as `/tickets/1001` names; anything else is the list. */
export function parsePath(path: string): PortalRoute {
  const ticket = /^\/tickets\/([^/?#]+)\/?$/.exec(path);
  if (ticket?.[1]) return { view: 'ticket', ticketId: decodeURIComponent(ticket[1]) };
  if (/^\/new\/?$/.test(path)) return { view: 'new' };
  return { view: 'list' };
}

export function routePath(route: PortalRoute): string {
  switch (route.view) {
    case 'ticket':
      return `/tickets/${encodeURIComponent(route.ticketId)}`;
    case 'new':
      return '/new';
    case 'list':
      return '/';
  }
}

/** The route the URL names. Hashes that do not start with `#/` belong to the page, not to us. */
export function routeFromUrl(url: URL, { basePath }: RouteMode): PortalRoute {
  if (basePath === undefined) {
    return url.hash.startsWith('#/') ? parsePath(url.hash.slice(1)) : { view: 'list' };
  }
  const base = normalizeBasePath(basePath);
  if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return { view: 'list' };
  return parsePath(url.pathname.slice(base.length) || '/');
}

/** The URL of `route`, built on the current one so a `<base href>` cannot misdirect it. */
export function urlForRoute(route: PortalRoute, current: URL, { basePath }: RouteMode): URL {
  const url = new URL(current.href);
  if (basePath === undefined) {
    url.hash = routePath(route);
  } else {
    url.pathname = `${normalizeBasePath(basePath)}${routePath(route)}`;
    url.search = '';
    url.hash = '';
  }
  return url;
}

/** What a link to `route` puts in its `href`. */
export function hrefForRoute(route: PortalRoute, mode: RouteMode): string {
  if (mode.basePath === undefined) return `#${routePath(route)}`;
  return `${normalizeBasePath(mode.basePath)}${routePath(route)}`;
}

/** A ticket link with `{id}` in place of the ticket id, for `<ticket-list ticket-href>`. */
export function ticketHrefPattern(mode: RouteMode): string {
  return hrefForRoute({ view: 'list' }, mode).replace(/\/$/, '/tickets/{id}');
}
