import { defineConfig } from 'vite';

/**
 * `vite build` makes the script-tag bundle in dist/cdn: one ES module that registers every
 * element. `vite` alone serves the example knowledge base with the elements from source.
 */
export default defineConfig({
  root: 'examples/kb-site',
  publicDir: false,
  server: {
    // The API comes from the reference server (npm start), on its default port.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
  build: {
    outDir: '../../dist/cdn',
    emptyOutDir: true,
    target: 'es2022',
    lib: {
      entry: '../../packages/elements/src/all.ts',
      formats: ['es'],
      fileName: () => 'kundportal.js',
    },
  },
});
