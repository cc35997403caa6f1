// Bundle size: the script-tag bundle built with the project's own Vite config into a folder of
// the benchmark's (so a build running beside it cannot swap files underneath), then measured by
// scripts/size.mjs, the same function the size-budget test uses.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { measureBundle } from '../scripts/size.mjs';
import type { ResultRow } from './stats.js';

const CONFIG = fileURLToPath(new URL('../vite.config.ts', import.meta.url));

/** Where the benchmark builds the bundle; the Lighthouse part serves it as `/cdn/`. */
export const BENCH_CDN = fileURLToPath(new URL('../.tmp/bench/cdn/', import.meta.url));

const kB = (bytes: number) => bytes / 1000;

/** Builds the bundle into `BENCH_CDN` and returns its sizes as rows, pages first. */
export async function benchSize(log: (line: string) => void): Promise<ResultRow[]> {
  log('size: vite build');
  await build({
    configFile: CONFIG,
    logLevel: 'warn',
    build: { outDir: BENCH_CDN, emptyOutDir: true },
  });
  const sizes = measureBundle(BENCH_CDN);
  const section = 'size (min + gzip)';
  const pages = [
    ['loader (kundportal.js)', sizes.loader],
    ['page with only kb-portal-link', sizes.kbPortalLink],
    ['signed-in portal: list, detail, DOMPurify, ky', sizes.portal],
  ] as const;
  const rows: ResultRow[] = pages.map(([metric, size]) => ({
    section,
    metric,
    unit: 'kB',
    value: kB(size.gzip),
    target: { text: `≤ ${kB(size.budget)} kB`, met: size.gzip <= size.budget },
    note: `min ${kB(size.min).toFixed(1)} kB, brotli ${kB(size.brotli).toFixed(2)} kB, ${size.files.length} file${size.files.length === 1 ? '' : 's'}`,
  }));
  for (const chunk of sizes.chunks) {
    rows.push({
      section: 'size of each chunk (min + gzip)',
      metric: chunk.file,
      unit: 'kB',
      value: kB(chunk.gzip),
      note: `min ${kB(chunk.min).toFixed(1)} kB, brotli ${kB(chunk.brotli).toFixed(2)} kB`,
    });
  }
  return rows;
}
