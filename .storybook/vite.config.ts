import { defineConfig } from 'vite';

/** Storybook's Vite config, kept apart from the root one (see main.ts). */
export default defineConfig({});
