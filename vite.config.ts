import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const entry = fileURLToPath(new URL('packages/elements/src/all.ts', import.meta.url));

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
    // An app-style build rather than library mode: library mode leaves ES output unminified.
    rollupOptions: {
      input: { kundportal: entry },
      preserveEntrySignatures: 'exports-only',
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
