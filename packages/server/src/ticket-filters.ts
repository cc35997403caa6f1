import { z } from 'zod';
import type { SqlValue } from './db.js';

/** Built-in ticket fields a filter rule can test; any other name is a ticket property. */
const FIELD_COLUMNS = {
  pipeline: 's.pipeline',
  stage: 't.stage_id',
  source: 't.source',
  inbox: 't.inbox_id',
} as const;

const propertyName = z.string().trim().min(1).max(100);
const filterValue = z.string().max(500);

/**
 * One ticket filter rule of the portal settings: only tickets that match every rule appear in
 * the customer API. `property` is `pipeline`, `stage` (id), `source`, `inbox` (id) or the name
 * of a ticket property.
 */
export const ticketFilterSchema = z.discriminatedUnion('operator', [
  z.strictObject({
    property: propertyName,
    operator: z.enum(['equals', 'not_equals']),
    value: filterValue,
  }),
  z.strictObject({
    property: propertyName,
    operator: z.enum(['in', 'not_in']),
    value: z.array(filterValue).min(1).max(100),
  }),
]);

export type TicketFilter = z.infer<typeof ticketFilterSchema>;

/** The SQL of the tested value: a column, or the property read from the jsonb by parameter. */
function valueSql(property: string, params: SqlValue[]): string {
  if (Object.hasOwn(FIELD_COLUMNS, property)) {
    return FIELD_COLUMNS[property as keyof typeof FIELD_COLUMNS];
  }
  params.push(property);
  return `(t.properties ->> $${params.length}::text)`;
}

function placeholder(params: SqlValue[], value: SqlValue): string {
  params.push(value);
  return `$${params.length}`;
}

/**
 * A condition on `tickets t JOIN stages s` that holds for tickets matching every rule, with
 * every name and value passed as a parameter (appended to `params`). A ticket that lacks the
 * property matches `not_equals` and `not_in`, and never `equals` or `in`.
 */
export function ticketFiltersSql(filters: readonly TicketFilter[], params: SqlValue[]): string {
  const conditions = filters.map((filter) => {
    const value = valueSql(filter.property, params);
    switch (filter.operator) {
      case 'equals':
        return `${value} = ${placeholder(params, filter.value)}`;
      case 'not_equals':
        return `${value} IS DISTINCT FROM ${placeholder(params, filter.value)}`;
      case 'in':
        return `${value} IN (${filter.value.map((v) => placeholder(params, v)).join(', ')})`;
      case 'not_in':
        return `(${value} IS NULL OR ${value} NOT IN (${filter.value.map((v) => placeholder(params, v)).join(', ')}))`;
    }
  });
  return conditions.length ? conditions.map((c) => `(${c})`).join(' AND ') : 'true';
}
