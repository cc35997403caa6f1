import type { LinkPurpose } from '@kundportal/core';
import type { PortalRoute } from '../shared/events.js';
import {
  DEFAULT_LIST_STATE,
  listStateFromQuery,
  writeListStateToQuery,
} from '../shared/list-state.js';

/**
 * Routes that arrive from outside: links in emails (`#/verify/<token>` and the like) and the
 * server's SSO redirects (`#/access-denied`, `#/sso-error`). They always ride in the hash.
 */
export type AccessRoute =
  | { view: 'link'; purpose: LinkPurpose; token: string }
  | { view: 'access-denied' }
  | { view: 'sso-error' };

/** Every place the portal can be. */
export type Route = PortalRoute | AccessRoute;

export function isAccessRoute(route: Route): route is AccessRoute {
  return route.view === 'link' || route.view === 'access-denied' || route.view === 'sso-error';
}

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

/** A path segment as written before encoding; a malformed one stays as it is. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The route a portal-relative path such as `/tickets/1001` names, with the list's state from
 * `query` (`status=closed&q=pdf`); anything else is the list.
 */
export function parsePath(path: string, query = new URLSearchParams()): Route {
  const link = /^\/(verify|invitation|reset|sign-in)\/([^/?#]+)\/?$/.exec(path);
  if (link?.[1] && link[2]) {
    return { view: 'link', purpose: link[1] as LinkPurpose, token: decodeSegment(link[2]) };
  }
  if (/^\/access-denied\/?$/.test(path)) return { view: 'access-denied' };
  if (/^\/sso-error\/?$/.test(path)) return { view: 'sso-error' };
  const ticket = /^\/tickets\/([^/?#]+)\/?$/.exec(path);
  if (ticket?.[1]) return { view: 'ticket', ticketId: decodeSegment(ticket[1]) };
  if (/^\/new\/?$/.test(path)) return { view: 'new' };
  const listState = listStateFromQuery(query, DEFAULT_LIST_STATE);
  return routeQuery({ view: 'list', listState }) ? { view: 'list', listState } : { view: 'list' };
}

/** A hash route (`/tickets/1?x=y`, without the `#`) split into what `parsePath` takes. */
function parseHashRoute(route: string): Route {
  const at = route.indexOf('?');
  if (at < 0) return parsePath(route);
  return parsePath(route.slice(0, at), new URLSearchParams(route.slice(at + 1)));
}

export function routePath(route: Route): string {
  switch (route.view) {
    case 'link':
      return `/${route.purpose}/${encodeURIComponent(route.token)}`;
    case 'access-denied':
    case 'sso-error':
      return `/${route.view}`;
    case 'ticket':
      return `/tickets/${encodeURIComponent(route.ticketId)}`;
    case 'new':
      return '/new';
    case 'list':
      return '/';
  }
}

/** The list's state as a query string (`status=closed&q=pdf`), without defaults; else empty. */
export function routeQuery(route: Route): string {
  if (route.view !== 'list' || !route.listState) return '';
  const query = new URLSearchParams();
  writeListStateToQuery(query, route.listState, DEFAULT_LIST_STATE);
  return query.toString();
}

/** `path` and `?query`, or just `path`. */
function withQuery(path: string, query: string): string {
  return query ? `${path}?${query}` : path;
}

/** The route the URL names. Hashes that do not start with `#/` belong to the page, not to us. */
export function routeFromUrl(url: URL, { basePath }: RouteMode): Route {
  const fromHash = url.hash.startsWith('#/') ? parseHashRoute(url.hash.slice(1)) : undefined;
  if (basePath === undefined) return fromHash ?? { view: 'list' };
  if (fromHash && isAccessRoute(fromHash)) return fromHash;
  const base = normalizeBasePath(basePath);
  if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return { view: 'list' };
  return parsePath(url.pathname.slice(base.length) || '/', url.searchParams);
}

/** The URL of `route`, built on the current one so a `<base href>` cannot misdirect it. */
export function urlForRoute(route: Route, current: URL, { basePath }: RouteMode): URL {
  const url = new URL(current.href);
  if (basePath === undefined) {
    url.hash = withQuery(routePath(route), routeQuery(route));
  } else {
    url.pathname = `${normalizeBasePath(basePath)}${routePath(route)}`;
    url.search = routeQuery(route);
    url.hash = '';
  }
  return url;
}

/** What a link to `route` puts in its `href`. */
export function hrefForRoute(route: PortalRoute, mode: RouteMode): string {
  const query = routeQuery(route);
  if (mode.basePath === undefined) return `#${withQuery(routePath(route), query)}`;
  return withQuery(`${normalizeBasePath(mode.basePath)}${routePath(route)}`, query);
}

/** A ticket link with `{id}` in place of the ticket id, for `<ticket-list ticket-href>`. */
export function ticketHrefPattern(mode: RouteMode): string {
  return hrefForRoute({ view: 'list' }, mode).replace(/\/$/, '/tickets/{id}');
}
