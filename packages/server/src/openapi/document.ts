// The OpenAPI 3.1 document of the HTTP API, generated from the route registry and its zod
// schemas with `z.toJSONSchema`; nothing in it is written by hand as JSON schema.
import { z } from 'zod';
import { CSRF_HEADER, CSRF_VALUE } from '@kundportal/core';
import { errorBodySchema } from './schemas.js';
import {
  ERROR_STATUSES,
  REQUEST_SCHEMAS,
  RESPONSE_SCHEMAS,
  ROUTES,
  type ResponseDoc,
  type RouteDoc,
} from './registry.js';

type JsonSchema = Record<string, unknown>;
type Json = Record<string, unknown>;

/** Every status any route may answer with an `ErrorBody`, whatever it documents itself. */
const ALWAYS = [500, 503];

const SCHEMA_PREFIX = '#/components/schemas/';

/** `/tickets/:id` → `/tickets/{id}`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

/** Named schemas as JSON schema, with references between them pointing into `components`. */
function componentSchemas(
  named: Record<string, z.ZodType>,
  io: 'input' | 'output',
): Map<z.ZodType, string> & { schemas: Record<string, JsonSchema> } {
  const registry = z.registry<{ id: string }>();
  const ids = new Map<z.ZodType, string>();
  for (const [id, schema] of Object.entries(named)) {
    registry.add(schema, { id });
    ids.set(schema, id);
  }
  const generated = z.toJSONSchema(registry, {
    io,
    uri: (id) => `${SCHEMA_PREFIX}${id}`,
    // Refinements (URL checks and the like) have no JSON schema; the server still applies them.
    unrepresentable: 'any',
  }) as { schemas: Record<string, JsonSchema> };
  const schemas: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(generated.schemas)) {
    // Each would otherwise claim to be a document of its own.
    const rest = { ...schema };
    delete rest.$schema;
    delete rest.$id;
    schemas[id] = rest;
  }
  return Object.assign(ids, { schemas });
}

/** A schema's reference, when it is a named component; else its JSON schema inline. */
function schemaOf(schema: z.ZodType, names: Map<z.ZodType, string>, io: 'input' | 'output') {
  const name = names.get(schema);
  if (name) return { $ref: `${SCHEMA_PREFIX}${name}` };
  const json: JsonSchema = { ...z.toJSONSchema(schema, { io, unrepresentable: 'any' }) };
  delete json.$schema;
  return json;
}

function response(doc: ResponseDoc, names: Map<z.ZodType, string>): Json {
  const answer: Json = { description: doc.description };
  if (doc.headers) {
    answer.headers = Object.fromEntries(
      Object.entries(doc.headers).map(([name, description]) => [
        name,
        { description, schema: { type: 'string' } },
      ]),
    );
  }
  if (doc.schema) {
    answer.content = { 'application/json': { schema: schemaOf(doc.schema, names, 'output') } };
  } else if (doc.contentType) {
    answer.content = { [doc.contentType]: { schema: { type: 'string' } } };
  }
  return answer;
}

function parameters(route: RouteDoc): Json[] {
  const inPath = [...route.path.matchAll(/:([A-Za-z_]\w*)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const inQuery: Json[] = [];
  if (route.query) {
    const json = z.toJSONSchema(route.query, { io: 'input' }) as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      inQuery.push({
        name,
        in: 'query',
        required: json.required?.includes(name) ?? false,
        schema,
      });
    }
  }
  const csrf =
    route.access !== 'agent' && route.method !== 'get'
      ? [
          {
            name: CSRF_HEADER,
            in: 'header',
            // Form posts from other sites (SSO hand-offs) cannot carry it; their token is the proof.
            required: !route.formBody,
            description:
              'Guards against cross-site request forgery; every customer write needs it.',
            schema: { type: 'string', const: CSRF_VALUE },
          },
        ]
      : [];
  return [...inPath, ...inQuery, ...csrf];
}

function requestBody(route: RouteDoc, names: Map<z.ZodType, string>): Json | undefined {
  const content: Json = {};
  if (route.body) {
    const schema = schemaOf(route.body, names, 'input');
    content['application/json'] = { schema };
    if (route.multipart) {
      content['multipart/form-data'] = {
        schema: {
          type: 'object',
          properties: {
            data: { type: 'string', description: 'The JSON fields, as in the JSON body.' },
            files: { type: 'array', items: { type: 'string', contentEncoding: 'binary' } },
          },
          required: ['data'],
        },
        encoding: { data: { contentType: 'application/json' } },
      };
    }
  }
  if (route.formBody) {
    content[route.formBody.contentType] = {
      schema: { type: 'object', description: route.formBody.description },
    };
  }
  return Object.keys(content).length ? { required: true, content } : undefined;
}

function operation(route: RouteDoc, names: Map<z.ZodType, string>): Json {
  const responses: Json = {};
  for (const [status, doc] of Object.entries(route.responses))
    responses[status] = response(doc, names);
  const body = requestBody(route, names);
  // Every body is capped before it is read (`requestBodyLimit`, `uploadBodyLimit`).
  const errors = [...route.errors, ...ALWAYS, ...(body ? [413] : [])];
  for (const status of [...new Set(errors)].sort()) {
    const headers =
      status === 429
        ? { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'string' } } }
        : undefined;
    responses[status] = {
      description: ERROR_STATUSES[status] ?? 'An error.',
      ...(headers ? { headers } : {}),
      content: { 'application/json': { schema: { $ref: `${SCHEMA_PREFIX}ErrorBody` } } },
    };
  }
  const security =
    route.access === 'agent'
      ? [{ agentKey: [] }]
      : route.access === 'session'
        ? [{ session: [] }]
        : [];
  const params = parameters(route);
  return {
    operationId: `${route.method}${openApiPath(route.path)
      .replace(/[{}]/g, '')
      .split(/[/.-]/)
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('')}`,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    security,
    ...(params.length ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}

/** Builds the document; the server serves it at `GET /api/openapi.json`. */
export function buildOpenApiDocument(): Json {
  const responses = componentSchemas({ ...RESPONSE_SCHEMAS, ErrorBody: errorBodySchema }, 'output');
  const requests = componentSchemas(REQUEST_SCHEMAS, 'input');
  const names = new Map([...responses, ...requests]);
  const paths: Record<string, Json> = {};
  for (const route of ROUTES) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route, names) };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Kundportal HTTP API',
      version: '0.1.0',
      description:
        'The contract between the Kundportal elements (through HttpAdapter) and a backend. Errors are an `ErrorBody` with a stable `code`. Clients ignore fields they do not know. Any backend that answers like this passes `npx @kundportal/core contract-test <api-url>`.',
    },
    servers: [
      { url: '/api', description: 'The API base; the reference server serves it at /api.' },
    ],
    tags: [
      { name: 'Portal' },
      { name: 'Session' },
      { name: 'Access', description: 'Registration, invitations, password reset, sign-in links.' },
      { name: 'Tickets' },
      { name: 'Single sign-on' },
      { name: 'Agent', description: "The site owner's tools; never for customers." },
      { name: 'Reference' },
    ],
    paths,
    components: {
      schemas: { ...responses.schemas, ...requests.schemas },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'kp_session',
          description: 'The HttpOnly session cookie set by every sign-in.',
        },
        agentKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'The agent API key (`AGENT_API_KEY`).',
        },
      },
    },
  };
}

let cached: Json | undefined;

/** The document, built once per process. */
export function openApiDocument(): Json {
  cached ??= buildOpenApiDocument();
  return cached;
}
