import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProjectFile, stringifyProjectFile } from '../../../electron/core/project/project-file';
import { getRegionTemplate } from '../../../electron/core/regions/templates';
import { collectionFileName, readCollectionWorkbook, writeCollectionFiles } from '../../../electron/core/workbooks';
import { UserError } from '../../../electron/shared/errors';
import { makeTempDir } from '../../helpers/temp-dir';
import { makeDraft, makeUscc, usccWithX } from './fixtures';

/**
 * Files written by collect and absorb --write go through a temporary file and a rename: a write that fails
 * on a real error — a file-size limit, a name taken by a folder — leaves the good file that was there as it
 * was, no partial or empty temporary file beside it, and a Chinese message.
 */

const root = resolve(__dirname, '../../..');
const temp = makeTempDir('lianheti-atomic-');
afterAll(() => temp.cleanup());
const template = getRegionTemplate('xinjiang');
const draft = makeDraft(template, {
  members: [
    { name: '新疆天衡能源化工集团有限公司', uscc: usccWithX, unitType: '企业', tier: '牵头单位', highTech: '是' },
    { name: '新疆天山工业大学', uscc: makeUscc(51), unitType: '高校', tier: '核心层单位', highTech: '否' },
  ],
});

const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.part') || name.endsWith('.tmp'));

/** The CLI as a user runs it, optionally under a file-size limit (ulimit -f, in KiB) that makes writes fail with EFBIG. */
function cli(args: string[], fileSizeLimitKiB?: number) {
  const command = [process.execPath, '--import', 'tsx', 'electron/cli/main.ts', ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  // SIGXFSZ ignored, as a process that handles the error would: the write then fails with EFBIG instead of killing it.
  const script = fileSizeLimitKiB === undefined ? `exec ${command}` : `trap '' XFSZ; ulimit -f ${fileSizeLimitKiB}; exec ${command}`;
  return spawnSync('bash', ['-c', script], { cwd: root, encoding: 'utf8', timeout: 120_000 });
}

describe('collect never destroys a good file', () => {
  it('keeps the earlier workbooks when a file-size limit stops the next run, and leaves no temporary file', () => {
    const project = join(temp.dir, 'project.lhtproj.json');
    writeFileSync(project, stringifyProjectFile(makeProjectFile([draft], 'test')));
    const out = join(temp.dir, '采集表');
    expect(cli(['collect', project, '--out', out]).status).toBe(0);
    const before = new Map(readdirSync(out).map((name) => [name, readFileSync(join(out, name))]));
    expect(before.size).toBe(2);

    // Each workbook is over 8 KiB: its first write fails part-way.
    const limited = cli(['collect', project, '--out', out], 8);
    expect(limited.status).toBe(2);
    expect(limited.stderr).toContain('原有文件未被改动');
    expect(limited.stderr).toMatch(/写入“信息采集表-01-.+\.xlsx”失败/);
    expect(leftovers(out)).toEqual([]);
    for (const [name, bytes] of before) expect(readFileSync(join(out, name)).equals(bytes), name).toBe(true);
  });

  it('reports a name taken by a folder in Chinese, keeping the files written before it and the folder', async () => {
    const out = join(temp.dir, '被占用');
    const second = join(out, collectionFileName({ id: 'x', values: draft.tables.members[1].values }, 1));
    mkdirSync(second, { recursive: true });
    writeFileSync(join(second, '别删.txt'), '文件夹里原有的文件');
    const error = await writeCollectionFiles(template, draft, out).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('原有文件未被改动');
    expect((error as UserError).detail).toMatch(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(statSync(second).isDirectory()).toBe(true);
    expect(readFileSync(join(second, '别删.txt'), 'utf8')).toBe('文件夹里原有的文件');
    expect(leftovers(out)).toEqual([]);
    // The first member's workbook was written whole and reads back.
    const first = join(out, collectionFileName(draft.tables.members[0], 0));
    expect((await readCollectionWorkbook(readFileSync(first), 'first.xlsx', template)).member.name).toBe('新疆天衡能源化工集团有限公司');
  });
});

describe('absorb --write never destroys the project file', () => {
  it('leaves the project file as it was and no temporary file when the write fails', () => {
    const dir = join(temp.dir, 'absorb');
    mkdirSync(dir, { recursive: true });
    const project = join(dir, 'project.lhtproj.json');
    writeFileSync(project, stringifyProjectFile(makeProjectFile([draft], 'test')));
    const files = join(dir, '采集表');
    expect(cli(['collect', project, '--out', files]).status).toBe(0);
    const returned = join(files, readdirSync(files)[1]);
    const original = readFileSync(project);

    // The project file with the absorbed rows is larger than 1 KiB.
    const limited = cli(['absorb', project, returned, '--write'], 1);
    expect(limited.status).toBe(2);
    expect(limited.stderr).toContain('原有文件未被改动');
    expect(readFileSync(project).equals(original)).toBe(true);
    expect(leftovers(dir)).toEqual([]);

    // --out naming a folder: refused the same way, the folder untouched.
    const folder = join(dir, '一个文件夹');
    mkdirSync(folder);
    const intoFolder = cli(['absorb', project, returned, '--write', '--out', folder]);
    expect(intoFolder.status).toBe(2);
    expect(intoFolder.stderr).toMatch(/[\u4e00-\u9fff]/);
    expect(statSync(folder).isDirectory()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });
});
