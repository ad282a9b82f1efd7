import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { antdStaticStyle } from '../scripts/antd-static-style';

// The renderer is built to plain files loaded by Electron's app:// protocol or the browser host; relative
// asset paths keep both working. JSX goes through esbuild's automatic runtime. antd's styles are extracted
// at build time (scripts/antd-static-style.ts) so the page does not generate them on first render.
export default defineConfig({
  root: resolve(__dirname),
  base: './',
  esbuild: { jsx: 'automatic' },
  plugins: [antdStaticStyle(resolve(__dirname, 'src'))],
  build: {
    outDir: resolve(__dirname, '../out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
});
