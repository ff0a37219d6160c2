import { defineConfig } from 'vitest/config';

// Two pages: the agent console (index.html, served at /) and the customer portal
// (portal.html, served at /portal). The server's Content-Security-Policy allows no inline
// script or style, so nothing here may inline either.
const root = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root,
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2020',
    rollupOptions: {
      input: {
        index: root + 'index.html',
        portal: root + 'portal.html',
      },
    },
  },
  server: {
    // `npm run dev` against a local `servicepact serve --demo`.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
