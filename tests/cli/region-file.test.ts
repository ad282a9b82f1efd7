import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readZipEntry } from '../core/documents/zip';
import { makeTempDir } from '../helpers/temp-dir';

const root = resolve(__dirname, '../..');
const temp = makeTempDir();
afterAll(() => temp.cleanup());

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

// A built-in region copied under a new id and name, as a local office would start one.
const regionText = readFileSync(join(root, 'resources/regions/xinjiang.json'), 'utf8')
  .replaceAll('新疆维吾尔自治区', '塔里木示范区')
  .replaceAll('新疆', '塔里木');
const region = { ...JSON.parse(regionText), id: 'tarim' };
const regionFile = join(temp.dir, 'my-region.json');
writeFileSync(regionFile, JSON.stringify(region));
const project = JSON.parse(readFileSync(join(root, 'resources/examples/xinjiang.json'), 'utf8'));
project.drafts[0].regionId = 'tarim';
const projectFile = join(temp.dir, 'tarim-project.json');
writeFileSync(projectFile, JSON.stringify(project));

describe('cli --region-file', () => {
  it('drives check with a region file under a new id', () => {
    const without = cli('check', projectFile);
    expect(without.code).toBe(2);
    const result = cli('check', projectFile, '--region-file', regionFile);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.drafts[0].regionId).toBe('tarim');
    expect(output.drafts[0].report.eligible).toBe('pass');
  });

  it('exports documents that print the file\'s own names, never the built-in\'s', () => {
    const out = join(temp.dir, 'out');
    const result = cli('export', projectFile, '--out', out, '--region-file', regionFile);
    expect(result.stderr).toBe('');
    const exported = JSON.parse(result.stdout).exports[0] as { folder: string };
    const docx = readdirSync(exported.folder).filter((name) => name.endsWith('.docx'));
    expect(docx.length).toBeGreaterThan(1);
    const text = docx.map((name) => readZipEntry(readFileSync(join(exported.folder, name)), 'word/document.xml')).join('');
    expect(text).toContain('塔里木示范区创新联合体组建申请表');
    expect(text).not.toContain('新疆维吾尔自治区创新联合体');
  });

  it.each([
    ['not JSON', '{"id": "x"', /不是有效的 JSON/],
    ['wrong shape', JSON.stringify({ ...region, rules: region.rules.map((r: object, i: number) => (i === 0 ? { ...r, check: { kind: 'noSuchRule' } } : r)) }), /rules\[0\]\.check/],
    ['an id clashing with a built-in', JSON.stringify({ ...region, id: 'xinjiang' }), /与内置地区「新疆维吾尔自治区」重复/],
    ['too big', JSON.stringify({ ...region, summary: 'x'.repeat(3 * 1024 * 1024) }), /过大/],
  ])('refuses a region file that is %s with a Chinese message and exit code 2', (_label, content, message) => {
    const file = join(temp.dir, `bad-${_label.length}.json`);
    writeFileSync(file, content);
    const result = cli('check', projectFile, '--region-file', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});
