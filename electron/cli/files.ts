import { closeSync, constants, mkdirSync, openSync, readSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeFailure, systemErrorCode, systemReason } from '../core/os-errors';
import { maxProjectFileBytes } from '../core/project/project-file';
import { UserError } from '../shared/errors';

/**
 * What the CLI reads and where it writes, checked before any byte moves: an input is looked at with stat
 * first (a device, a pipe or a folder is refused, and so is a file over the limit, without reading it),
 * and an output folder is proved writable with a probe file, so a wrong `--out` fails at once.
 */

/** Largest file the CLI reads: the project file limit (workbooks are far smaller). */
export const maxInputBytes = maxProjectFileBytes;

function describeKind(stats: Stats): string {
  if (stats.isDirectory()) return '是一个文件夹';
  if (stats.isFIFO()) return '是一个管道（FIFO）';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return '是一个设备';
  if (stats.isSocket()) return '是一个套接字';
  return '不是普通文件';
}

/** Reads a regular file of at most `maxBytes`; anything else is refused with a Chinese sentence. */
export function readInputFile(path: string, what: string, maxBytes = maxInputBytes): Buffer {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw describeFailure(error, { action: `读取${what}`, path }) ?? error;
  }
  if (!stats.isFile()) {
    throw new UserError('cli.notAFile', `无法读取${what}“${path}”：它${describeKind(stats)}，不是文件。`, `${path}: mode ${stats.mode.toString(8)}`);
  }
  if (stats.size > maxBytes) {
    throw new UserError(
      'cli.tooLarge',
      `${what}“${path}”过大（${(stats.size / 1024 / 1024).toFixed(1)} MB），超过 ${maxBytes / 1024 / 1024} MB 的上限，未读取。`,
      `${path}: ${stats.size} bytes > ${maxBytes}`,
    );
  }
  // Read with a bound, not readFileSync: a file can grow after stat, and /proc files report size 0.
  let fd: number | null = null;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) {
        throw new UserError('cli.tooLarge', `${what}“${path}”过大，超过 ${maxBytes / 1024 / 1024} MB 的上限，未读取。`, `${path}: grew past ${maxBytes} bytes while read`);
      }
    }
    return Buffer.concat(chunks);
  } catch (error) {
    throw describeFailure(error, { action: `读取${what}`, path }) ?? error;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Reads a UTF-8 text file (a project file) with the same checks. */
export function readInputText(path: string, what: string, maxBytes = maxInputBytes): string {
  return readInputFile(path, what, maxBytes).toString('utf8');
}

/**
 * The folder `--out` names, created when missing and proved writable by writing and removing a probe
 * file in it: /proc/1, a read-only disk or a file where a folder should be fail here, in Chinese.
 */
export function outputFolder(path: string): string {
  const folder = resolve(path);
  try {
    const existing = statOrNull(folder);
    if (existing && !existing.isDirectory()) {
      throw new UserError('cli.outNotFolder', `--out “${path}”${describeKind(existing)}，不是文件夹。请指定一个文件夹。`, `${folder} is not a directory`);
    }
    if (!existing) makeFolders(folder);
  } catch (error) {
    throw describeFailure(error, { action: '创建文件夹', path: folder }) ?? error;
  }
  const probe = join(folder, `.lianheti-write-test-${process.pid}`);
  try {
    writeFileSync(probe, '', { flag: 'wx' });
    rmSync(probe, { force: true });
  } catch (error) {
    const known = systemReason(error);
    if (!known) throw error;
    // ENOENT for a file in a folder that exists: a system folder (/proc) that takes no new files.
    const reason = systemErrorCode(error) === 'ENOENT' ? '该文件夹不能新建文件（例如系统文件夹）' : known.reason;
    throw new UserError(known.code, `无法写入 --out 指定的文件夹“${folder}”：${reason}。请换一个文件夹。`, `${folder}: ${String(error)}`);
  }
  return folder;
}

/** The file `--out` names: its folder must be writable and the name must not be a folder already. */
export function outputFile(path: string): string {
  const file = resolve(path);
  const existing = statOrNull(file);
  if (existing && !existing.isFile()) {
    throw new UserError('cli.outNotFile', `--out “${path}”${describeKind(existing)}，不能写成文件。请指定一个文件名。`, `${file} is not a regular file`);
  }
  outputFolder(dirname(file));
  return file;
}

/**
 * mkdir -p one level at a time: Node's recursive mkdir retries for ever where a parent exists but refuses
 * children with ENOENT (/proc/1/x), which is how `--out /proc/1/x` used to hang.
 */
export function makeFolders(folder: string): void {
  const missing: string[] = [];
  let at = folder;
  while (!statOrNull(at)) {
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const dir of missing) mkdirSync(dir);
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw describeFailure(error, { action: '访问', path }) ?? error;
  }
}
