import {
  listStateFromQuery,
  writeListStateToQuery,
  type TicketListState,
} from '../shared/list-state.js';

/** A hash route split into its path (`#/`) and query (`status=open`). */
function splitHash(hash: string): { path: string; query: URLSearchParams } {
  const route = hash.startsWith('#/') ? hash.slice(1) : '/';
  const at = route.indexOf('?');
  return at < 0
    ? { path: route, query: new URLSearchParams() }
    : { path: route.slice(0, at), query: new URLSearchParams(route.slice(at + 1)) };
}

/**
 * The list state a hash route's query holds (`#/?status=open&q=pdf&sort=createdAt`). A value
 * that is missing or not understood falls back to the one in `defaults`.
 */
export function listStateFromHash(hash: string, defaults: TicketListState): TicketListState {
  return listStateFromQuery(splitHash(hash).query, defaults);
}

/**
 * `hash` with its query holding `state`, keeping only values that differ from `defaults` so
 * the plain list keeps a plain URL. The route path stays; a hash that is not a route (`#top`)
 * becomes the list route.
 */
export function hashWithListState(
  hash: string,
  state: TicketListState,
  defaults: TicketListState,
): string {
  const { path, query } = splitHash(hash);
  writeListStateToQuery(query, state, defaults);
  const search = query.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}
