// electron-builder afterPack hook: puts better-sqlite3 built for Electron's ABI and the target architecture
// into the packed app. The project's own node_modules keep the Node build, so `npm test` keeps working after
// `npm run dist` (electron-builder's in-place npmRebuild is turned off in electron-builder.yml for that reason).
const { execFileSync } = require('node:child_process');
const { copyFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const archNames = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

exports.default = async function afterPack(context) {
  const arch = archNames[context.arch] ?? String(context.arch);
  const root = join(__dirname, '..');
  execFileSync(process.execPath, [join(__dirname, 'rebuild-native-for-electron.mjs'), '--arch', arch], { stdio: 'inherit' });
  const resourcesDir = context.electronPlatformName === 'darwin'
    ? join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
    : join(context.appOutDir, 'resources');
  const releaseDir = join(resourcesDir, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release');
  mkdirSync(releaseDir, { recursive: true });
  copyFileSync(join(root, 'build', 'electron-native', arch, 'better_sqlite3.node'), join(releaseDir, 'better_sqlite3.node'));
};
