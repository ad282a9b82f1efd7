import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(__dirname, '../..');
const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

type Target = { target: string; arch: string[] };
const targets = (platform: 'win' | 'linux') =>
  Object.fromEntries((config[platform].target as Target[]).map((t) => [t.target, [...t.arch].sort()]));

// electron-builder itself cannot run here (it downloads Electron); this checks what it would be given.
describe('packaging configuration', () => {
  it('names the product and builds the promised installers', () => {
    expect(config.productName).toBe('联合体申报助手');
    expect(targets('win')).toEqual({ nsis: ['x64'], portable: ['x64'] });
    expect(targets('linux')).toEqual({ AppImage: ['arm64', 'x64'], deb: ['arm64', 'x64'] });
  });

  it('ships what the app loads at run time', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'resources/**', 'package.json']));
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(existsSync(resolve(root, config.win.icon))).toBe(true);
    expect(existsSync(resolve(root, config.linux.icon))).toBe(true);
    expect(existsSync(resolve(root, config.afterPack))).toBe(true);
    expect(config.npmRebuild).toBe(false);
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.scripts.dist).toMatch(/electron-builder/);
  });

  it('turns the dangerous Electron fuses off', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('bundles main and preload so that the package entry exists and Electron stays external', () => {
    execFileSync(process.execPath, [resolve(root, 'scripts/build-electron.mjs')], { cwd: root, stdio: 'pipe' });
    const main = readFileSync(resolve(root, 'out/main/index.js'), 'utf8');
    const preload = readFileSync(resolve(root, 'out/preload/index.js'), 'utf8');
    expect(main).toContain('require("electron")');
    expect(main).toContain('require("better-sqlite3")');
    expect(preload).toContain('exposeInMainWorld');
    // the sandboxed preload may require nothing but electron
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });
});
