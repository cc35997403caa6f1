// The published packages as a consumer gets them: packed with scripts/pack.mjs, installed from
// the tarballs into an empty folder, then imported under Node, type-checked with tsc, bundled
// with Vite and run in Chromium, and the server started with `npx @kundportal/server`; and a new
// Vite + React app that installs @kundportal/react and renders <TicketList>. Also checks that
// the committed custom elements manifest is current and complete.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'vite';
import { DEMO_ACCOUNT } from '@kundportal/core/demo';
import { generateManifest, MANIFEST_PATH } from '../../scripts/manifest.mjs';
import { packAll } from '../../scripts/pack.mjs';
import { followLink, openBrowser, signInByMarkup, waitForText } from '../support/browser.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const TAGS = [
  'customer-portal',
  'kb-portal-link',
  'portal-login',
  'support-form',
  'ticket-detail',
  'ticket-list',
] as const;

/** The version the workspace has installed, so a consumer's install comes from npm's cache. */
function workspaceVersion(name: string): string {
  const manifest = join(root, 'node_modules', name, 'package.json');
  return `${name}@${(JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version}`;
}

interface ManifestItem {
  name: string;
  description?: string;
  type?: { text: string };
}
interface ManifestDeclaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: ManifestItem[];
  events?: ManifestItem[];
  cssParts?: ManifestItem[];
  cssProperties?: ManifestItem[];
  slots?: ManifestItem[];
}
interface Manifest {
  modules: { path: string; declarations?: ManifestDeclaration[] }[];
}

function elementDeclarations(manifest: Manifest): Map<string, ManifestDeclaration> {
  const byTag = new Map<string, ManifestDeclaration>();
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.customElement && declaration.tagName) {
        byTag.set(declaration.tagName, declaration);
      }
    }
  }
  return byTag;
}

/** Runs a module as a script with the consumer folder as its working directory. */
async function nodeIn(cwd: string, source: string): Promise<string> {
  const file = join(cwd, `check-${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(file, source);
  try {
    const { stdout } = await run(process.execPath, [file], { cwd, timeout: 120_000 });
    return stdout;
  } finally {
    await rm(file, { force: true });
  }
}

/** Serves a folder over HTTP on a free loopback port. */
async function serveFolder(dir: string): Promise<{ url: string; server: Server }> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Resolves with the first stdout line matching `pattern`, or rejects when the process ends. */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        child.stdout?.off('data', onData);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ready:\n${output}`)));
  });
}

describe('custom elements manifest', () => {
  const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Manifest;
  const elements = elementDeclarations(manifest);
  const source = (tag: string, kind: 'component' | 'styles') =>
    readFileSync(join(root, 'packages/elements/src', tag, `${tag}.${kind}.ts`), 'utf8');

  it('is what the analyzer writes from the current sources (run `node scripts/manifest.mjs`)', async () => {
    assert.equal(await generateManifest(), readFileSync(MANIFEST_PATH, 'utf8'));
  });

  it('has every element under its tag name', () => {
    assert.deepEqual([...elements.keys()].sort(), [...TAGS]);
  });

  for (const tag of TAGS) {
    it(`documents <${tag}>: attributes, events, parts, CSS properties and slots`, () => {
      const element = elements.get(tag);
      assert.ok(element, `${tag} is in the manifest`);
      const component = source(tag, 'component');
      const styles = source(tag, 'styles');

      // Attributes: the analyzer finds them in `static properties`; each needs words.
      assert.ok(element.attributes?.length, 'attributes');
      for (const attribute of element.attributes) {
        assert.ok(attribute.description, `attribute ${attribute.name} is described`);
      }

      // Events: every Event subclass the element dispatches, by name, with its class.
      const dispatched = [...component.matchAll(/new (Portal\w+Event)\(/g)].map((m) => m[1]);
      assert.ok(element.events?.length, 'events');
      for (const event of element.events) {
        assert.match(event.name, /^portal-[a-z-]+$/);
        assert.ok(event.description, `event ${event.name} is described`);
        assert.match(event.type?.text ?? '', /^Portal\w+Event$/, `event ${event.name} has a class`);
      }
      const documentedClasses = new Set(element.events.map((event) => event.type?.text));
      for (const className of dispatched) {
        assert.ok(documentedClasses.has(className), `${className} is documented with @event`);
      }

      // Parts: those in the element's templates (or set on its nodes) and in the shared
      // templates it renders.
      const sharedTemplates = [...component.matchAll(/from '\.\.\/shared\/([\w-]+)\.js'/g)]
        .map((m) => join(root, 'packages/elements/src/shared', `${m[1]}.ts`))
        .map((file) => readFileSync(file, 'utf8'));
      const parts = new Set(
        [component, ...sharedTemplates]
          .flatMap((text) =>
            // In a template, or set on a node the element makes itself (the link).
            [...text.matchAll(/\spart="([^"]+)"|setAttribute\('part', '([^']+)'\)/g)].map(
              (m) => (m[1] ?? m[2])!,
            ),
          )
          .flatMap((value) => value.split(/\s+/))
          .filter((name) => !name.includes('${')),
      );
      assert.ok(parts.size > 0);
      const documentedParts = new Map(element.cssParts?.map((part) => [part.name, part]));
      for (const part of parts) {
        assert.ok(documentedParts.get(part)?.description, `part "${part}" is documented`);
      }

      // CSS properties: each of the element's own custom properties its styles read.
      const own = new Set(
        [...`${styles}\n${component}`.matchAll(new RegExp(`var\\((--${tag}-[a-z0-9-]+)`, 'g'))].map(
          (m) => m[1]!,
        ),
      );
      assert.ok(own.size > 0, `${tag} has custom properties of its own`);
      const documentedProperties = new Map(element.cssProperties?.map((p) => [p.name, p]));
      for (const property of own) {
        assert.ok(documentedProperties.get(property)?.description, `${property} is documented`);
      }

      // Slots: none today, but any named or default slot must be documented.
      for (const match of component.matchAll(/<slot(?:\s+name="([^"]*)")?/g)) {
        const name = match[1] ?? '';
        assert.ok(
          element.slots?.some((slot) => slot.name === name && slot.description),
          `slot "${name}" is documented`,
        );
      }
    });
  }
});

describe('npm packages, installed from their tarballs', { timeout: 600_000 }, () => {
  let work: string;
  let consumer: string;
  let reactApp: string;
  let tarballs: Awaited<ReturnType<typeof packAll>>;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'kundportal-pack-'));
    tarballs = await packAll(join(work, 'tarballs'));
    consumer = join(work, 'consumer');
    reactApp = join(work, 'react-app');
    await mkdir(consumer);
    await mkdir(reactApp);
    await writeFile(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    await writeFile(
      join(reactApp, 'package.json'),
      JSON.stringify({ name: 'react-app', private: true, type: 'module' }),
    );
    // The npm cache in the home folder is shared with the workspace's install, so this stays
    // quick and mostly offline.
    const install = (cwd: string, packages: string[]) =>
      run(
        npm,
        ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...packages],
        { cwd, timeout: 540_000, maxBuffer: 16 * 1024 * 1024 },
      );
    await Promise.all([
      install(consumer, [tarballs.core, tarballs.elements, tarballs.server]),
      // A new Vite + React app, as `npm create vite` makes one, plus the portal.
      install(reactApp, [
        tarballs.core,
        tarballs.elements,
        tarballs.react,
        ...['react', 'react-dom', 'vite', '@vitejs/plugin-react'].map(workspaceVersion),
        ...['@types/react', '@types/react-dom'].map(workspaceVersion),
      ]),
    ]);
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('packs core, elements, server and react as compiled ES modules with declarations', async () => {
    for (const name of ['core', 'elements', 'server', 'react'] as const) {
      const dir = join(name === 'react' ? reactApp : consumer, 'node_modules', '@kundportal', name);
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      assert.equal(manifest.type, 'module');
      for (const [entry, target] of Object.entries(manifest.exports)) {
        if (typeof target === 'string') {
          assert.ok(existsSync(join(dir, target)), `${name} ${entry}`);
          continue;
        }
        const { types, default: js } = target as { types: string; default: string };
        assert.match(js, /^\.\/dist\/.+\.js$/, `${name} ${entry} points at compiled JavaScript`);
        assert.ok(existsSync(join(dir, js)), `${name} ${entry}: ${js}`);
        assert.ok(existsSync(join(dir, types)), `${name} ${entry}: ${types}`);
      }
      assert.ok(!existsSync(join(dir, 'src')), `${name} ships no TypeScript sources`);
    }
  });

  it('imports @kundportal/core, ./demo and ./testing under Node', async () => {
    const out = await nodeIn(
      consumer,
      `import { MemoryAdapter, HttpAdapter, PortalError } from '@kundportal/core';
       import { DEMO_ACCOUNT } from '@kundportal/core/demo';
       import { runAdapterContract } from '@kundportal/core/testing';
       const adapter = new MemoryAdapter({ signedInAs: DEMO_ACCOUNT.email });
       const page = await adapter.listTickets({ scope: 'mine', status: 'all' });
       console.log(JSON.stringify({
         http: typeof HttpAdapter, error: typeof PortalError,
         contract: typeof runAdapterContract, tickets: page.items.length,
       }));`,
    );
    const result = JSON.parse(out.trim().split('\n').at(-1)!);
    assert.equal(result.http, 'function');
    assert.equal(result.error, 'function');
    assert.equal(result.contract, 'function');
    assert.ok(result.tickets > 0, 'the demo customer has tickets');
  });

  it('imports @kundportal/server under Node and serves /api/portal from PGlite in memory', async () => {
    const out = await nodeIn(
      consumer,
      `import { openDatabase, seedDemo, startServer } from '@kundportal/server';
       const db = await openDatabase({ dataDir: null });
       const publicUrl = 'http://127.0.0.1';
       await seedDemo(db, { publicUrl });
       const server = await startServer({ db, port: 0, publicUrl, devMailbox: false, agentApiKey: null });
       const answer = await fetch(server.url + '/api/portal');
       console.log(JSON.stringify({ status: answer.status, body: await answer.json() }));
       await server.close();
       await db.close();`,
    );
    const { status, body } = JSON.parse(out.trim().split('\n').at(-1)!);
    assert.equal(status, 200);
    assert.equal(body.enabled, true);
    assert.equal(typeof body.title, 'string');
  });

  it('starts with `npx @kundportal/server`, serves the script tag from the package and meets the contract', async () => {
    const site = join(work, 'site');
    await mkdir(site, { recursive: true });
    await writeFile(join(site, 'index.html'), '<!doctype html><title>Our help centre</title>');
    // The script tag's bundle from the installed package, pasted into a page of the site.
    await cp(join(consumer, 'node_modules/@kundportal/elements/cdn'), join(site, 'kundportal'), {
      recursive: true,
    });
    await writeFile(
      join(site, 'support.html'),
      '<!doctype html><html lang="en"><head><title>Support</title><link rel="icon" href="data:,"><script type="module" src="/kundportal/kundportal.js"></script></head><body><customer-portal api="/api"></customer-portal></body></html>',
    );
    const child = spawn(npx, ['--no-install', '@kundportal/server'], {
      cwd: consumer,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: join(work, 'pglite'),
        STATIC_DIR: site,
        AGENT_API_KEY: 'packaging-test-key-0123456789',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: npx runs the server as a child of its own, and both must stop.
      detached: true,
    });
    try {
      const [, url] = await waitForLine(child, /Kundportal is running at (http:\/\/\S+?)\/? /);
      const portal = await fetch(`${url}/api/portal`);
      assert.equal(portal.status, 200);
      assert.equal(((await portal.json()) as { enabled: boolean }).enabled, true);
      const home = await fetch(`${url}/`);
      assert.match(await home.text(), /Our help centre/);
      const agent = await fetch(`${url}/api/agent/settings`, {
        headers: { authorization: 'Bearer packaging-test-key-0123456789' },
      });
      assert.equal(agent.status, 200, 'AGENT_API_KEY is the agent key');
      // The contract checker from @kundportal/core, as a site owner runs it against a backend.
      const { stdout } = await run(
        npx,
        ['--no-install', '@kundportal/core', 'contract-test', `${url}/api`],
        { cwd: consumer, timeout: 180_000 },
      );
      assert.match(stdout, /\d+ cases: \d+ passed, 0 failed/);
      assert.match(stdout, /The backend meets the contract\./);

      const { browser, page, errors } = await openBrowser();
      try {
        await page.goto(`${url}/support.html`);
        await signInByMarkup(page, DEMO_ACCOUNT, 'Invoices fail to export to PDF');
        assert.deepEqual(errors, []);
      } finally {
        await browser.close();
      }
    } finally {
      const exited = new Promise((resolve) => child.once('close', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  });

  it('resolves every per-element entry point and the manifest from the package', async () => {
    const out = await nodeIn(
      consumer,
      `const entries = ${JSON.stringify([...TAGS.map((tag) => `@kundportal/elements/${tag}.js`), '@kundportal/elements', '@kundportal/elements/all.js', '@kundportal/elements/custom-elements.json'])};
       console.log(JSON.stringify(entries.map((entry) => import.meta.resolve(entry))));`,
    );
    const resolved = JSON.parse(out.trim()) as string[];
    for (const url of resolved) assert.ok(existsSync(fileURLToPath(url)), url);
    const packageJson = JSON.parse(
      await readFile(join(consumer, 'node_modules/@kundportal/elements/package.json'), 'utf8'),
    );
    assert.equal(packageJson.customElements, 'custom-elements.json');
    const manifest = JSON.parse(
      await readFile(
        join(consumer, 'node_modules/@kundportal/elements/custom-elements.json'),
        'utf8',
      ),
    ) as Manifest;
    assert.deepEqual([...elementDeclarations(manifest).keys()].sort(), [...TAGS]);
    for (const module of manifest.modules) {
      assert.ok(
        existsSync(join(consumer, 'node_modules/@kundportal/elements', module.path)),
        `manifest module ${module.path} is in the package`,
      );
    }
    // Only the registration modules have side effects, so bundlers drop unused elements.
    assert.deepEqual(
      [...packageJson.sideEffects].sort(),
      ['./dist/all.js', ...TAGS.map((tag) => `./dist/${tag}/${tag}.js`)].sort(),
    );
  });

  for (const moduleResolution of ['bundler', 'nodenext'] as const) {
    it(`type-checks a consumer with moduleResolution ${moduleResolution}: tags and events typed`, async () => {
      const dir = join(consumer, `types-${moduleResolution}`);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      const eventChecks = TAGS.map(
        (tag) =>
          `document.querySelector('${tag}')!.addEventListener('portal-error', (e) => e.error.code);`,
      ).join('\n');
      await writeFile(
        join(dir, 'consumer.ts'),
        `import { MemoryAdapter, type PortalAdapter } from '@kundportal/core';
import { TicketList as TicketListClass, PortalTicketOpenEvent } from '@kundportal/elements';
${TAGS.map((tag) => `import '@kundportal/elements/${tag}.js';`).join('\n')}

const adapter: PortalAdapter = new MemoryAdapter({ signedInAs: 'ada@nordlys.example' });
const list = document.querySelector('ticket-list')!;
const asClass: TicketListClass = list;
list.adapter = adapter;
list.status = 'open';
list.addEventListener('portal-ticket-open', (e) => {
  const id: string = e.ticketId;
  const typed: PortalTicketOpenEvent = e;
  // @ts-expect-error the event is typed, so an unknown field does not compile
  void e.notAField;
  return [id, typed];
});
document.querySelector('ticket-detail')!.addEventListener('portal-reply-sent', (e) => e.message.id);
document.querySelector('support-form')!.addEventListener('portal-ticket-created', (e) => e.ticket.id);
document.querySelector('customer-portal')!.addEventListener('portal-signed-in', (e) => e.session);
window.addEventListener('portal-navigate', (e) => e.route.view);
${eventChecks}
const detail = document.createElement('ticket-detail');
detail.ticketId = '1001';
// @ts-expect-error the tag map types each element, so an unknown property does not compile
detail.notAProperty = 1;
export { asClass };
`,
      );
      await writeFile(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: moduleResolution === 'bundler' ? 'ESNext' : 'NodeNext',
            moduleResolution,
            lib: ['ES2023', 'DOM', 'DOM.Iterable'],
            types: [],
            strict: true,
            noEmit: true,
            skipLibCheck: false,
          },
          files: ['consumer.ts'],
        }),
      );
      try {
        await run(process.execPath, [tsc, '-p', dir], { cwd: dir, timeout: 180_000 });
      } catch (error) {
        const { stdout, stderr } = error as { stdout: string; stderr: string };
        assert.fail(`tsc found errors:\n${stdout}${stderr}`);
      }
    });
  }

  it('bundles with Vite from the installed packages and runs in Chromium', async () => {
    const app = join(consumer, 'app');
    await mkdir(app, { recursive: true });
    await writeFile(
      join(app, 'index.html'),
      '<!doctype html><html lang="en"><head><link rel="icon" href="data:,"></head><body><ticket-list></ticket-list><script type="module" src="./main.js"></script></body></html>',
    );
    await writeFile(
      join(app, 'main.js'),
      `import { MemoryAdapter } from '@kundportal/core';
import { TicketList } from '@kundportal/elements';
// The package root only exports classes: nothing is registered until an entry point is imported.
window.rootRegistered = customElements.get('ticket-list') !== undefined;
window.rootExportsClass = typeof TicketList === 'function';
await import('@kundportal/elements/ticket-list.js');
const list = document.querySelector('ticket-list');
list.adapter = new MemoryAdapter({ signedInAs: 'ada@nordlys.example' });
window.registered = customElements.get('ticket-list') === TicketList;
`,
    );
    await build({
      root: app,
      configFile: false,
      logLevel: 'silent',
      build: { outDir: join(app, 'dist'), emptyOutDir: true },
    });
    const { url, server } = await serveFolder(join(app, 'dist'));
    const { browser, page, errors } = await openBrowser();
    try {
      await page.goto(`${url}/`);
      await page.waitForFunction(() => 'registered' in window);
      const state = await page.evaluate(() => {
        const w = window as unknown as Record<string, boolean>;
        return {
          rootRegistered: w.rootRegistered,
          rootExportsClass: w.rootExportsClass,
          registered: w.registered,
        };
      });
      assert.deepEqual(state, { rootRegistered: false, rootExportsClass: true, registered: true });
      // The demo customer's ticket shows in the list, rendered from the bundle.
      await page.waitForFunction(() =>
        document
          .querySelector('ticket-list')
          ?.shadowRoot?.textContent?.includes('Invoices fail to export to PDF'),
      );
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      server.close();
    }
  });

  it('renders <TicketList> from @kundportal/react in a new Vite + React app, in Chromium', async () => {
    await mkdir(join(reactApp, 'src'), { recursive: true });
    await writeFile(
      join(reactApp, 'index.html'),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Our app</title></head><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>',
    );
    await writeFile(
      join(reactApp, 'vite.config.js'),
      `import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({ plugins: [react()] });
`,
    );
    await writeFile(
      join(reactApp, 'src', 'main.tsx'),
      `import { MemoryAdapter } from '@kundportal/core';
import { TicketList, type PortalTicketOpenEvent } from '@kundportal/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

const adapter = new MemoryAdapter({ signedInAs: 'ada@nordlys.example' });

function App() {
  const [opened, setOpened] = useState<string | null>(null);
  const open = (event: PortalTicketOpenEvent) => {
    // The app routes itself: the row's link is not followed.
    event.preventDefault();
    const id: string = event.ticketId;
    // @ts-expect-error the event is typed, so an unknown field does not compile
    void event.notAField;
    setOpened(id);
  };
  return (
    <main>
      <h1>Our app</h1>
      <TicketList adapter={adapter} status="all" onPortalTicketOpen={open} />
      <p>{opened ? \`The app opened ticket \${opened}\` : 'No ticket opened yet'}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`,
    );
    await writeFile(
      join(reactApp, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'bundler',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          jsx: 'react-jsx',
          types: [],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
        },
        include: ['src'],
      }),
    );
    try {
      await run(process.execPath, [tsc, '-p', reactApp], { cwd: reactApp, timeout: 180_000 });
    } catch (error) {
      const { stdout, stderr } = error as { stdout: string; stderr: string };
      assert.fail(`tsc found errors:\n${stdout}${stderr}`);
    }
    // The app's own Vite, from its node_modules.
    await run(npx, ['--no-install', 'vite', 'build', '--logLevel', 'warn'], {
      cwd: reactApp,
      timeout: 180_000,
    });

    const { url, server } = await serveFolder(join(reactApp, 'dist'));
    const { browser, page, errors } = await openBrowser();
    try {
      await page.goto(`${url}/`);
      await waitForText(page, 'No ticket opened yet');
      await followLink(page, 'Invoices fail to export to PDF');
      await waitForText(page, 'The app opened ticket 1001');
      assert.equal(await page.evaluate(() => location.hash), '', 'the link was not followed');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      server.close();
    }
  });
});
