import type { BuiltInColumn, TicketQuery, TicketSort, TicketStatus } from '@kundportal/core';

/** Whose tickets the list shows: the customer's own, or all of their company's. */
export type TicketScope = NonNullable<TicketQuery['scope']>;

/** What a customer chose in the ticket list: the part of the list worth keeping in the URL. */
export interface TicketListState {
  status: TicketStatus | 'all';
  /** Search text; empty when not searching. */
  q: string;
  sort: TicketSort;
  scope: TicketScope;
}

/** The list as it opens when nothing else is asked for. */
export const DEFAULT_LIST_STATE: Readonly<TicketListState> = {
  status: 'all',
  q: '',
  sort: '-lastActivityAt',
  scope: 'mine',
};

/**
 * Which way a column sorts on its first click: dates and ids newest first, words A to Z. Keyed
 * by every built-in column, so a new one cannot be forgotten.
 */
export const FIRST_SORT_DIRECTION: Record<BuiltInColumn, 'ascending' | 'descending'> = {
  id: 'descending',
  subject: 'ascending',
  createdAt: 'descending',
  lastActivityAt: 'descending',
  status: 'ascending',
};

const STATUSES: readonly string[] = ['all', 'open', 'closed'];
const SCOPES: readonly string[] = ['mine', 'company'];

function isStatusFilter(value: unknown): value is TicketListState['status'] {
  return STATUSES.includes(value as string);
}

function isTicketSort(value: unknown): value is TicketSort {
  if (typeof value !== 'string') return false;
  return Object.hasOwn(FIRST_SORT_DIRECTION, value.replace(/^-/, ''));
}

function isScope(value: unknown): value is TicketScope {
  return SCOPES.includes(value as string);
}

/** The list state a URL query holds; a value missing or not understood is the default's. */
export function listStateFromQuery(
  query: URLSearchParams,
  defaults: TicketListState,
): TicketListState {
  const status = query.get('status');
  const sort = query.get('sort');
  const scope = query.get('scope');
  return {
    status: isStatusFilter(status) ? status : defaults.status,
    q: query.get('q') ?? defaults.q,
    sort: isTicketSort(sort) ? sort : defaults.sort,
    scope: isScope(scope) ? scope : defaults.scope,
  };
}

/**
 * Puts `state` into `query`, keeping only values that differ from `defaults` so the plain list
 * keeps a plain URL; other parameters stay.
 */
export function writeListStateToQuery(
  query: URLSearchParams,
  state: TicketListState,
  defaults: TicketListState,
): void {
  for (const key of ['status', 'q', 'sort', 'scope'] as const) {
    if (state[key] === defaults[key]) query.delete(key);
    else query.set(key, state[key]);
  }
}
