// Builds the publishable npm packages: each workspace package compiled with tsc (ES modules and
// .d.ts, unbundled) into a staging folder whose package.json points at the compiled files, then
// `npm pack`ed. The workspace package.json files keep pointing at src/*.ts, which the dev loop
// (tsx, Vite, web-test-runner, Storybook) runs directly.
//
//   node scripts/pack.mjs [out-dir]      (default: dist/packages)
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * What each package adds to its compiled `dist/`: files it reads at runtime or documents itself
 * with, compiled files that must not ship (the server's demo identity providers need
 * development-only dependencies), a command line, and the script-tag bundle.
 */
const PACKAGES = {
  // `npx @kundportal/core contract-test <api-url>`: the contract checker.
  core: { bin: { 'kundportal-core': './dist/cli/main.js' } },
  // `cdn/`: the script-tag bundle (`vite build`), for site owners who get it from npm.
  elements: { extraFiles: ['custom-elements.json'], manifest: 'custom-elements.json', cdn: 'cdn' },
  server: {
    extraFiles: ['migrations'],
    omit: ['dist/dev-idp'],
    bin: { 'kundportal-server': './dist/cli.js' },
  },
  react: {},
};

/** A package's workspace folder, e.g. `packages/core`. */
const packageDir = (name) => join(root, 'packages', name);

async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** `./src/x/y.ts` -> `./dist/x/y` (without extension); anything else is left alone. */
function compiledBase(target) {
  const match = /^\.\/src\/(.+)\.ts$/.exec(target);
  return match ? `./dist/${match[1]}` : null;
}

/**
 * The custom elements manifest names the source modules (`src/x/x.component.ts`); the package
 * ships their compiled forms, so point `path` and `module` references at those.
 */
function compiledModulePaths(value) {
  if (Array.isArray(value)) return value.map(compiledModulePaths);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      (key === 'path' || key === 'module') && typeof item === 'string'
        ? item.replace(/^(\/?)src\//, '$1dist/').replace(/\.ts$/, '.js')
        : compiledModulePaths(item),
    ]),
  );
}

/** One `exports` target rewritten to its compiled JavaScript and declarations. */
function compiledExport(target) {
  if (typeof target !== 'string') return target;
  const base = compiledBase(target);
  if (!base) return target;
  return { types: `${base}.d.ts`, default: `${base}.js` };
}

/**
 * The published package.json: the workspace one with `exports` and `sideEffects` pointing at
 * dist/, and what only a published package needs (`files`, `bin`, `customElements`).
 */
export function publishedManifest(workspaceManifest, extras = {}) {
  const manifest = structuredClone(workspaceManifest);
  delete manifest.devDependencies;
  delete manifest.scripts;
  manifest.exports = Object.fromEntries(
    Object.entries(manifest.exports ?? {}).map(([key, target]) => [key, compiledExport(target)]),
  );
  manifest.exports['./package.json'] = './package.json';
  if (extras.manifest) manifest.exports[`./${extras.manifest}`] = `./${extras.manifest}`;
  const root = manifest.exports['.'];
  if (root && typeof root === 'object') {
    manifest.main = root.default;
    manifest.types = root.types;
  }
  if (Array.isArray(manifest.sideEffects)) {
    manifest.sideEffects = manifest.sideEffects.map((file) => {
      const base = compiledBase(file);
      return base ? `${base}.js` : file;
    });
  }
  if (extras.bin) manifest.bin = extras.bin;
  if (extras.manifest) manifest.customElements = extras.manifest;
  manifest.files = ['dist', ...(extras.extraFiles ?? []), ...(extras.cdn ? [extras.cdn] : [])];
  return manifest;
}

/**
 * Compiles `name` into `stage/dist` with its tsconfig.build.json. Imports of sibling packages
 * resolve to their already compiled declarations, so their sources stay out of this program.
 */
async function compile(name, stage, compiledSiblings) {
  const paths = {};
  for (const [sibling, siblingStage] of Object.entries(compiledSiblings)) {
    const manifest = JSON.parse(await readFile(join(siblingStage, 'package.json'), 'utf8'));
    for (const [key, target] of Object.entries(manifest.exports)) {
      if (typeof target !== 'object' || !target.types) continue;
      const specifier = `@kundportal/${sibling}${key === '.' ? '' : key.slice(1)}`;
      paths[specifier] = [join(siblingStage, target.types)];
    }
  }
  const config = join(stage, 'tsconfig.pack.json');
  await writeFile(
    config,
    JSON.stringify({
      extends: join(packageDir(name), 'tsconfig.build.json'),
      compilerOptions: {
        rootDir: join(packageDir(name), 'src'),
        outDir: join(stage, 'dist'),
        paths,
        // Type packages resolve from the repository, not from the staging folder.
        typeRoots: [join(root, 'node_modules', '@types')],
      },
    }),
  );
  try {
    await run(process.execPath, [tsc, '-p', config], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`tsc failed for @kundportal/${name}:\n${error.stdout}${error.stderr}`);
  }
  await rm(config);
}

/** The script-tag bundle, as `vite build` makes dist/cdn, built into `outDir`. */
async function buildScriptBundle(outDir) {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  try {
    await run(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', outDir], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    throw new Error(`vite build failed:\n${error.stdout}${error.stderr}`);
  }
  // The build's import graph, for measuring sizes, is no part of what a site serves.
  await rm(join(outDir, '.vite'), { recursive: true, force: true });
}

/** Stages, compiles and packs one package; returns the tarball's path. */
async function packOne(name, outDir, stagingRoot, compiled) {
  const extras = PACKAGES[name];
  const stage = join(stagingRoot, name);
  await mkdir(stage, { recursive: true });
  const workspaceManifest = JSON.parse(
    await readFile(join(packageDir(name), 'package.json'), 'utf8'),
  );
  await writeFile(
    join(stage, 'package.json'),
    `${JSON.stringify(publishedManifest(workspaceManifest, extras), null, 2)}\n`,
  );
  await compile(name, stage, compiled);
  for (const omitted of extras.omit ?? []) await rm(join(stage, omitted), { recursive: true });
  for (const file of extras.extraFiles ?? []) {
    const source = join(packageDir(name), file);
    if (!(await exists(source))) throw new Error(`@kundportal/${name}: ${file} is missing`);
    await cp(source, join(stage, file), { recursive: true });
  }
  if (extras.manifest) {
    const path = join(stage, extras.manifest);
    const manifest = compiledModulePaths(JSON.parse(await readFile(path, 'utf8')));
    await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
  }
  for (const file of ['README.md', 'LICENSE']) {
    const source = (await exists(join(packageDir(name), file)))
      ? join(packageDir(name), file)
      : join(root, file);
    if (await exists(source)) await cp(source, join(stage, file));
  }
  if (extras.cdn) await buildScriptBundle(join(stage, extras.cdn));
  compiled[name] = stage;
  const { stdout } = await run(npm, ['pack', '--json', '--pack-destination', outDir], {
    cwd: stage,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [{ filename }] = JSON.parse(stdout);
  return join(outDir, filename);
}

/**
 * Packs @kundportal/core, elements, server and react into `outDir`, returning each tarball's
 * path.
 * @param {string} outDir
 * @returns {Promise<{ core: string, elements: string, server: string, react: string }>}
 */
export async function packAll(outDir) {
  outDir = resolve(outDir);
  await mkdir(outDir, { recursive: true });
  // Inside the repository, so the compiled declarations resolve lit, ky and the rest from its
  // node_modules when the next package compiles against them.
  await mkdir(join(root, '.tmp'), { recursive: true });
  const stagingRoot = await mkdtemp(join(root, '.tmp', 'pack-'));
  const compiled = {};
  const tarballs = {};
  try {
    // Dependency order: each package compiles against the declarations of those before it.
    for (const name of ['core', 'elements', 'server', 'react']) {
      tarballs[name] = await packOne(name, outDir, stagingRoot, compiled);
    }
  } finally {
    await rm(stagingRoot, { recursive: true, force: true });
  }
  return tarballs;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const tarballs = await packAll(process.argv[2] ?? join(root, 'dist', 'packages'));
  for (const [name, path] of Object.entries(tarballs)) console.log(`@kundportal/${name}: ${path}`);
}
