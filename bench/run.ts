// `npm run bench`: bundle size, element timings in Chromium, the server under load on PGlite and
// on PostgreSQL, and Lighthouse, in that order. Prints one table and writes bench/results.json
// and bench/results.md.
//
//   npm run bench                      every part, full repetitions
//   npm run bench -- --quick           fewer and shorter repetitions, smaller data: a smoke test
//   npm run bench -- --only=size,lighthouse   some parts (size, elements, pglite, postgres, lighthouse)
//
// A quick run, or one of some parts, writes .tmp/bench/results-partial.* instead, so the
// results kept in bench/ always come from a full run.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, platform, release, totalmem } from 'node:os';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { findChromium } from '../scripts/chromium.mjs';
import { benchElements } from './elements.js';
import { benchLighthouse } from './lighthouse.js';
import { benchServerOn, postgresProblem } from './server.js';
import { BENCH_CDN, benchSize } from './size.js';
import { markdownTable, ratioOf, round, type ResultRow } from './stats.js';

const PARTS = ['size', 'elements', 'pglite', 'postgres', 'lighthouse'] as const;
type Part = (typeof PARTS)[number];

const { values: args } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const quick = args.quick ?? false;
const only = (args.only?.split(',').map((part) => part.trim()) ?? [...PARTS]) as Part[];
const unknown = only.filter((part) => !PARTS.includes(part));
if (unknown.length) {
  console.error(`unknown part ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}`);
  process.exit(2);
}

/** Repetitions and data sizes: the full run, and a quick one that only shows everything works. */
const PLAN = quick
  ? {
      elements: { runs: 3, warmups: 1, scrollRuns: 1, tickets: 2_000, messages: 100 },
      server: { connections: 50, seconds: 2, runs: 1, replies: 3, scale: 0.1 },
      lighthouse: { runs: 1 },
    }
  : {
      elements: { runs: 7, warmups: 2, scrollRuns: 2, tickets: 10_000, messages: 500 },
      server: { connections: 50, seconds: 4, runs: 3, replies: 10, scale: 1 },
      lighthouse: { runs: 3 },
    };

const started = performance.now();
const log = (line: string) => {
  const seconds = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[${seconds} s] ${line}\n`);
};

// Installs Debian's package on a fresh machine, as `npm test` does.
const chromium = findChromium({ install: true });
const require = createRequire(import.meta.url);
const versionOf = (name: string) =>
  (require(`${name}/package.json`) as { version: string }).version;
const machine = {
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  memoryGB: Math.round(totalmem() / 1e9),
  os: `${platform()} ${release()}`,
};
const versions = {
  node: process.version,
  // Debian's wrapper script complains on stderr about its own checks; the version is on stdout.
  chromium: execFileSync(chromium, ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim(),
  lighthouse: versionOf('lighthouse'),
  autocannon: versionOf('autocannon'),
};

const rows: ResultRow[] = [];
const parts: { part: Part; seconds: number; error?: string }[] = [];
let lighthouseShortfalls: Record<string, string[]> = {};

/** Runs one part if it was asked for; a part that fails is reported and the others still run. */
async function part(name: Part, run: () => Promise<ResultRow[]>): Promise<void> {
  if (!only.includes(name)) return;
  const partStarted = performance.now();
  try {
    rows.push(...(await run()));
    parts.push({ part: name, seconds: Math.round((performance.now() - partStarted) / 1000) });
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`${name} failed: ${message}`);
    parts.push({
      part: name,
      seconds: Math.round((performance.now() - partStarted) / 1000),
      error: message.split('\n')[0]!,
    });
  }
}

log(
  `${quick ? 'quick' : 'full'} run on ${machine.cpu}, ${machine.cores} cores, ${versions.node}, ${versions.chromium}`,
);
// The Lighthouse part serves the bundle the size part builds.
await part('size', () => benchSize(log));
await part('elements', () => benchElements({ chromium, ...PLAN.elements, log }));
await part('pglite', async () => (await benchServerOn('PGlite', { ...PLAN.server, log })).rows);
await part('postgres', async () => {
  const problem = await postgresProblem();
  if (problem) throw new Error(problem);
  return (await benchServerOn('PostgreSQL', { ...PLAN.server, log })).rows;
});
await part('lighthouse', async () => {
  if (!only.includes('size')) await benchSize(log);
  const result = await benchLighthouse({ chromium, cdnDir: BENCH_CDN, ...PLAN.lighthouse, log });
  lighthouseShortfalls = result.shortfalls;
  return result.rows;
});

const date = new Date().toISOString();
const seconds = (performance.now() - started) / 1000;
const targets = rows
  .filter((row) => row.target)
  .map((row) => ({
    section: row.section,
    metric: row.metric,
    target: row.target!.text,
    met: row.target!.met,
    value: typeof row.value === 'number' ? row.value : row.value.median,
    unit: row.unit,
  }));
const failed = parts.filter((p) => p.error);

const results = {
  date,
  mode: quick ? 'quick' : 'full',
  seconds: Math.round(seconds),
  machine,
  versions,
  plan: PLAN,
  parts,
  targets,
  lighthouseShortfalls,
  results: rows.map((row) => ({ ...row, ratio: ratioOf(row) ?? null })),
};

const table = markdownTable(rows);
const markdown = [
  `Run of ${date.slice(0, 16).replace('T', ' ')} UTC (${results.mode}, ${Math.round(seconds / 60)} min): ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, ${machine.os}; Node ${versions.node}, ${versions.chromium}, Lighthouse ${versions.lighthouse}, autocannon ${versions.autocannon}.`,
  '',
  'Timings are the median of the runs, with the fastest and slowest in brackets; the ratio is value ÷ baseline, both measured in the same run.',
  '',
  table,
  '',
  `Targets met: ${targets.filter((t) => t.met).length} of ${targets.length}.`,
  ...(failed.length
    ? ['', 'Parts that did not finish:', '', ...failed.map((p) => `- ${p.part}: ${p.error}`)]
    : []),
  ...(Object.keys(lighthouseShortfalls).length
    ? [
        '',
        'Lighthouse audits that cost points (last run):',
        '',
        ...Object.entries(lighthouseShortfalls).map(
          ([page, audits]) => `- ${page}: ${audits.length ? audits.join('; ') : 'none'}`,
        ),
      ]
    : []),
  '',
].join('\n');

const complete = !quick && only.length === PARTS.length;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const outDir = complete ? `${repoRoot}bench/` : `${repoRoot}.tmp/bench/`;
const here = (file: string) => `${outDir}${complete ? file : file.replace('.', '-partial.')}`;
await mkdir(outDir, { recursive: true });
// Written as Prettier would, with the project's settings, so the kept results pass `npm run lint`.
const formatted = async (file: string, text: string) =>
  format(text, { ...(await resolveConfig(file)), filepath: file });
await writeFile(
  here('results.json'),
  await formatted(here('results.json'), JSON.stringify(results, null, 2)),
);
await writeFile(here('results.md'), await formatted(here('results.md'), markdown));

console.log(`\n${table}\n`);
for (const target of targets) {
  console.log(
    `${target.met ? 'met   ' : 'MISSED'}  ${target.section}: ${target.metric}: ${round(target.value)} ${target.unit}, target ${target.target}`,
  );
}
for (const p of failed) console.log(`FAILED  ${p.part}: ${p.error}`);
const written = [here('results.json'), here('results.md')].map((file) => relative(repoRoot, file));
console.log(`\n${Math.round(seconds)} s; wrote ${written.join(' and ')}`);
process.exitCode = failed.length ? 1 : 0;
