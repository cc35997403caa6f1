#!/usr/bin/env node
// `kundportal-core contract-test <api-url>`: proves that a backend, written in any language,
// answers the portal's HTTP API the way the elements expect. It runs the adapter contract suite
// (`@kundportal/core/testing`) through HttpAdapter against the URL and prints what passed.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { run } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TARGET_VARIABLE, lastLinkFromHook, type ContractTarget } from './contract-target.js';

const USAGE = `Usage: kundportal-core contract-test <api-url> [options]

Runs the Kundportal adapter contract suite against the HTTP API at <api-url>
(e.g. http://localhost:8787/api). The backend must hold the demo data set
(@kundportal/core/demo: Nordlys Support, ada@nordlys.example and tickets 1001-1006),
freshly loaded: the suite files tickets and replies.

Options:
  --mail-hook <url>   A test hook of the backend that tells the newest link mailed to an
                      address: GET <url>?email=<address>&purpose=<verify|invitation|reset|sign-in>
                      answers {"token": "<token>"} or {"token": null}. Without it the cases
                      that follow a mailed link are skipped, never passed.
  --timeout <ms>      How long one request may take (default 15000).
  -h, --help          This text.

Exits 0 when every case passed (skipped ones say why), 1 when any failed, 2 on bad usage.`;

type Outcome = 'passed' | 'failed' | 'skipped';

interface CaseResult {
  name: string;
  outcome: Outcome;
  detail?: string;
}

/** What went wrong, as the suite's assertion said it, without the runner's wrapping. */
function reasonOf(error: unknown): string {
  const inner = (error as { cause?: unknown } | undefined)?.cause ?? error;
  const check = inner as { generatedMessage?: boolean; operator?: string; stack?: string };
  if (check.generatedMessage && check.operator === '==') {
    const failed = failedCheck(check.stack ?? '');
    if (failed) return `This check failed (${failed.where}):\n${failed.code}`;
  }
  const message =
    inner instanceof Error || (inner as { message?: unknown }).message !== undefined
      ? String((inner as { message: unknown }).message)
      : String(inner);
  return message.trim();
}

/**
 * The check in the suite's source that failed, read at the stack's first frame. `assert.ok`
 * quotes it itself, but reads the file at the position of the code that ran, which is off when
 * the suite runs from TypeScript source; the stack is source-mapped.
 */
function failedCheck(stack: string): { where: string; code: string } | undefined {
  const frame = /\((file:\/\/[^)]+?|\/[^)]+?):(\d+):\d+\)/.exec(stack);
  if (!frame) return undefined;
  const [, location = '', line = ''] = frame;
  try {
    const file = location.startsWith('file:') ? fileURLToPath(location) : location;
    const lines = readFileSync(file, 'utf8').split('\n');
    const code: string[] = [];
    for (let index = Number(line) - 1; index < lines.length && code.length < 8; index += 1) {
      code.push(lines[index]!.trim());
      if (/\);?$/.test(lines[index]!.trim())) break;
    }
    return { where: `${basename(file)}:${line}`, code: code.join(' ') };
  } catch {
    return undefined;
  }
}

/** Checks the backend answers at all before running the suite, for a clearer message. */
async function preflight(target: ContractTarget): Promise<string | null> {
  const portalUrl = new URL('portal', `${target.apiUrl.replace(/\/+$/, '')}/`);
  try {
    const response = await fetch(portalUrl, { signal: AbortSignal.timeout(target.timeoutMs) });
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || !type.includes('application/json')) {
      return `GET ${portalUrl.href} answered ${response.status} ${type || '(no content type)'}, not the portal config as JSON. Is ${target.apiUrl} the API base?`;
    }
  } catch (error) {
    return `Cannot reach ${portalUrl.href}: ${reasonOf(error)}`;
  }
  if (target.mailHook) {
    try {
      await lastLinkFromHook(target.mailHook, 'nobody@example.invalid', 'verify');
    } catch (error) {
      return `The mail hook does not work: ${reasonOf(error)}`;
    }
  }
  return null;
}

/** Runs the suite in a test runner process and collects one result per case. */
async function runSuite(
  target: ContractTarget,
): Promise<{ results: CaseResult[]; other: string[] }> {
  // The suite file next to this one: `.ts` when run from source, `.js` when built.
  const suite = fileURLToPath(
    new URL(`./contract-suite${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
  );
  process.env[TARGET_VARIABLE] = JSON.stringify(target);
  // Started from inside another test run (a project's own CI), this process would inherit its
  // runner's context and report to it instead of to the stream read here.
  delete process.env.NODE_TEST_CONTEXT;
  const results: CaseResult[] = [];
  // Failures outside a case: a hook of the suite, or the suite file itself.
  const other: string[] = [];
  const stream = run({ files: [suite], concurrency: 1 });
  stream.on('test:pass', (event) => {
    if (event.details.type === 'suite' || event.nesting === 0) return;
    const skip = event.skip;
    if (skip !== undefined && skip !== false) {
      results.push({
        name: event.name,
        outcome: 'skipped',
        detail: typeof skip === 'string' ? skip : 'skipped',
      });
    } else {
      results.push({ name: event.name, outcome: 'passed' });
    }
    printCase(results.at(-1)!);
  });
  stream.on('test:fail', (event) => {
    const reason = reasonOf(event.details.error);
    if (event.details.type === 'suite' || event.nesting === 0) {
      if (!/\d+ subtests? failed/.test(reason)) other.push(`${event.name}: ${reason}`);
      return;
    }
    results.push({ name: event.name, outcome: 'failed', detail: reason });
    printCase(results.at(-1)!);
  });
  // The runner's own output (TAP) is drained unprinted: the results above say it better.
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
    stream.resume();
  });
  return { results, other };
}

function printCase({ name, outcome, detail }: CaseResult): void {
  const mark = { passed: '✔', failed: '✖', skipped: '-' }[outcome];
  const line = `  ${mark} ${name}${outcome === 'skipped' ? ` (skipped: ${detail})` : ''}`;
  console.log(line);
  if (outcome === 'failed' && detail) {
    console.log(detail.replace(/^/gm, '      '));
  }
}

async function contractTest(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'mail-hook': { type: 'string' },
      timeout: { type: 'string', default: '15000' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [apiUrl] = positionals;
  const timeoutMs = Number(values.timeout);
  if (positionals.length !== 1 || !apiUrl || !URL.canParse(apiUrl) || !(timeoutMs > 0)) {
    console.error(USAGE);
    return 2;
  }
  const target: ContractTarget = { apiUrl, mailHook: values['mail-hook'] ?? null, timeoutMs };
  console.log(`Kundportal adapter contract against ${apiUrl}`);
  const unreachable = await preflight(target);
  if (unreachable) {
    console.error(`✖ ${unreachable}`);
    return 1;
  }
  const { results, other } = await runSuite(target);
  for (const problem of other) console.error(`✖ ${problem}`);
  const count = (outcome: Outcome) => results.filter((r) => r.outcome === outcome).length;
  const failed = count('failed');
  console.log(
    `\n${results.length} cases: ${count('passed')} passed, ${failed} failed, ${count('skipped')} skipped`,
  );
  if (failed || other.length || results.length === 0) {
    console.log('The backend does not meet the contract yet.');
    return 1;
  }
  console.log('The backend meets the contract.');
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'contract-test') return contractTest(rest);
  if (command === '-h' || command === '--help' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  console.error(command ? `Unknown command "${command}".\n\n${USAGE}` : USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
