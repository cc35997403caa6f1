import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const summaryFile = resolve(root, '.tmp/wtr-summary.json');

/** Counts every test in a suite and its nested suites. */
function countSuite(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites ?? []) countSuite(child, totals);
}

/** Writes `{ passed, failed, skipped }` for `npm test`; a file that failed to load counts as one failure. */
function summaryFileReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const before = totals.failed;
        if (session.testResults) countSuite(session.testResults, totals);
        if (!session.passed && totals.failed === before) totals.failed += 1;
      }
      mkdirSync(dirname(summaryFile), { recursive: true });
      writeFileSync(summaryFile, `${JSON.stringify(totals)}\n`);
    },
  };
}

/** A stand-in API at `/__test-api/`, so tests of the `api` attribute make real requests. */
function testApi(context, next) {
  if (!context.path.startsWith('/__test-api/')) return next();
  context.type = 'application/json';
  if (context.path === '/__test-api/portal') {
    context.body = JSON.stringify({ enabled: true, title: 'Test API Portal' });
  } else {
    context.status = 503;
    context.body = JSON.stringify({ error: { code: 'unavailable', message: 'Test API.' } });
  }
  return undefined;
}

export default {
  rootDir: root,
  files: ['packages/elements/src/**/*.test.ts'],
  nodeResolve: true,
  // One page at a time: Chromium gives animation frames only to the visible page.
  concurrency: 1,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 5000 } },
  // Lit's dev build catches mistakes in tests; its banner says nothing worth reading.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  middleware: [testApi],
  plugins: [esbuildPlugin({ ts: true, tsconfig: resolve(root, 'tsconfig.json') })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: findChromium(),
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  reporters: [defaultReporter(), summaryFileReporter()],
};
