// Builds better-sqlite3 for Electron's ABI into build/electron-native/, beside (not over) the Node build in
// node_modules, so `npm test` (Node) and `npm start` (Electron) never break each other. The Electron main
// process loads it through better-sqlite3's `nativeBinding` option. Needs Electron's headers, which are
// downloaded from Electron's site: on machines without that access it says so and stops.
import { cpSync, existsSync, mkdirSync, copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
// `--arch arm64` builds for another architecture (packaging for UOS/Kylin on ARM); default: this machine's.
const archFlag = process.argv.indexOf('--arch');
const arch = archFlag > 0 ? process.argv[archFlag + 1] : process.arch;
const target = join(root, 'build', 'electron-native', arch, 'better_sqlite3.node');
const electronVersion = require('electron/package.json').version;
const marker = `${target}.${electronVersion}`;
if (existsSync(target) && existsSync(marker)) process.exit(0);

const work = join(root, 'build', 'electron-native', `work-${arch}`);
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'node_modules'), { recursive: true });
writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'electron-native', private: true, dependencies: { 'better-sqlite3': '*' } }));
cpSync(join(root, 'node_modules', 'better-sqlite3'), join(work, 'node_modules', 'better-sqlite3'), {
  recursive: true,
  filter: (source) => !source.includes(`${'better-sqlite3'}/build/`),
});
const { rebuild } = require('@electron/rebuild');
try {
  await rebuild({ buildPath: work, electronVersion, arch, onlyModules: ['better-sqlite3'], force: true });
} catch (error) {
  console.error(`无法为 Electron ${electronVersion} 编译 better-sqlite3：${error.message}`);
  console.error('Building better-sqlite3 for Electron needs Electron\'s headers from its download site.');
  process.exit(1);
}
copyFileSync(join(work, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), target);
copyFileSync(target, marker);
rmSync(work, { recursive: true, force: true });
console.log(`better-sqlite3 for Electron ${electronVersion} (${arch}): ${target}`);
