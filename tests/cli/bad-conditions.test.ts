import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir';

/**
 * The CLI under conditions a user runs into: a device, a pipe, a folder or a huge file where a file is
 * expected, an output folder that cannot be written. Each fails at once (well within the test's time
 * limit, which would otherwise catch a hang or a read of /dev/zero) with one Chinese sentence, exit code 2.
 */
const root = resolve(__dirname, '../..');
const example = join(root, 'resources/examples/xinjiang.json');
let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

function cli(...args: string[]) {
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, ms: Date.now() - started };
}

function temp(): string {
  const made = makeTempDir('lianheti-cli-bad-');
  cleanups.push(made.cleanup);
  return made.dir;
}

function expectRefused(result: ReturnType<typeof cli>, message: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr.trim()).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at |Error:|ENO|EROFS/m);
  expect(result.stdout).toBe('');
}

describe('inputs are looked at before they are read', () => {
  it('check /dev/zero is refused as a device', () => {
    expectRefused(cli('check', '/dev/zero'), /^无法读取项目文件“\/dev\/zero”：它是一个设备，不是文件。$/);
  });

  it('a pipe is refused without waiting for a writer', () => {
    const fifo = join(temp(), 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    expectRefused(cli('check', fifo), /它是一个管道（FIFO），不是文件/);
  });

  it('a folder is refused, for a project file and for a returned workbook', () => {
    const dir = temp();
    expectRefused(cli('check', dir), /它是一个文件夹，不是文件/);
    expectRefused(cli('absorb', example, dir), /^无法读取采集表.*它是一个文件夹，不是文件/);
  });

  it('a file over 50 MB is refused by its size, without reading it', () => {
    const huge = join(temp(), 'huge.lhtproj.json');
    writeFileSync(huge, '');
    truncateSync(huge, 51 * 1024 * 1024 * 1024); // 51 GB, sparse: reading it would take minutes
    expectRefused(cli('check', huge), /^项目文件“.*huge\.lhtproj\.json”过大（52224\.0 MB），超过 50 MB 的上限，未读取。$/);
  });

  it('a missing file says so', () => {
    expectRefused(cli('check', join(temp(), 'nowhere.json')), /^无法读取项目文件“nowhere\.json”：文件或文件夹不存在/);
  });
});

describe('--out is proved writable before anything is written', () => {
  it('export --out /proc/1 fails at once', () => {
    const result = cli('export', example, '--out', '/proc/1');
    expectRefused(result, /^无法写入 --out 指定的文件夹“\/proc\/1”：该文件夹不能新建文件/);
  });

  it('collect --out through a file, and template --out onto a folder, say what is wrong', () => {
    const dir = temp();
    writeFileSync(join(dir, 'a-file'), 'x');
    expectRefused(cli('collect', example, '--out', join(dir, 'a-file', 'inside')), /路径中的某一级不是文件夹/);
    mkdirSync(join(dir, 'a-folder.xlsx'));
    expectRefused(cli('template', 'xinjiang', '--out', join(dir, 'a-folder.xlsx')), /是一个文件夹，不能写成文件/);
  });

  it('template --out on a read-only disk says the disk is read-only', () => {
    const dir = temp();
    const disk = join(dir, 'disk');
    mkdirSync(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', disk]);
    cleanups.push(() => execFileSync('umount', ['-l', disk]));
    expectRefused(cli('template', 'xinjiang', '--out', join(disk, '模板.xlsx')), /只读/);
    expect(readdirSync(disk)).toEqual([]);
  });
});

describe('cli export', () => {
  it('keeps its throw-away store in memory: nothing is left in the temp folder', () => {
    const before = new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('lianheti-cli-export-')));
    const out = temp();
    const result = cli('export', example, '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const after = readdirSync(tmpdir()).filter((name) => name.startsWith('lianheti-cli-export-') && !before.has(name));
    expect(after).toEqual([]);
    expect(existsSync(join(out, '新疆维吾尔自治区现代煤化工创新联合体'))).toBe(true);
  });
});
