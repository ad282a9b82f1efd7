import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../../electron/cli/commands';
import { resourcesDir } from '../../../electron/core/regions/templates';
import { requireSystemTools } from '../../helpers/system-tools';
import { makeTempDir } from '../../helpers/temp-dir';

/** `lianheti-cli export <project-file> --out <dir> [--pdf]`, run in-process with its output captured. */
async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await commands.export.run(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err, json: out.trim() ? (JSON.parse(out) as { exports: { folder: string; files: { name: string }[]; skipped: unknown[] }[] }) : null };
}

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

describe('cli export', () => {
  it('exports a project file’s draft as the app does, into a folder named after the consortium', async () => {
    const temp = makeTempDir('lianheti-cli-export-test-');
    cleanups.push(temp.cleanup);
    const result = await run(join(resourcesDir(), 'examples', 'zhejiang.json'), '--out', temp.dir);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const [exported] = result.json!.exports;
    expect(exported.folder).toBe(join(temp.dir, '浙江省工业机器人核心部件创新联合体'));
    expect(readdirSync(exported.folder).sort()).toEqual(exported.files.map((file) => file.name).sort());
    expect(exported.files.some((file) => file.name.endsWith('组建意向书.docx'))).toBe(true);
    // Nothing but the export is left behind: the draft store it used was temporary.
    expect(readdirSync(temp.dir)).toEqual(['浙江省工业机器人核心部件创新联合体']);
  });

  it('--pdf adds one PDF of the whole filing, numbered per document', async () => {
    requireSystemTools('soffice-writer', 'poppler');
    const temp = makeTempDir('lianheti-cli-pdf-test-');
    cleanups.push(temp.cleanup);
    const result = await run(join(resourcesDir(), 'examples', 'xinjiang.json'), '--out', temp.dir, '--pdf');
    expect(result.code).toBe(0);
    const [exported] = result.json!.exports;
    const pdf = exported.files.find((file) => file.name.endsWith('.pdf'));
    expect(pdf?.name).toBe('新疆维吾尔自治区现代煤化工创新联合体（申报材料）.pdf');
    const path = join(exported.folder, pdf!.name);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    for (const marker of ['填表说明', '签署联合组建协议', '创新联合体建设实施方案']) expect(text).toContain(marker);
    expect(text).not.toContain('盖章清单');
    // Form, agreement and plan each start again at page 1.
    expect(text.match(/^\s*—\s*1\s*—\s*$/gm)).toHaveLength(3);
  });

  it('explains its usage with exit code 2, and a missing file in Chinese', async () => {
    const usage = await run('only-a-file.json');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('用法：export <项目文件> --out <文件夹>');
    const missing = await run('/no/such/file.json', '--out', '/tmp');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('无法读取项目文件');
    expect(existsSync('/tmp/未命名联合体')).toBe(false);
  });
});
