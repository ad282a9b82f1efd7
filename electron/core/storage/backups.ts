import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../../shared/errors';
import type { DraftStore } from './draft-store';
import { storageWriteError } from './draft-store';
import { latestSchemaVersion } from './migrations';

/**
 * Automatic backups (自动备份) of the draft store, made with SQLite's online backup API so that a copy is
 * consistent even while the app keeps writing. They live in `<dataDir>/backups/`, one self-contained file
 * each, named after the moment (UTC) and the reason they were taken.
 */

export const backupCauses = ['startup', 'periodic', 'manual', 'before-migration', 'before-restore', 'before-import'] as const;
export type BackupCause = (typeof backupCauses)[number];

export const backupCauseLabels: Record<BackupCause, string> = {
  startup: '启动时自动备份',
  periodic: '编辑期间定时备份',
  manual: '手动备份',
  'before-migration': '升级数据格式前的备份',
  'before-restore': '恢复备份前的当前数据',
  'before-import': '导入项目文件前的备份',
};

export interface BackupInfo {
  /** The only thing the page ever sends back: a name from this list, never a path. */
  fileName: string;
  file: string;
  createdAt: string;
  cause: BackupCause;
  sizeBytes: number;
}

export interface BackupRetention {
  /** Newest backups of today that are kept. */
  keepToday: number;
  /** Earlier days for which the newest backup of the day is kept. */
  keepDays: number;
}

export const defaultRetention: BackupRetention = { keepToday: 10, keepDays: 30 };

export interface BackupServiceOptions {
  /** Defaults to `backups` beside the store file. */
  dir?: string;
  now?: () => Date;
  /** Minutes of editing between periodic backups. */
  periodicMinutes?: number;
  retention?: BackupRetention;
  /** better-sqlite3 built for Electron's ABI (see DraftStoreOptions). */
  nativeBinding?: string;
  log?: (line: string) => void;
}

export const backupsFolderName = 'backups';
const namePattern = /^drafts-(\d{8})T(\d{2})(\d{2})(\d{2})(\d{3})Z-([a-z-]+)\.sqlite$/;
const partialSuffix = '.partial';
/** Copying every page in one step keeps the copy consistent and the live file locked for one moment only. */
const allPages = 0x7fffffff;

function nameFor(at: Date, cause: BackupCause): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', ''); // 20250318T093500123Z
  return `drafts-${stamp}-${cause}.sqlite`;
}

function parseName(fileName: string): { createdAt: string; cause: BackupCause } | null {
  const match = namePattern.exec(fileName);
  if (!match) return null;
  const [, day, hh, mm, ss, ms, cause] = match;
  if (!(backupCauses as readonly string[]).includes(cause)) return null;
  const createdAt = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T${hh}:${mm}:${ss}.${ms}Z`;
  if (Number.isNaN(Date.parse(createdAt))) return null;
  return { createdAt, cause: cause as BackupCause };
}

/** Backups in a folder, newest first; anything else there (half-written copies, stray files) is ignored. */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  const found: BackupInfo[] = [];
  for (const fileName of readdirSync(dir)) {
    const parsed = parseName(fileName);
    if (!parsed) continue;
    const file = join(dir, fileName);
    try {
      const stat = statSync(file);
      if (stat.isFile()) found.push({ fileName, file, ...parsed, sizeBytes: stat.size });
    } catch {
      // Removed by another instance between readdir and stat.
    }
  }
  return found.sort(newestFirst);
}

function newestFirst(a: BackupInfo, b: BackupInfo): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.fileName < b.fileName ? 1 : a.fileName > b.fileName ? -1 : 0;
}

/** Whether a backup can be restored: intact, and written by this or an older version of the app. */
export function checkBackup(file: string, nativeBinding?: string): { ok: true; version: number } | { ok: false; reason: string } {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return { ok: false, reason: '备份文件已损坏' };
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestSchemaVersion) return { ok: false, reason: '备份由更新版本的软件创建' };
    if (version < 1) return { ok: false, reason: '不是本软件的备份' };
    return { ok: true, version };
  } catch (error) {
    return { ok: false, reason: `无法读取备份（${error instanceof Error ? error.message : String(error)}）` };
  } finally {
    db?.close();
  }
}

/**
 * Copies a live database into a new backup file. The copy is written under a temporary name, switched to a
 * plain rollback journal (so that it is one self-contained file), checked, and only then given its name: a
 * crash or a full disk mid-way never leaves something that looks like a backup but is not.
 */
/** What can be copied into a backup: the open store, or a raw connection that start-up opened to look. */
export type BackupSource = Pick<Database.Database, 'backup'>;

export async function writeBackup(
  source: BackupSource,
  dir: string,
  cause: BackupCause,
  at: Date,
  nativeBinding?: string,
): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true });
  let when = at;
  while (existsSync(join(dir, nameFor(when, cause)))) when = new Date(when.getTime() + 1);
  const fileName = nameFor(when, cause);
  const file = join(dir, fileName);
  const partial = `${file}${partialSuffix}`;
  rmSync(partial, { force: true });
  try {
    await source.backup(partial, { progress: () => allPages });
    const copy = new Database(partial, nativeBinding ? { nativeBinding } : {});
    try {
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`backup copy failed quick_check: ${String(check)}`);
    } finally {
      copy.close();
    }
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
    throw backupWriteError(error);
  }
  return { fileName, file, createdAt: when.toISOString(), cause, sizeBytes: statSync(file).size };
}

function backupWriteError(error: unknown): UserError {
  const mapped = storageWriteError(error);
  if (mapped?.code === 'store.diskFull') return new UserError('backup.diskFull', '磁盘空间不足，未能创建备份。请清理磁盘空间后重试。', mapped.detail);
  if (mapped?.code === 'store.readOnly') return new UserError('backup.readOnly', '数据文件夹为只读，未能创建备份。', mapped.detail);
  if (error instanceof UserError) return error;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new UserError('backup.failed', '未能创建备份（写入备份文件夹时出错）。草稿本身未受影响。', detail);
}

/** Copies a backup file over a database file with the online backup API (the destination may be open). */
export async function copyBackupInto(backupFile: string, destination: string, nativeBinding?: string): Promise<void> {
  const source = new Database(backupFile, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    await source.backup(destination, { progress: () => allPages });
  } finally {
    source.close();
  }
}

function localDay(at: Date): string {
  return `${at.getFullYear()}-${at.getMonth() + 1}-${at.getDate()}`;
}

/**
 * Which backups retention keeps: the newest `keepToday` of today (local time, as the user counts days),
 * the newest of each earlier day for `keepDays` days, and always the newest of all, so that a wrong clock
 * never leaves the user with none. At most keepToday + keepDays files, plus any that are `protect`ed.
 */
export function backupsToKeep(backups: BackupInfo[], now: Date, retention: BackupRetention, protect: ReadonlySet<string> = new Set()): Set<string> {
  const keep = new Set<string>([...protect]);
  const sorted = [...backups].sort(newestFirst);
  if (sorted.length > 0) keep.add(sorted[0].fileName);
  const today = localDay(now);
  const oldest = now.getTime() - retention.keepDays * 86_400_000;
  const days = new Set<string>();
  let todayKept = 0;
  for (const backup of sorted) {
    const at = new Date(backup.createdAt);
    // A backup "from the future" (the clock was set back) counts as today's.
    if (localDay(at) === today || at.getTime() > now.getTime()) {
      if (todayKept < retention.keepToday) keep.add(backup.fileName);
      todayKept += 1;
      continue;
    }
    if (at.getTime() < oldest) continue;
    const day = localDay(at);
    if (!days.has(day)) {
      days.add(day);
      keep.add(backup.fileName);
    }
  }
  return keep;
}

export function pruneBackups(dir: string, now: Date, retention: BackupRetention, protect: ReadonlySet<string> = new Set()): string[] {
  const backups = listBackups(dir);
  const keep = backupsToKeep(backups, now, retention, protect);
  const removed: string[] = [];
  for (const backup of backups) {
    if (keep.has(backup.fileName)) continue;
    rmSync(backup.file, { force: true });
    removed.push(backup.fileName);
  }
  return removed;
}

/** Half-written copies left by a crash; only old ones, since another instance may be writing one now. */
export function removeStalePartials(dir: string, now: Date, olderThanMs = 10 * 60_000): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(partialSuffix) && !name.endsWith(`${partialSuffix}-journal`)) continue;
    const file = join(dir, name);
    try {
      if (now.getTime() - statSync(file).mtimeMs > olderThanMs) rmSync(file, { force: true });
    } catch {
      // Gone already.
    }
  }
}

export interface RestoreResult {
  restoredFrom: BackupInfo;
  /** The state just before the restore, kept as a backup of its own. */
  keptCurrentAs: BackupInfo;
}

/** Backups of one open store: taking them, listing them, pruning them, and restoring one in place. */
export class BackupService {
  readonly dir: string;
  private readonly now: () => Date;
  private readonly periodicMs: number;
  private readonly retention: BackupRetention;
  private readonly nativeBinding?: string;
  private readonly log?: (line: string) => void;
  /** Backups and restores run one at a time: a restore must never overlap a copy of the same file. */
  private queue: Promise<unknown> = Promise.resolve();
  /** SQLite's count of rows this connection changed, at the last backup (or at start): catches deletions too. */
  private changesAtLastBackup: number;

  constructor(
    private readonly store: DraftStore,
    options: BackupServiceOptions = {},
  ) {
    this.dir = options.dir ?? join(dirname(store.file), backupsFolderName);
    this.now = options.now ?? (() => new Date());
    this.periodicMs = (options.periodicMinutes ?? 10) * 60_000;
    this.retention = options.retention ?? defaultRetention;
    this.nativeBinding = options.nativeBinding;
    this.log = options.log;
    this.changesAtLastBackup = this.totalChanges();
  }

  list(): BackupInfo[] {
    return listBackups(this.dir);
  }

  /** Takes a backup now and applies retention. */
  backupNow(cause: BackupCause): Promise<BackupInfo> {
    return this.serialized(() => this.takeBackup(cause));
  }

  /** The start-up backup: skipped when there is nothing to protect or the newest backup is already current. */
  backupOnStart(): Promise<BackupInfo | null> {
    return this.serialized(async () => {
      if (!this.hasDrafts()) return null;
      const newest = this.list()[0];
      if (newest && !this.editedSince(Date.parse(newest.createdAt))) return null;
      return this.takeBackup('startup');
    });
  }

  /** Called by the hosts every minute or so: backs up when the last backup is N minutes old and edits followed it. */
  maybePeriodic(): Promise<BackupInfo | null> {
    return this.serialized(async () => {
      const newest = this.list()[0];
      const since = newest ? Date.parse(newest.createdAt) : Number.NEGATIVE_INFINITY;
      if (this.now().getTime() - since < this.periodicMs) return null;
      if (newest ? !this.editedSince(since) : !this.hasDrafts()) return null;
      return this.takeBackup('periodic');
    });
  }

  /**
   * Puts the whole store back as it was in a backup. The current state is backed up first; the backup is
   * copied into the open database with the online backup API (so every handler keeps its connection), then
   * migrated if it came from an older version.
   */
  restore(fileName: string): Promise<RestoreResult> {
    return this.serialized(async () => {
      // A store opened for viewing only cannot take the restored drafts.
      this.store.assertWritable();
      const restoredFrom = this.list().find((backup) => backup.fileName === fileName);
      if (!restoredFrom) {
        throw new UserError('backup.notFound', '找不到该备份，可能已被自动清理。请刷新备份列表后重试。', `no backup named ${JSON.stringify(fileName)}`);
      }
      const check = checkBackup(restoredFrom.file, this.nativeBinding);
      if (!check.ok) {
        throw new UserError('backup.unusable', `该备份无法恢复：${check.reason}。当前数据未做任何更改。`, `${fileName}: ${check.reason}`);
      }
      const keptCurrentAs = await this.takeBackup('before-restore', new Set([fileName]));
      try {
        await copyBackupInto(restoredFrom.file, this.store.file, this.nativeBinding);
      } catch (error) {
        const mapped = storageWriteError(error);
        throw new UserError(
          'backup.restoreFailed',
          `恢复失败，当前数据保持不变${mapped ? `：${mapped.message}` : '。'}`,
          error instanceof Error ? error.message : String(error),
        );
      }
      this.store.reloadAfterRestore();
      this.changesAtLastBackup = this.totalChanges();
      this.log?.(`restored backup ${fileName}; previous state kept as ${keptCurrentAs.fileName}`);
      return { restoredFrom, keptCurrentAs };
    });
  }

  /** Resolves when no backup or restore is running (before closing the store). */
  async idle(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private async takeBackup(cause: BackupCause, protect: ReadonlySet<string> = new Set()): Promise<BackupInfo> {
    if (this.store.readOnly) {
      throw new UserError('backup.readOnly', `未能创建备份：${this.store.readOnly.message}`, this.store.readOnly.detail);
    }
    const changes = this.totalChanges();
    const info = await writeBackup(this.store, this.dir, cause, this.now(), this.nativeBinding);
    this.changesAtLastBackup = changes;
    try {
      pruneBackups(this.dir, this.now(), this.retention, new Set([...protect, info.fileName]));
    } catch (error) {
      this.log?.(`pruning backups failed: ${String(error)}`);
    }
    return info;
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private totalChanges(): number {
    return this.store.totalChanges();
  }

  private hasDrafts(): boolean {
    return this.store.hasDrafts();
  }

  /** Edits after a moment: the drafts' own timestamps (they survive a restart), or any row this session changed. */
  private editedSince(sinceMs: number): boolean {
    if (this.totalChanges() !== this.changesAtLastBackup) return true;
    return this.store.lastChangeMs() > sinceMs;
  }
}
