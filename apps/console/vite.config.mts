import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Served by the API at /console/ (same origin), so the built files live in the
// API's dist/ next to it. Hashed file names let the API cache assets for a year.
export default defineConfig({
  root: here('.'),
  base: '/console/',
  publicDir: false,
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The strict CSP (script-src 'self') forbids inline script: never inline assets as data: URLs
    // into scripts either, keep every chunk a file.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
  },
  logLevel: 'warn',
});
