// Builds the console for Cohort to serve at /console: hashed files under assets/, no inline
// script (the server's Content-Security-Policy forbids it), the heavy parts (charts) in chunks
// of their own, loaded when a page needs them.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Vite would inline small assets as data: URLs; the policy allows them for images only, so keep every asset a file.
    assetsInlineLimit: 0,
    // The first page's JavaScript is checked against a budget (scripts/check-bundle.ts).
    chunkSizeWarningLimit: 1024,
    reportCompressedSize: false,
  },
});
