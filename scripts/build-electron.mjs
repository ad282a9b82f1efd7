// Bundles the Electron main process and the preload into out/ (CommonJS, as Electron loads them).
// better-sqlite3 stays external: it is a native module loaded from node_modules at run time.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'info' };
await build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'out/main/index.js', external: ['electron', 'better-sqlite3'] });
// A sandboxed preload may only require 'electron': everything else is bundled in.
await build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'out/preload/index.js', external: ['electron'] });
await build({ ...common, entryPoints: ['electron/cli/main.ts'], outfile: 'out/cli/main.js', external: ['better-sqlite3', 'playwright-core'] });
// The Word import reads documents in a worker thread: its entry goes beside each bundle that starts it.
for (const dir of ['out/main', 'out/cli']) {
  await build({ ...common, entryPoints: ['electron/core/docx-import/worker.ts'], outfile: `${dir}/docx-import-worker.js` });
}
// Workbooks people send us are read on a worker thread (core/workbooks/reading/in-worker.ts), which looks
// for this file beside the bundle that starts it.
for (const dir of ['out/main', 'out/cli']) {
  await build({ ...common, entryPoints: ['electron/core/workbooks/reading/read-worker.ts'], outfile: `${dir}/workbook-reader.js` });
}
