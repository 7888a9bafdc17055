import { defineConfig } from 'vite'

// Served by Tessera at /console (src/http/console.ts): hashed files under assets/ are cached
// immutably, index.html is revalidated. No inline script (the CSP forbids it): no modulepreload
// polyfill, and the one entry is an external module script.
export default defineConfig({
  base: '/console/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    target: 'es2022',
    reportCompressedSize: false,
  },
})
