import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { UserError } from '../../shared/errors';
import { systemError } from '../os-errors';

/**
 * Writes a file beside its final name and renames it into place once it is complete and on disk; on any failure
 * the partial file is removed and whatever was at the final name stays as it was.
 */
export async function writeAtomic(path: string, data: Buffer): Promise<void> {
  const partial = `${path}.${randomBytes(3).toString('hex')}.part`;
  try {
    const handle = await open(partial, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, path);
  } catch (error) {
    await unlink(partial).catch(() => undefined);
    throw fileError(path, error);
  }
}

export function fileError(path: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const name = path.split(/[\\/]/).pop() ?? path;
  const detail = `${path}: ${error instanceof Error ? error.message : String(error)}`;
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
    return new UserError('export.locked', `无法写入“${name}”：文件可能正被 Word 或 WPS 打开，或没有写入权限。请关闭该文件后重试，原有文件未被改动。`, detail);
  }
  if (code === 'ENOSPC') return new UserError('export.diskFull', `磁盘空间不足，无法写入“${name}”。原有文件未被改动。`, detail);
  const system = systemError(error, { action: '写入', path });
  if (system) return new UserError(system.code, `${system.message}原有文件未被改动。`, detail);
  return new UserError('export.writeFailed', `写入“${name}”失败，原有文件未被改动。`, detail);
}

