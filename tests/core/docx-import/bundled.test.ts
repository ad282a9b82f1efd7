import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import { makeTempDir } from '../../helpers/temp-dir';
import { exampleDraft } from '../../shared/documents/fixtures';
import { exportedForm } from './helpers';

const root = resolve(__dirname, '../../..');
const temp = makeTempDir('lianheti-docx-bundle-');
afterAll(() => temp.cleanup());

describe('the Word import when bundled', () => {
  it('reads in the worker bundled beside the CLI and the main process, which the package keeps out of the asar', async () => {
    execFileSync(process.execPath, [resolve(root, 'scripts/build-electron.mjs')], { cwd: root, stdio: 'pipe' });
    expect(existsSync(resolve(root, 'out/main/docx-import-worker.js'))).toBe(true);
    expect(existsSync(resolve(root, 'out/cli/docx-import-worker.js'))).toBe(true);
    const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8'));
    expect(config.asarUnpack).toContain('out/main/docx-import-worker.js');

    const template = loadRegionTemplates().find((t) => t.id === 'guangxi')!;
    const source = join(temp.dir, 'guangxi.docx');
    writeFileSync(source, await exportedForm(template, exampleDraft('guangxi')));
    const out = join(temp.dir, 'guangxi.lhtproj.json');
    const run = spawnSync(process.execPath, [resolve(root, 'out/cli/main.js'), 'import-docx', source, '--out', out], { cwd: temp.dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).regionId).toBe('guangxi');
  });
});
