// Sizes of the script-tag bundle (dist/cdn, built by `vite build`), minified as built, then gzip
// and brotli at their highest levels, one file at a time as a server sends them. Pages are sets
// of chunks computed from the import graph in dist/cdn/.vite/manifest.json, never from file names.
//
//   node scripts/size.mjs [dir]    -> a table of the pages and every chunk, against the budgets
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Where `vite build` writes the bundle. */
export const CDN_DIR = join(root, 'dist', 'cdn');

/** Budgets in bytes (1 kB = 1000 bytes), min + gzip, per page. */
export const BUDGETS = { loader: 3000, kbPortalLink: 8000, portal: 35000 };

/** Source modules, as paths inside the repository, that start each measured page. */
const LOADER = 'packages/elements/src/loader.ts';
const KB_PORTAL_LINK = 'packages/elements/src/kb-portal-link/kb-portal-link.ts';
const PORTAL_ELEMENTS = [
  'packages/elements/src/customer-portal/customer-portal.ts',
  'packages/elements/src/ticket-list/ticket-list.ts',
  'packages/elements/src/ticket-detail/ticket-detail.ts',
];

/**
 * What the signed-in portal imports on demand while it shows the ticket list and a ticket with
 * agent HTML, and sends a reply: the one place that names those modules. Not counted: another
 * language's texts, and the virtualizer, which only lists longer than 100 tickets load.
 */
const PORTAL_ON_DEMAND = [
  // DOMPurify, for the agent's HTML in the conversation.
  'packages/elements/src/ticket-detail/sanitize-html.ts',
  // ky, which HttpAdapter imports for its first write (the reply).
  'node_modules/ky/distribution/index.js',
];

/**
 * @typedef {{ min: number, gzip: number, brotli: number }} Size
 * @typedef {Size & { file: string, name: string, src?: string }} ChunkSize
 * @typedef {Size & { files: string[], budget: number }} PageSize
 * @typedef {{ loader: PageSize, kbPortalLink: PageSize, portal: PageSize, chunks: ChunkSize[] }} BundleSizes
 */

/** @param {Buffer} bytes @returns {Size} */
function sizeOf(bytes) {
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

/**
 * Min, gzip and brotli sizes of the bundle in `dir`: the loader alone, a page with only
 * `<kb-portal-link>`, the signed-in portal (list, detail with agent HTML, a reply sent) and
 * every chunk, largest first.
 * @param {string} [dir]
 * @returns {BundleSizes}
 */
export function measureBundle(dir = CDN_DIR) {
  /** @type {Record<string, { file: string, name?: string, src?: string, imports?: string[] }>} */
  const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8'));
  // Manifest keys are module paths relative to the build's root (or `_name-hash.js` for shared
  // chunks); the source path inside the repository finds a module whatever the root.
  const keyOf = (module) => {
    const key = Object.keys(manifest).find(
      (candidate) => !candidate.startsWith('_') && candidate.replace(/^(\.\.\/)+/, '') === module,
    );
    if (!key) throw new Error(`${module} is not in ${join(dir, '.vite', 'manifest.json')}`);
    return key;
  };
  /** The chunk files a module loads before it runs: its own and its static imports', deeply. */
  const closure = (keys) => {
    const files = new Set();
    const seen = new Set();
    const visit = (key) => {
      if (seen.has(key)) return;
      seen.add(key);
      const chunk = manifest[key];
      if (!chunk) throw new Error(`${key} is imported but not in the manifest`);
      files.add(chunk.file);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    keys.forEach(visit);
    return [...files];
  };

  /** @type {Map<string, Size>} */
  const sizes = new Map();
  const fileSize = (file) => {
    if (!sizes.has(file)) sizes.set(file, sizeOf(readFileSync(join(dir, file))));
    return /** @type {Size} */ (sizes.get(file));
  };
  /** @returns {PageSize} */
  const page = (modules, budget) => {
    const files = closure(modules.map(keyOf)).sort();
    const total = { min: 0, gzip: 0, brotli: 0 };
    for (const file of files) {
      const size = fileSize(file);
      total.min += size.min;
      total.gzip += size.gzip;
      total.brotli += size.brotli;
    }
    return { ...total, files, budget };
  };

  const chunks = [];
  const seenFiles = new Set();
  for (const chunk of Object.values(manifest)) {
    if (seenFiles.has(chunk.file) || !chunk.file.endsWith('.js')) continue;
    seenFiles.add(chunk.file);
    chunks.push({
      file: chunk.file,
      name: chunk.name ?? chunk.file,
      ...(chunk.src ? { src: chunk.src.replace(/^(\.\.\/)+/, '') } : {}),
      ...fileSize(chunk.file),
    });
  }
  chunks.sort((a, b) => b.gzip - a.gzip);

  return {
    loader: page([LOADER], BUDGETS.loader),
    kbPortalLink: page([LOADER, KB_PORTAL_LINK], BUDGETS.kbPortalLink),
    portal: page([LOADER, ...PORTAL_ELEMENTS, ...PORTAL_ON_DEMAND], BUDGETS.portal),
    chunks,
  };
}

const kB = (bytes) => (bytes / 1000).toFixed(2);

/**
 * The figures as a plain-text table: each page against its budget, then every chunk.
 * @param {BundleSizes} sizes
 * @returns {string}
 */
export function formatSizes(sizes) {
  const rows = [['', 'min kB', 'gzip kB', 'brotli kB', 'budget (gzip)']];
  const pages = [
    ['loader', sizes.loader],
    ['kb-portal-link page', sizes.kbPortalLink],
    ['signed-in portal', sizes.portal],
  ];
  for (const [label, size] of pages) {
    const verdict = size.gzip <= size.budget ? 'within' : 'OVER';
    rows.push([
      label,
      kB(size.min),
      kB(size.gzip),
      kB(size.brotli),
      `${kB(size.budget)} ${verdict}`,
    ]);
  }
  rows.push(['', '', '', '', '']);
  for (const chunk of sizes.chunks) {
    rows.push([chunk.file, kB(chunk.min), kB(chunk.gzip), kB(chunk.brotli), '']);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column ? cell.padStart(widths[column]) : cell.padEnd(widths[0])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(formatSizes(measureBundle(process.argv[2] ? resolve(process.argv[2]) : CDN_DIR)));
}
