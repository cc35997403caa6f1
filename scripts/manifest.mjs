// Writes the custom elements manifest of @kundportal/elements (custom-elements.json) from the
// elements' JSDoc, with @custom-elements-manifest/analyzer and custom-elements-manifest.config.mjs.
//
//   node scripts/manifest.mjs            -> packages/elements/custom-elements.json
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as prettier from 'prettier';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const elementsDir = join(root, 'packages', 'elements');
const cem = join(root, 'node_modules', '@custom-elements-manifest', 'analyzer', 'cem.js');

/** The committed manifest's path. */
export const MANIFEST_PATH = join(elementsDir, 'custom-elements.json');

/**
 * Analyzes the elements and returns the manifest's text, formatted as the repository's Prettier
 * settings format it (so the committed file passes `prettier --check`).
 * @returns {Promise<string>}
 */
export async function generateManifest() {
  const outDir = await mkdtemp(join(tmpdir(), 'kundportal-cem-'));
  try {
    // The analyzer takes its output folder relative to its working directory.
    await run(
      process.execPath,
      [
        cem,
        'analyze',
        '--config',
        join(root, 'custom-elements-manifest.config.mjs'),
        '--outdir',
        relative(elementsDir, outDir),
        '--quiet',
      ],
      { cwd: elementsDir },
    );
    const text = await readFile(join(outDir, 'custom-elements.json'), 'utf8');
    const options = (await prettier.resolveConfig(MANIFEST_PATH)) ?? {};
    return prettier.format(text, { ...options, filepath: MANIFEST_PATH });
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await writeFile(MANIFEST_PATH, await generateManifest());
  console.log(`Wrote ${relative(root, MANIFEST_PATH)}`);
}
