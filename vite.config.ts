import { fileURLToPath } from 'node:url';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defaultShouldMinifyCSS } from '@lit-labs/rollup-plugin-minify-html-literals/lib/minify-html-literals.js';
import { defineConfig } from 'vite';

const loader = fileURLToPath(new URL('packages/elements/src/loader.ts', import.meta.url));

/** Whether a module's id matches one of `patterns` (written with forward slashes). */
const matching = (patterns: RegExp[]) => (id: string) =>
  patterns.some((pattern) => pattern.test(id.replaceAll('\\', '/')));

/**
 * What every element needs before it can render, and all that a page with only
 * `<kb-portal-link>` loads besides that element: ReactiveElement, the context consumer, `msg`
 * (the localization runtime comes only with another language), PortalConnection and HttpReader.
 * Nothing here may be needed by one element alone (the context provider is the portal's), or
 * every page would load it.
 */
const isBase = matching([
  /node_modules\/@lit\/reactive-element\/(reactive-element|css-tag)\.js$/,
  /node_modules\/@lit\/context\/lib\/(create-context|context-request-event|controllers\/context-consumer)\.js$/,
  /node_modules\/@lit\/localize\/(lit-localize|init\/install|internal\/(default-msg|str-tag|localized-controller|locale-status-event))\.js$/,
  /packages\/elements\/src\/shared\/(portal-connection|error-event|define-element|locale)\.ts$/,
  /packages\/elements\/src\/generated\/locale-codes\.ts$/,
  /packages\/core\/src\/(errors|context|http-reader|page-globals)\.ts$/,
]);

/**
 * Lit's templates and LitElement, with PortalBase on top: what every element but the link
 * renders with. Apart from the base, as the link renders without them.
 */
const isLit = matching([
  /node_modules\/(lit\/index|lit-html\/(lit-html|is-server)|lit-element\/lit-element)\.js$/,
  /packages\/elements\/src\/shared\/portal-base\.ts$/,
]);

/**
 * What every element but the link needs: PortalElement, the events and HttpAdapter (ky comes
 * with its first write), and what the portal's views share (styles, error views, formats, the
 * rules and their texts, the file picker, drafts), in one chunk: each is small, and one file
 * compresses better than many. The localization runtime stays apart: only another language than
 * English loads it.
 */
const isViewsShared = matching([
  /packages\/elements\/src\/shared\/(portal-element|events)\.ts$/,
  /packages\/core\/src\/(http-api|http-adapter)\.ts$/,
  /packages\/elements\/src\/shared\/(styles|error-view|format|css-properties|language|list-state|list-state-event|relative-time|reply-draft|file-picker)\.ts$/,
  /packages\/core\/src\/(rules|validation-messages)\.ts$/,
  /node_modules\/(lit|lit-html)\/directive\.js$/,
]);

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
  plugins: [
    // The styles' css`` literals, minified (LightningCSS). Only whole style sheets: a fragment
    // such as a `var(...)` value is not one. HTML literals stay as written, as collapsing their
    // whitespace could join words a customer reads.
    minifyHtmlLiterals({
      failOnError: true,
      options: {
        shouldMinify: () => false,
        shouldMinifyCSS: (template) =>
          defaultShouldMinifyCSS(template) &&
          template.parts.some((part) => part.text.includes('{')),
      },
    }),
  ],
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
      // The loader exports nothing; its chunks' exports are the bundler's to name.
      preserveEntrySignatures: false,
      // @lit/localize re-exports its catalog loader from the module every element imports `msg`
      // from, and @lit/context its provider from the module core imports `createContext` from.
      // Their modules have no side effects: said so, neither is loaded where it is not used.
      treeshake: { moduleSideEffects: (id) => !/[\\/]@lit[\\/](localize|context)[\\/]/.test(id) },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Library mode does not minify ES output by default.
        minify: true,
        codeSplitting: {
          // A group takes only the modules it names, not everything they import, so the base
          // chunk holds nothing the link does not need.
          includeDependenciesRecursively: false,
          groups: [
            // The base every element builds on, in one chunk that all of them share.
            { name: 'base', test: isBase, priority: 3 },
            { name: 'lit', test: isLit, priority: 2 },
            { name: 'views', test: isViewsShared, priority: 1 },
          ],
        },
      },
    },
  },
});
