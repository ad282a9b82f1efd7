import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProjectFile } from '../../electron/core/project/project-file';
import { loadRegionTemplates } from '../../electron/core/regions/templates';
import { makeTempDir } from '../helpers/temp-dir';
import { exportedForm } from '../core/docx-import/helpers';
import { exampleDraft } from '../shared/documents/fixtures';

const root = resolve(__dirname, '../..');
const temp = makeTempDir();
afterAll(() => temp.cleanup());

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('cli import-docx', () => {
  it('writes the Word form as a new draft in a project file, prints what it recognised, exit 0', async () => {
    const template = loadRegionTemplates().find((t) => t.id === 'chongqing')!;
    const source = join(temp.dir, '两江申请表.docx');
    writeFileSync(source, await exportedForm(template, exampleDraft('chongqing')));
    const before = readFileSync(source);
    const out = join(temp.dir, '两江.lhtproj.json');
    const result = cli('import-docx', source, '--out', out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.regionId).toBe('chongqing');
    expect(summary.fields.find((f: { key: string }) => f.key === 'consortiumName').from).toMatch(/第\d+个表格 第1行/);
    expect(summary.tables.map((t: { table: string }) => t.table)).toEqual(['team', 'platforms', 'members']);
    const project = parseProjectFile(readFileSync(out, 'utf8'));
    expect(project.drafts[0].fields.consortiumName).toBe(exampleDraft('chongqing').fields.consortiumName);
    expect(readFileSync(source).equals(before)).toBe(true);
  });

  it('refuses a file that is not a Word document with exit 1 and a Chinese reason, writing nothing', () => {
    const source = join(temp.dir, 'note.docx');
    writeFileSync(source, '这不是 Word 文档');
    const out = join(temp.dir, 'none.lhtproj.json');
    const result = cli('import-docx', source, '--out', out, '--region', 'xinjiang');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('不是 Word 文档');
    expect(existsSync(out)).toBe(false);
  });

  it('explains its usage with exit 2', () => {
    expect(cli('import-docx', 'x.docx').code).toBe(2);
    expect(cli('import-docx', 'x.docx', '--out', 'y.json', '--region', 'mars').stderr).toContain('不认识的地区');
  });
});
