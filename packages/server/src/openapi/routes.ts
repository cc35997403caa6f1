import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PortalError } from '@kundportal/core';
import { Hono } from 'hono';
import { openApiDocument } from './document.js';

const require = createRequire(import.meta.url);

/** The Swagger UI files the page loads, served from the installed `swagger-ui-dist`. */
const SWAGGER_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

// Paths are relative to the page (`/api/docs`), so the reference works under any API base.
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Kundportal HTTP API</title>
    <link rel="stylesheet" href="docs/swagger-ui.css" />
  </head>
  <body>
    <div id="api-reference"></div>
    <script src="docs/swagger-ui-bundle.js"></script>
    <script src="docs/start.js"></script>
  </body>
</html>
`;

// A file rather than an inline script, so a strict Content-Security-Policy can allow it.
const START = `SwaggerUIBundle({
  url: new URL('openapi.json', document.baseURI).href,
  dom_id: '#api-reference',
  deepLinking: true,
});
`;

/**
 * `GET openapi.json` (the OpenAPI 3.1 document) and `GET docs`, a reference page made with
 * Swagger UI from node_modules: it works offline and loads nothing from elsewhere.
 */
export function openApiRoutes(): Hono {
  const app = new Hono();

  app.get('/openapi.json', (c) => c.json(openApiDocument()));

  app.get('/docs', (c) => c.html(PAGE));

  app.get('/docs/:file', async (c) => {
    const file = c.req.param('file');
    if (file === 'start.js') {
      return c.body(START, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
    }
    const type = SWAGGER_FILES[file];
    if (!type) throw new PortalError('not_found', 'There is no such file.');
    const bytes = await readFile(require.resolve(`swagger-ui-dist/${file}`));
    return c.body(bytes, 200, { 'Content-Type': type });
  });

  return app;
}
