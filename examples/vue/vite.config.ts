import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const PORTAL_TAGS = new Set([
  'customer-portal',
  'portal-login',
  'ticket-list',
  'ticket-detail',
  'support-form',
  'kb-portal-link',
]);

/** The Vue example: `npx vite examples/vue` serves it, `npx vite build examples/vue` builds it. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    vue({
      // Kundportal's tags are custom elements, not Vue components to resolve.
      template: { compilerOptions: { isCustomElement: (tag) => PORTAL_TAGS.has(tag) } },
    }),
  ],
  build: { target: 'es2022' },
});
