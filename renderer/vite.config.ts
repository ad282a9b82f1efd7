import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The renderer is built to plain files loaded by Electron's app:// protocol or the browser host; relative
// asset paths keep both working. JSX goes through esbuild's automatic runtime.
export default defineConfig({
  root: resolve(__dirname),
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: resolve(__dirname, '../out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
});
