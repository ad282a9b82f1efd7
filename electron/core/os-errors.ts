import { basename } from 'node:path';
import { UserError } from '../shared/errors';
import { storageWriteError } from './storage/draft-store';

/**
 * The one place where what the operating system (or SQLite) refused becomes a sentence for the user. Every
 * contract call (core/api's dispatch) and every CLI command passes its failures through `describeFailure`;
 * the precise error stays in `detail`, for the log.
 */

/** What each system error means to someone at the keyboard, and what they can do about it. */
const reasons: Record<string, { code: string; reason: string; advice: string }> = {
  ENOSPC: { code: 'fs.diskFull', reason: '磁盘空间不足', advice: '请清理磁盘空间后重试' },
  EDQUOT: { code: 'fs.diskFull', reason: '磁盘配额已用完', advice: '请清理磁盘空间后重试' },
  EROFS: { code: 'fs.readOnly', reason: '所在的磁盘或文件夹为只读', advice: '请换一个可写入的位置，或检查 U 盘的写保护开关' },
  EACCES: { code: 'fs.noPermission', reason: '没有访问权限', advice: '请检查该文件或文件夹的权限，或换一个位置' },
  EPERM: { code: 'fs.noPermission', reason: '操作系统不允许此操作（没有权限，或文件正被其他程序使用）', advice: '请关闭可能正在使用它的程序（如 Word、WPS），或换一个位置' },
  EBUSY: { code: 'fs.busy', reason: '文件正被其他程序使用', advice: '请关闭正在使用它的程序（如 Word、WPS）后重试' },
  ENAMETOOLONG: { code: 'fs.nameTooLong', reason: '文件名或路径过长', advice: '请选择层级较浅的文件夹，或缩短名称' },
  EISDIR: { code: 'fs.isFolder', reason: '这是一个文件夹，不是文件', advice: '请选择一个文件' },
  ENOTDIR: { code: 'fs.notFolder', reason: '路径中的某一级不是文件夹', advice: '请检查路径是否正确' },
  ENOENT: { code: 'fs.notFound', reason: '文件或文件夹不存在', advice: '请检查路径是否正确，或文件是否已被移走' },
  EEXIST: { code: 'fs.exists', reason: '同名的文件或文件夹已存在', advice: '请换一个名称或位置' },
  EMFILE: { code: 'fs.tooManyOpen', reason: '同时打开的文件过多', advice: '请关闭一些程序后重试' },
  ENFILE: { code: 'fs.tooManyOpen', reason: '系统同时打开的文件过多', advice: '请关闭一些程序后重试' },
  EIO: { code: 'fs.ioError', reason: '磁盘读写出错', advice: '请检查磁盘或 U 盘是否已拔出' },
  EXDEV: { code: 'fs.crossDevice', reason: '不能跨磁盘移动文件', advice: '请换一个位置' },
  EADDRINUSE: { code: 'net.portInUse', reason: '端口已被其他程序占用', advice: '请关闭占用它的程序，或换一个端口' },
  EADDRNOTAVAIL: { code: 'net.addressUnavailable', reason: '本机地址不可用', advice: '请检查网络设置' },
};

/** The reason and advice for a system error, to build a sentence of one's own; null when not one. */
export function systemReason(error: unknown): { code: string; reason: string; advice: string } | null {
  return reasons[systemErrorCode(error)] ?? null;
}

/** Node's error code (ENOSPC …) or SQLite's (SQLITE_FULL …), or ''. */
export function systemErrorCode(error: unknown): string {
  const code: unknown = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

/**
 * A system error as a UserError: 「无法写入“x.docx”：磁盘空间不足。请清理磁盘空间后重试。」. `action` says what
 * was being done (「写入」「读取」「创建文件夹」…), `path` which file; both default to what the error carries.
 * Null when the error is not a system error (a bug stays an internal error, reported as such).
 */
export function systemError(error: unknown, context: { action?: string; path?: string } = {}): UserError | null {
  const code = systemErrorCode(error);
  const known = reasons[code];
  if (!known) return null;
  const path = context.path ?? pathOf(error);
  const what = path ? `“${displayName(path)}”` : '';
  const message = context.action
    ? `无法${context.action}${what}：${known.reason}。${known.advice}。`
    : `操作未完成${what ? `（${what}）` : ''}：${known.reason}。${known.advice}。`;
  return new UserError(known.code, message, `${code}: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Any failure as what the user should read: a UserError as it is, a disk or SQLite refusal in Chinese, or
 * null for a bug (the caller reports it as an internal error and logs the detail).
 */
export function describeFailure(error: unknown, context: { action?: string; path?: string } = {}): UserError | null {
  if (error instanceof UserError) return error;
  return storageWriteError(error) ?? systemError(error, context);
}

function pathOf(error: unknown): string | undefined {
  const path: unknown = typeof error === 'object' && error !== null ? (error as { path?: unknown }).path : undefined;
  return typeof path === 'string' ? path : undefined;
}

/** A path as short as still says which file: its last part, or the whole when that is all there is. */
function displayName(path: string): string {
  const name = basename(path);
  return name.length > 0 && name.length <= 120 ? name : path.slice(-120);
}
