import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createApp } from '../app.js';
import type { Database } from '../db.js';
import { seedDemo } from '../seed.js';
import { call, pgliteDatabase } from '../test-support.js';
import { openApiDocument } from './document.js';
import { ROUTES } from './registry.js';
import { responseChecker } from './response-check.js';

const API_BASE = '/api';

describe('OpenAPI document', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;

  before(async () => {
    ({ db } = await pgliteDatabase());
    await seedDemo(db);
    app = createApp({ db, agentApiKey: 'openapi-test-key', devMailbox: true });
  });
  after(() => db.close());

  it('documents every route the app has under /api, and nothing else', () => {
    const documented = new Set(ROUTES.map((r) => `${r.method.toUpperCase()} ${API_BASE}${r.path}`));
    const served = new Set<string>();
    for (const route of app.routes) {
      if (!route.path.startsWith(`${API_BASE}/`)) continue;
      if (route.method === 'ALL') {
        // Middleware (it takes `next`) and the catch-all 404 (a wildcard), never an endpoint.
        const middleware = route.handler.length >= 2;
        assert.ok(middleware || route.path.endsWith('*'), `${route.path} answers every method`);
        continue;
      }
      served.add(`${route.method} ${route.path}`);
    }
    const undocumented = [...served].filter((route) => !documented.has(route));
    const stale = [...documented].filter((route) => !served.has(route));
    assert.deepEqual(undocumented, [], 'routes missing from openapi/registry.ts');
    assert.deepEqual(stale, [], 'documented routes the app does not have');
    // The customer API and the agent API are both in it.
    assert.ok(served.has('GET /api/tickets/:id') && served.has('GET /api/agent/tickets/:id'));
  });

  it('is a valid OpenAPI 3.1 document whose schemas compile', () => {
    const doc = openApiDocument() as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    assert.equal(doc.openapi, '3.1.0');
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(doc, 'openapi');
    for (const name of Object.keys(doc.components.schemas)) {
      assert.doesNotThrow(() => ajv.getSchema(`openapi#/components/schemas/${name}`), name);
    }
    // Every $ref points at a schema that exists.
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const name = /#\/components\/schemas\/([^"]+)/.exec(ref)?.[1];
      assert.ok(name && name in doc.components.schemas, ref);
    }
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        assert.ok('500' in op.responses && '503' in op.responses, `${method} ${path}`);
      }
    }
  });

  it('describes the core types with their fields and the error shape', () => {
    interface Schema {
      required: string[];
      additionalProperties?: unknown;
      properties: Record<string, Schema & { enum?: string[] }>;
    }
    const schemas = (openApiDocument() as { components: { schemas: Record<string, Schema> } })
      .components.schemas;
    assert.deepEqual(schemas.Ticket!.required.toSorted(), [
      'createdAt',
      'id',
      'lastActivityAt',
      'properties',
      'requesterName',
      'stageLabel',
      'status',
      'subject',
    ]);
    assert.deepEqual(schemas.Ticket!.properties.status!.enum, ['open', 'closed']);
    assert.ok(schemas.ErrorBody!.properties.error!.properties.code!.enum?.includes('not_found'));
    assert.equal(schemas.NewTicketInput!.additionalProperties, false, 'requests are strict');
  });

  it('refuses answers the document does not allow', () => {
    const check = responseChecker();
    const json = 'application/json';
    const ticket = {
      id: '1001',
      subject: 'Invoices fail to export to PDF',
      createdAt: '2026-01-01T00:00:00.000Z',
      lastActivityAt: '2026-01-02T00:00:00.000Z',
      status: 'open',
      stageLabel: 'Waiting on customer',
      requesterName: 'Ada Lindqvist',
      properties: {},
    };
    const answer = { method: 'GET', path: '/api/tickets/1001', contentType: json };
    assert.equal(check({ ...answer, status: 200, body: ticket }), null);
    assert.match(
      check({ ...answer, status: 200, body: { ...ticket, status: 'pending' } }) ?? '',
      /\/status must be equal to one of the allowed values/,
    );
    assert.match(
      check({ ...answer, status: 200, body: { ...ticket, id: undefined } }) ?? '',
      /must have required property 'id'/,
    );
    assert.match(check({ ...answer, status: 409, body: {} }) ?? '', /status 409 is not documented/);
    const notFound = { error: { code: 'not_found', message: 'There is no such ticket.' } };
    assert.equal(check({ ...answer, status: 404, body: notFound }), null);
    assert.match(
      check({ ...answer, status: 404, body: { message: 'gone' } }) ?? '',
      /does not match/,
    );
    assert.match(
      check({ method: 'GET', path: '/api/nothing-here', status: 200, contentType: json }) ?? '',
      /no such route/,
    );
    assert.match(
      check({ method: 'GET', path: '/api/events', status: 200, contentType: json }) ?? '',
      /expected text\/event-stream/,
    );
  });

  it('serves the document and a reference page that loads only its own files', async () => {
    const doc = await call<{ openapi: string; paths: object }>(app, '/api/openapi.json');
    assert.equal(doc.status, 200);
    assert.equal(doc.body.openapi, '3.1.0');
    assert.ok('/tickets/{id}/messages' in doc.body.paths);

    const page = await call(app, '/api/docs');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, url]) => url!);
    assert.ok(sources.length >= 3);
    for (const source of sources) {
      assert.doesNotMatch(source, /^(https?:)?\/\//, `${source} would need the network`);
      const file = await call(app, `/api/${source}`);
      assert.equal(file.status, 200, source);
      assert.ok(file.text.length > 0, source);
    }
    const bundle = await call(app, '/api/docs/swagger-ui-bundle.js');
    assert.match(bundle.text, /SwaggerUIBundle/);
    assert.equal((await call(app, '/api/docs/package.json')).status, 404);
  });

  it('is served while the portal is off', async () => {
    await call(app, '/api/agent/settings', {
      method: 'PATCH',
      body: { enabled: false },
      headers: { authorization: 'Bearer openapi-test-key' },
    });
    assert.equal((await call(app, '/api/tickets')).status, 503);
    assert.equal((await call(app, '/api/openapi.json')).status, 200);
  });
});
