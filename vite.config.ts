import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const loader = fileURLToPath(new URL('packages/elements/src/loader.ts', import.meta.url));

/**
 * What every element needs before it can render: Lit, the context consumer, the texts' runtime
 * (without the catalog loader, which comes only with another language), PortalElement and the
 * adapter's reads.
 */
const BASE = [
  /node_modules[\\/](lit[\\/]index|lit-html[\\/](lit-html|directive)|lit-element[\\/]lit-element)\.js$/,
  /node_modules[\\/]@lit[\\/]reactive-element[\\/](reactive-element|css-tag)\.js$/,
  /node_modules[\\/]@lit[\\/]context[\\/]lib[\\/](create-context|context-request-event|controllers[\\/]context-consumer)\.js$/,
  /node_modules[\\/]@lit[\\/]localize[\\/](lit-localize|internal[\\/](default-msg|str-tag|localized-controller|locale-status-event))\.js$/,
  /packages[\\/]elements[\\/]src[\\/]shared[\\/](portal-element|events|define-element)\.ts$/,
  /packages[\\/]core[\\/]src[\\/](errors|context|http-api|http-adapter)\.ts$/,
];

/**
 * `vite build` makes the script-tag bundle in dist/cdn: `kundportal.js`, a small loader that
 * imports each element's chunk (under `chunks/`, content-hashed) when its tag first appears,
 * and `.vite/manifest.json`, the import graph `scripts/size.mjs` measures. Every URL in it is
 * relative, so the folder works copied to any host and path. `vite` alone serves the example
 * knowledge base with the elements from source.
 */
export default defineConfig({
  root: 'examples/kb-site',
  base: './',
  publicDir: false,
  server: {
    // The API comes from the reference server (npm start), on its default port.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
  build: {
    outDir: '../../dist/cdn',
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    // Library mode, as it leaves dynamic imports alone: an app build wraps each in a preload
    // helper that weighs more than the loader and makes every chunk import the loader.
    lib: { entry: { kundportal: loader }, formats: ['es'] },
    rolldownOptions: {
      // @lit/localize re-exports its catalog loader from the module every element imports `msg`
      // from; its modules have no side effects, so the loader stays out of chunks that do not
      // call it.
      treeshake: { moduleSideEffects: (id) => !/[\\/]@lit[\\/]localize[\\/]/.test(id) },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Library mode does not minify ES output by default.
        minify: true,
        codeSplitting: {
          groups: [
            {
              // Lit and the base every element extends, in one chunk that all of them share.
              name: 'lit',
              test: (id) => BASE.some((pattern) => pattern.test(id)),
            },
          ],
        },
      },
    },
  },
});
