import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../shared/errors';
import { storeFileName } from '../paths';
import type { BackupInfo, BackupRetention } from './backups';
import { BackupService, backupsFolderName, checkBackup, copyBackupInto, listBackups, removeStalePartials, writeBackup } from './backups';
import type { DraftStoreOptions, ReadOnlyReason } from './draft-store';
import { DraftStore, errorCode } from './draft-store';
import { newerVersionError } from './migrate';
import { latestSchemaVersion } from './migrations';

export interface OpenStoreOptions extends DraftStoreOptions {
  /** Minutes of editing between periodic backups (BackupService.maybePeriodic). */
  backupMinutes?: number;
  retention?: BackupRetention;
  log?: (line: string) => void;
}

/** What happened when the store file was found damaged at start-up; `message` is for the user. */
export interface StartupRecovery {
  reason: string;
  /** Where the damaged file (and its -wal/-shm) now is. */
  movedTo: string;
  /** The backup the drafts came back from, or null when none was usable and the store started empty. */
  restoredFrom: string | null;
  message: string;
}

export interface OpenedStore {
  store: DraftStore;
  backups: BackupService;
  recovered?: StartupRecovery;
  /** Set when the data folder could not be written: the drafts are there to see, every edit is refused. */
  readOnly?: ReadOnlyReason;
}

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');
/** Errors that mean "these bytes are not a sound database", as opposed to "cannot get at the file". */
const damageCodes = /^SQLITE_(CORRUPT|NOTADB)|^SQLITE_IOERR_SHORT_READ$/;

class DamagedStore extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Opens the draft store the way both hosts start: checks the file before trusting it, moves a damaged one
 * aside and brings back the newest intact backup, backs up before a schema migration, refuses a store from
 * a newer version without touching it, and takes the start-up backup. Never throws for a damaged file;
 * throws a UserError for a newer one or one it cannot reach (permissions, another program holding it).
 */
export async function openStoreSafely(dataDir: string, options: OpenStoreOptions = {}): Promise<OpenedStore> {
  const file = join(dataDir, storeFileName);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    const viewOnly = existsSync(dataDir) ? null : readOnlyReason(error, dataDir);
    if (viewOnly) return openForViewing(file, viewOnly, options);
    throw cannotOpenError(error, dataDir) ?? error;
  }
  assertFileOrNothing(file);
  // SQLite would open a write-protected file read-only without a word (when its -shm is there) and only
  // fail at the first edit: a folder or file that cannot be written is opened for viewing straight away.
  if (!folderWritable(dataDir) || (existsSync(file) && !folderWritable(file))) {
    const error = Object.assign(new Error(`${dataDir} is not writable`), { code: 'EROFS' });
    const viewOnly = readOnlyReason(error, dataDir);
    if (viewOnly) return openForViewing(file, viewOnly, options);
  }
  const backupsDir = join(dataDir, backupsFolderName);
  const now = options.now ?? (() => new Date());
  const nativeBinding = options.nativeBinding;

  let recovered: StartupRecovery | undefined;
  let store: DraftStore;
  try {
    try {
      removeStalePartials(backupsDir, now());
    } catch (error) {
      options.log?.(`removing stale partial backups failed: ${String(error)}`);
    }
    try {
      await inspectAndPrepare(file, backupsDir, now, nativeBinding);
      store = DraftStore.open(file, options);
    } catch (error) {
      const reason = error instanceof DamagedStore ? error.reason : damageReason(error);
      if (reason === null) throw error;
      recovered = await recover(file, backupsDir, reason, now(), nativeBinding);
      options.log?.(`store damaged (${reason}); moved to ${recovered.movedTo}; restored from ${recovered.restoredFrom ?? 'nothing'}`);
      store = DraftStore.open(file, options);
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    // A folder that cannot be written still holds the user's drafts: show them, refuse edits.
    const viewOnly = readOnlyReason(error, dataDir);
    if (viewOnly) return openForViewing(file, viewOnly, options);
    throw cannotOpenError(error, dataDir) ?? error;
  }

  const backups = new BackupService(store, {
    dir: backupsDir,
    now,
    periodicMinutes: options.backupMinutes,
    retention: options.retention,
    nativeBinding,
    log: options.log,
  });
  try {
    await backups.backupOnStart();
  } catch (error) {
    // A full disk must not keep the user from their drafts; the next periodic backup tries again.
    options.log?.(`start-up backup failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { store, backups, ...(recovered ? { recovered } : {}) };
}

/** The store for viewing only, from the file as it is (or empty when there is none); backups are not taken. */
function openForViewing(file: string, reason: ReadOnlyReason, options: OpenStoreOptions): OpenedStore {
  options.log?.(`store opened read-only: ${reason.detail}`);
  const store = existsSync(file) ? DraftStore.openReadOnly(file, reason, options) : DraftStore.openReadOnly(null, reason, options, file);
  const backups = new BackupService(store, {
    dir: join(dirname(file), backupsFolderName),
    now: options.now,
    periodicMinutes: options.backupMinutes,
    retention: options.retention,
    nativeBinding: options.nativeBinding,
    log: options.log,
  });
  return { store, backups, readOnly: reason };
}

/**
 * Why the data folder cannot take writes, when that is why opening failed: read-only (a read-only disk,
 * a folder without write permission) or full. Null for any other cause.
 */
function readOnlyReason(error: unknown, dataDir: string): ReadOnlyReason | null {
  const code = errorCode(error);
  const detail = `${code}: ${error instanceof Error ? error.message : String(error)}`;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_IOERR_SHMSIZE') {
    return {
      code: 'store.diskFull',
      message: '磁盘空间不足，数据文件无法写入：本次只能查看草稿，修改不会保存。请清理磁盘空间后重新启动本软件。',
      detail,
    };
  }
  const looksReadOnly = /^SQLITE_(READONLY|CANTOPEN|PERM|IOERR)/.test(code) || ['EACCES', 'EPERM', 'EROFS'].includes(code);
  const file = join(dataDir, storeFileName);
  if (looksReadOnly && (!folderWritable(dataDir) || (existsSync(file) && !folderWritable(file)))) {
    return {
      code: 'store.readOnly',
      message: `数据文件夹 ${dataDir} 为只读或没有写入权限：本次只能查看草稿，修改不会保存。请检查该文件夹的权限后重新启动本软件。`,
      detail,
    };
  }
  return null;
}

/** access(W_OK) also answers EROFS for root on a read-only mount, where chmod would not stop it. */
function folderWritable(path: string): boolean {
  try {
    accessSync(existsSync(path) ? path : dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A folder (or anything but a file) where the data file belongs is not ours to move: say what it is. */
function assertFileOrNothing(file: string): void {
  let isFile = true;
  try {
    isFile = statSync(file).isFile();
  } catch {
    return; // not there yet: it is created
  }
  if (!isFile) {
    throw new UserError(
      'store.notAFile',
      `无法打开数据文件：${file} 是一个文件夹（或其他非普通文件），不是数据文件。请将它移走或改名后重新启动，或设置环境变量 LIANHETI_DATA_DIR 改用其他文件夹。`,
      `${file} is not a regular file`,
    );
  }
}

/**
 * Looks at the file before DraftStore.open does: throws DamagedStore for bytes that are not our database,
 * the newerVersion UserError for a newer store, and takes the before-migration backup when one is due.
 */
async function inspectAndPrepare(file: string, backupsDir: string, now: () => Date, nativeBinding?: string): Promise<void> {
  if (!existsSync(file)) return;
  const header = readHeader(file);
  if (header.length === 0) throw new DamagedStore('文件为空，内容已丢失');
  if (header.length < 100 || !header.subarray(0, 16).equals(sqliteHeader)) {
    throw new DamagedStore('文件不是有效的数据库，可能被截断或被其他内容覆盖');
  }
  // user_version sits at offset 60 of the header: a newer store is refused before anything opens it.
  const headerVersion = header.readUInt32BE(60);
  if (headerVersion > latestSchemaVersion) throw newerVersionError(headerVersion);

  let probe: Database.Database | null = null;
  try {
    probe = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    probe.pragma('busy_timeout = 5000');
    const check = probe.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new DamagedStore('数据库内部结构已损坏');
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > latestSchemaVersion) throw newerVersionError(version);
    if (version === 0) {
      const tables = (probe.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number }).n;
      if (tables > 0) throw new DamagedStore('文件是其他软件的数据库，不是本软件的数据文件');
    } else if (version < latestSchemaVersion) {
      // The schema is about to change: keep the store as it was, in case the new version has to be rolled back.
      await writeBackup(probe, backupsDir, 'before-migration', now(), nativeBinding);
    }
  } catch (error) {
    if (error instanceof DamagedStore || error instanceof UserError) throw error;
    const reason = damageReason(error);
    if (reason !== null) throw new DamagedStore(reason);
    throw error;
  } finally {
    probe?.close();
  }
}

function readHeader(file: string): Buffer {
  const size = statSync(file).size;
  const buffer = Buffer.alloc(Math.min(100, size));
  if (buffer.length === 0) return buffer;
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, 0);
  } finally {
    closeSync(fd);
  }
  return buffer;
}

function damageReason(error: unknown): string | null {
  const code = errorCode(error);
  if (!damageCodes.test(code)) return null;
  return code.startsWith('SQLITE_NOTADB') ? '文件不是有效的数据库' : '数据库内部结构已损坏';
}

/** Why the store cannot be reached at all (not damage): a read-only or full disk, a lock, no permission. */
function cannotOpenError(error: unknown, dataDir: string): UserError | null {
  const code = errorCode(error);
  const detail = `${code}: ${error instanceof Error ? error.message : String(error)}`;
  if (/^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(code) || ['EACCES', 'EPERM', 'EROFS'].includes(code)) {
    return new UserError(
      'store.cannotOpen',
      `无法打开数据文件：数据文件夹 ${dataDir} 为只读或没有访问权限。请检查该文件夹的权限（或设置环境变量 LIANHETI_DATA_DIR 改用其他文件夹）后重新启动。`,
      detail,
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new UserError('store.diskFull', `磁盘空间不足，无法打开数据文件（${dataDir}）。请清理磁盘空间后重新启动。`, detail);
  }
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return new UserError('store.busy', '数据文件正被另一个程序占用（例如另一个正在运行的本软件或浏览器版）。请关闭它后重新启动。', detail);
  }
  if (/^SQLITE_IOERR/.test(code) || code === 'EIO') {
    return new UserError('store.ioError', `读写数据文件时磁盘出错（${dataDir}）。请检查磁盘后重新启动。`, detail);
  }
  return null;
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z'); // 20250318T093500Z
}

/** Moves the damaged file aside, keeping its -wal/-shm beside it under the matching name. */
function moveAside(file: string, at: Date): string {
  let movedTo = `${file}.damaged-${stamp(at)}`;
  for (let n = 2; existsSync(movedTo); n += 1) movedTo = `${file}.damaged-${stamp(at)}-${n}`;
  try {
    renameSync(file, movedTo);
    for (const suffix of ['-wal', '-shm', '-journal']) {
      if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${movedTo}${suffix}`);
    }
  } catch (error) {
    throw new UserError(
      'store.damagedLocked',
      `数据文件 ${file} 已损坏，但无法将其移走（可能正被另一个程序使用）。请关闭其他正在使用它的程序（例如浏览器版）后重新启动本软件。`,
      error instanceof Error ? error.message : String(error),
    );
  }
  return movedTo;
}

async function recover(file: string, backupsDir: string, reason: string, at: Date, nativeBinding?: string): Promise<StartupRecovery> {
  const movedTo = moveAside(file, at);
  let restored: BackupInfo | null = null;
  for (const backup of listBackups(backupsDir)) {
    if (!checkBackup(backup.file, nativeBinding).ok) continue;
    await copyBackupInto(backup.file, file, nativeBinding);
    restored = backup;
    break;
  }
  const where = `${movedTo}`;
  const message = restored
    ? `数据文件 ${basename(file)} 已损坏（${reason}）。软件已将损坏的文件移到：${where}，并从 ${localTime(restored.createdAt)} 的自动备份恢复了草稿。该备份之后所做的修改可能未能恢复，请核对最近填写的内容。`
    : `数据文件 ${basename(file)} 已损坏（${reason}）。软件已将损坏的文件移到：${where}。没有找到可用的备份，已新建一个空的数据文件。请保留损坏的文件，以便技术人员尝试找回其中的草稿。`;
  return { reason, movedTo, restoredFrom: restored?.fileName ?? null, message };
}

/** 2025年3月18日 17:35, in the computer's own time zone, as the user reads a clock. */
export function localTime(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}年${at.getMonth() + 1}月${at.getDate()}日 ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
