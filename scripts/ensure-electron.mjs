// npm's allowScripts keeps Electron's installer from running during `npm install` (it downloads the binary
// from Electron's site, which build machines cannot reach). `npm start` fetches it here, on first use.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
if (!existsSync(join(electronDir, 'path.txt'))) {
  console.log('首次启动：正在下载 Electron 运行环境…');
  execFileSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
}
