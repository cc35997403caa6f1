// `npm test`: every check and test suite, then one closing line `N passed, N failed`.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** A check counts as one test: it passes when its command exits 0. */
async function check(name, command, args) {
  console.log(`\n=== ${name}`);
  const code = await run(command, args);
  if (code === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    console.log(`--- ${name} failed (exit ${code})`);
  }
  return code === 0;
}

function testFiles(dir, suffix) {
  const found = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules')
      found.push(...testFiles(path, suffix));
    else if (entry.name.endsWith(suffix)) found.push(path);
  }
  return found.sort();
}

/** Runs node:test files; counts come from the TAP summary written beside the console output. */
async function nodeSuite(name, files, env = {}) {
  console.log(`\n=== ${name} (${files.length} files)`);
  const tap = join(tmp, `${name.replace(/\W+/g, '-')}.tap`);
  rmSync(tap, { force: true });
  const code = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    env,
  );
  let text = '';
  try {
    text = readFileSync(tap, 'utf8');
  } catch {
    // no summary: the run itself failed, counted below
  }
  const count = (label) => Number(text.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  totals.skipped += count('skipped');
  if (code !== 0 && count('fail') + count('cancelled') === 0) totals.failed += 1;
}

async function browserSuite(env) {
  console.log('\n=== element tests in Chromium (@web/test-runner)');
  const summaryPath = join(tmp, 'wtr-summary.json');
  rmSync(summaryPath, { force: true });
  const code = await run(bin('wtr'), ['--config', 'web-test-runner.config.mjs'], env);
  let summary = { passed: 0, failed: 0, skipped: 0 };
  try {
    summary = JSON.parse(readFileSync(summaryPath, 'utf8'));
  } catch {
    // no summary: the runner did not finish, counted below
  }
  totals.passed += summary.passed;
  totals.failed += summary.failed;
  totals.skipped += summary.skipped;
  if (code !== 0 && summary.failed === 0) totals.failed += 1;
}

let chromium;
try {
  chromium = findChromium({ install: true });
} catch (error) {
  console.error(`\n${error.message}\n`);
  console.log(`${totals.passed} passed, 1 failed`);
  process.exit(1);
}
const browserEnv = { CHROME_PATH: chromium };

await check('type-check (tsc)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
await check('lint (eslint)', bin('eslint'), ['.']);
await check('format (prettier)', bin('prettier'), ['--check', '.']);
const built = await check('script bundle (vite build)', bin('vite'), [
  'build',
  '--logLevel',
  'warn',
]);

const unitFiles = [
  ...testFiles('packages/core/src', '.test.ts'),
  ...testFiles('packages/server/src', '.test.ts'),
  ...testFiles('test', '.test.ts').filter((file) => !file.startsWith(join('test', 'e2e'))),
];
await nodeSuite('core, server and contract tests', unitFiles);
await browserSuite(browserEnv);
// The static Storybook, which test/e2e/storybook.test.ts opens in Chromium.
await check('Storybook (storybook build)', bin('storybook'), [
  'build',
  '--output-dir',
  'dist/storybook',
  '--quiet',
  '--loglevel',
  'warn',
  '--disable-telemetry',
]);
if (built) await nodeSuite('end-to-end in Chromium', testFiles('test/e2e', '.test.ts'), browserEnv);
else totals.failed += 1;

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed ? 1 : 0);
