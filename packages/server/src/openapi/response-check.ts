// Checks an HTTP answer against the OpenAPI document: the tests run every response they get
// through it, so the document cannot drift from what the server does.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { openApiDocument } from './document.js';

type Json = Record<string, unknown>;

interface Operation {
  /** `/api/tickets/:id` as a pattern over the request path. */
  pattern: RegExp;
  method: string;
  template: string;
  responses: Record<string, Json>;
}

export interface CheckedAnswer {
  method: string;
  /** The request path, e.g. `/api/tickets/1001` (a query string is ignored). */
  path: string;
  status: number;
  contentType: string | null;
  /** The parsed JSON body, when the answer is JSON. */
  body?: unknown;
}

/** The JSON pointer escape of one segment. */
const pointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * A checker for one API base (`/api` on the reference server): returns what is wrong with an
 * answer, or `null` when it matches the document. Paths outside the base are not checked.
 */
export function responseChecker(apiBase = '/api'): (answer: CheckedAnswer) => string | null {
  const doc = openApiDocument();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(doc, 'openapi');
  const compiled = new Map<string, ValidateFunction>();
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths as Record<string, Json>)) {
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('');
    for (const [method, op] of Object.entries(item)) {
      operations.push({
        pattern: new RegExp(`^${source}$`),
        method: method.toUpperCase(),
        template,
        responses: (op as { responses: Record<string, Json> }).responses,
      });
    }
  }
  // A fixed segment wins over a parameter, as in the router: `/tickets/summary` over `/tickets/{id}`.
  const parameterCount = (template: string) => template.split('{').length;
  operations.sort((a, b) => parameterCount(a.template) - parameterCount(b.template));
  const validator = (ref: string) => {
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.compile({ $ref: ref });
      compiled.set(ref, validate);
    }
    return validate;
  };

  return ({ method, path, status, contentType, body }) => {
    if (!path.startsWith(`${apiBase}/`)) return null;
    // Preflights and HEAD are HTTP's business (CORS, caching), not the API's.
    if (method === 'OPTIONS' || method === 'HEAD') return null;
    const rest = path.slice(apiBase.length);
    const operation = operations.find((op) => op.method === method && op.pattern.test(rest));
    const where = `${method} ${path} → ${status}`;
    const json = contentType?.includes('application/json') ?? false;
    if (!operation) {
      // A route the document does not know must not exist: the server answers 404.
      if (status !== 404) return `${where}: the OpenAPI document has no such route`;
      return json ? null : `${where}: a 404 must be an ErrorBody (JSON)`;
    }
    const response = operation.responses[String(status)];
    if (!response) {
      const documented = Object.keys(operation.responses).join(', ');
      return `${where}: status ${status} is not documented for ${method} ${operation.template} (documented: ${documented})`;
    }
    const content = response.content as Record<string, Json> | undefined;
    if (!content) return null;
    if (!content['application/json']) {
      const [expected = ''] = Object.keys(content);
      const base = expected.split('/')[0];
      return contentType?.startsWith(expected) ||
        (expected === 'text/plain' && contentType?.startsWith(`${base}/`))
        ? null
        : `${where}: expected ${expected}, got ${contentType ?? 'no content type'}`;
    }
    if (!json) return `${where}: expected JSON, got ${contentType ?? 'no content type'}`;
    const ref = [
      'openapi#/paths',
      pointer(operation.template),
      method.toLowerCase(),
      'responses',
      String(status),
      'content',
      pointer('application/json'),
      'schema',
    ].join('/');
    const validate = validator(ref);
    if (validate(body)) return null;
    const problems = (validate.errors ?? [])
      .slice(0, 5)
      .map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''}`)
      .join('; ');
    return `${where}: the body does not match the OpenAPI document: ${problems}`;
  };
}
