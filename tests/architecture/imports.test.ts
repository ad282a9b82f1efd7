import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folder says what code may use (see STYLE.md): this test reads every import and fails on a crossing.
 */
const root = resolve(__dirname, '../..');
const layers: Record<string, { ours: string[]; packages: 'any' | string[]; node: boolean }> = {
  'electron/shared': { ours: ['electron/shared'], packages: ['zod'], node: false },
  'electron/core': { ours: ['electron/shared', 'electron/core'], packages: 'any', node: true },
  'electron/main': { ours: ['electron/shared', 'electron/core', 'electron/main'], packages: 'any', node: true },
  'electron/preload': { ours: ['electron/shared', 'electron/preload'], packages: ['electron', 'zod'], node: false },
  'electron/webhost': { ours: ['electron/shared', 'electron/core', 'electron/webhost'], packages: 'any', node: true },
  'electron/cli': { ours: ['electron/shared', 'electron/core', 'electron/cli'], packages: 'any', node: true },
  // docs/: the user guide's text and pictures, bundled as content for 帮助 (no code lives there).
  renderer: { ours: ['electron/shared', 'renderer', 'docs'], packages: 'any', node: false },
};
const forbiddenEverywhereBut: Record<string, string[]> = {
  electron: ['electron/main', 'electron/preload'],
  react: ['renderer'],
  'react-dom': ['renderer'],
  antd: ['renderer'],
  'better-sqlite3': ['electron/core'],
  docx: ['electron/core'],
  exceljs: ['electron/core'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'vite.config.ts') return [];
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function imports(source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) found.push(match[1] ?? match[2] ?? match[3] ?? match[4]);
  return found;
}

describe('import boundaries', () => {
  const violations: string[] = [];
  for (const [layer, allowed] of Object.entries(layers)) {
    for (const file of files(join(root, layer))) {
      // Type-only imports count too: a type from core in the renderer ties the page to Node code all the same.
      const source = readFileSync(file, 'utf8');
      for (const specifier of imports(source)) {
        const where = relative(root, file);
        if (specifier.startsWith('.')) {
          const target = relative(root, resolve(dirname(file), specifier));
          if (!allowed.ours.some((ok) => target === ok || target.startsWith(`${ok}/`))) {
            violations.push(`${where} imports ${target}`);
          }
          continue;
        }
        const name = specifier.startsWith('node:') ? 'node:' : specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
        if (name === 'node:') {
          if (!allowed.node) violations.push(`${where} imports ${specifier} (no Node here)`);
          continue;
        }
        const onlyIn = forbiddenEverywhereBut[name];
        if (onlyIn && !onlyIn.includes(layer)) violations.push(`${where} imports ${name} (only ${onlyIn.join(', ')})`);
        if (allowed.packages !== 'any' && !allowed.packages.includes(name)) violations.push(`${where} imports ${name}`);
      }
    }
  }

  it('hold for every file', () => {
    expect(violations).toEqual([]);
  });

  it('see type-only imports, on one line or several, as imports', () => {
    const source = "import type { Draft } from '../core/draft';\nimport type {\n  IpcMain,\n} from 'electron';\nexport type { Row } from './row';";
    expect(imports(source)).toEqual(['../core/draft', 'electron', './row']);
  });

  it('are checked on real files (the scan is not empty)', () => {
    expect(files(join(root, 'electron/core')).length).toBeGreaterThan(3);
    expect(files(join(root, 'renderer/src')).length).toBeGreaterThan(3);
  });

  it('keep ipcMain and ipcRenderer each imported (as values) in exactly one file', () => {
    const all = [...files(join(root, 'electron')), ...files(join(root, 'renderer'))];
    const importers = (name: string) =>
      all
        .filter((file) =>
          readFileSync(file, 'utf8')
            .split('\n')
            .some((line) => /^import\s+\{/.test(line) && line.includes("from 'electron'") && new RegExp(`\\b${name}\\b`).test(line)),
        )
        .map((file) => relative(root, file));
    expect(importers('ipcMain')).toEqual(['electron/main/index.ts']);
    expect(importers('ipcRenderer')).toEqual(['electron/preload/index.ts']);
  });
});
