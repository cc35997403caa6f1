import type { TicketListState, TicketSort } from '../shared/list-state-event.js';

const STATUSES: readonly TicketListState['status'][] = ['all', 'open', 'closed'];
const SORTS: readonly TicketSort[] = [
  '-lastActivityAt',
  'lastActivityAt',
  '-createdAt',
  'createdAt',
];

function isStatusFilter(value: unknown): value is TicketListState['status'] {
  return STATUSES.includes(value as TicketListState['status']);
}

function isTicketSort(value: unknown): value is TicketSort {
  return SORTS.includes(value as TicketSort);
}

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
  const { query } = splitHash(hash);
  const status = query.get('status');
  const sort = query.get('sort');
  return {
    status: isStatusFilter(status) ? status : defaults.status,
    q: query.get('q') ?? defaults.q,
    sort: isTicketSort(sort) ? sort : defaults.sort,
  };
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
  for (const key of ['status', 'q', 'sort'] as const) {
    if (state[key] === defaults[key]) query.delete(key);
    else query.set(key, state[key]);
  }
  const search = query.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}
