import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../../electron/core/storage/backups';
import { BackupService, backupsToKeep, checkBackup, listBackups } from '../../../electron/core/storage/backups';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import { latestSchemaVersion } from '../../../electron/core/storage/migrations';
import { UserError } from '../../../electron/shared/errors';
import { makeTempDir } from '../../helpers/temp-dir';

let dir = '';
let cleanup = () => {};
// Noon UTC: the same calendar day in every time zone from UTC-11 to UTC+11, so "today" is unambiguous.
let clock = new Date('2026-03-10T12:00:00.000Z');
const now = () => clock;
const advance = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};
let store: DraftStore;
let backups: BackupService;

beforeEach(() => {
  const temp = makeTempDir();
  dir = temp.dir;
  clock = new Date('2026-03-10T12:00:00.000Z');
  store = DraftStore.open(join(dir, 'drafts.sqlite'), { now });
  backups = new BackupService(store, { now, periodicMinutes: 10 });
  cleanup = () => {
    store.close();
    temp.cleanup();
  };
});
afterEach(() => cleanup());

/** Reads a backup file on its own, as a separate database. */
function namesIn(backup: BackupInfo): string[] {
  const db = new Database(backup.file, { readonly: true });
  try {
    return (db.prepare("SELECT value FROM draft_field WHERE key = 'consortiumName' ORDER BY value").all() as Array<{ value: string }>).map((row) => row.value);
  } finally {
    db.close();
  }
}

describe('backups', () => {
  it('are complete, self-contained SQLite files named after the moment and the cause', async () => {
    const draft = store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    store.setField(draft.id, 'consortiumName', '新疆煤化工创新联合体');
    const backup = await backups.backupNow('manual');
    expect(backup.fileName).toBe('drafts-20260310T120000000Z-manual.sqlite');
    expect(backup.file).toBe(join(dir, 'backups', backup.fileName));
    expect(readdirSync(join(dir, 'backups'))).toEqual([backup.fileName]); // no -wal, -shm or half-written copy
    expect(checkBackup(backup.file)).toEqual({ ok: true, version: latestSchemaVersion });
    expect(namesIn(backup)).toEqual(['新疆煤化工创新联合体']);
    // The live store is untouched and keeps working.
    store.setField(draft.id, 'consortiumName', '改过的名称');
    expect(namesIn(backup)).toEqual(['新疆煤化工创新联合体']);
  });

  it('list newest first and ignore files that are not backups', async () => {
    store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    const first = await backups.backupNow('startup');
    advance(1);
    const second = await backups.backupNow('manual');
    writeFileSync(join(dir, 'backups', 'notes.txt'), 'x');
    writeFileSync(join(dir, 'backups', `${second.fileName}.partial`), 'half');
    expect(backups.list().map((b) => b.fileName)).toEqual([second.fileName, first.fileName]);
    expect(backups.list()[0]).toMatchObject({ cause: 'manual', createdAt: '2026-03-10T12:01:00.000Z' });
  });

  it('keep the last 10 of today and one per earlier day for 30 days', () => {
    const at = (iso: string, n: number): BackupInfo => ({ fileName: `b${n}`, file: '', createdAt: iso, cause: 'periodic', sizeBytes: 1 });
    const list: BackupInfo[] = [];
    // 14 backups today, 10 minutes apart.
    for (let i = 0; i < 14; i += 1) list.push(at(new Date(Date.parse('2026-03-10T09:00:00Z') + i * 600_000).toISOString(), i));
    // Three a day on each of the 40 days before.
    for (let day = 1; day <= 40; day += 1) {
      for (let k = 0; k < 3; k += 1) list.push(at(new Date(Date.parse('2026-03-10T10:00:00Z') - day * 86_400_000 + k * 3_600_000).toISOString(), 100 * day + k));
    }
    const keep = backupsToKeep(list, new Date('2026-03-10T12:00:00Z'), { keepToday: 10, keepDays: 30 });
    const todayKept = [...keep].filter((name) => Number(name.slice(1)) < 100);
    expect(todayKept.sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))).toEqual(['b4', 'b5', 'b6', 'b7', 'b8', 'b9', 'b10', 'b11', 'b12', 'b13']);
    // The newest (k = 2) of each earlier day, for the days within 30 days.
    const earlier = [...keep].filter((name) => Number(name.slice(1)) >= 100);
    expect(earlier.every((name) => name.endsWith('2'))).toBe(true);
    expect(earlier.length).toBe(30);
    expect(keep.size).toBe(40);
    // A clock set back never leaves the user without a backup.
    expect(backupsToKeep(list.slice(20, 21), new Date('2030-01-01T00:00:00Z'), { keepToday: 10, keepDays: 30 }).size).toBe(1);
  });

  it('apply retention as backups are taken', async () => {
    store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    const service = new BackupService(store, { now, retention: { keepToday: 3, keepDays: 30 } });
    for (let i = 0; i < 5; i += 1) {
      await service.backupNow('periodic');
      advance(1);
    }
    expect(service.list().map((b) => b.createdAt)).toEqual([
      '2026-03-10T12:04:00.000Z',
      '2026-03-10T12:03:00.000Z',
      '2026-03-10T12:02:00.000Z',
    ]);
  });

  it('are taken periodically only after N minutes with edits since the last one', async () => {
    expect(await backups.maybePeriodic()).toBeNull(); // nothing to protect yet
    const draft = store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    const first = await backups.maybePeriodic();
    expect(first?.cause).toBe('periodic');
    advance(5);
    store.setField(draft.id, 'goals', '目标');
    expect(await backups.maybePeriodic()).toBeNull(); // too soon
    advance(6);
    const second = await backups.maybePeriodic();
    expect(second?.createdAt).toBe('2026-03-10T12:11:00.000Z');
    advance(30);
    expect(await backups.maybePeriodic()).toBeNull(); // no edits since
    store.trashDraft(draft.id); // a deletion counts as an edit too
    expect((await backups.maybePeriodic())?.cause).toBe('periodic');
  });

  it('restore the whole store in place, keeping the current state as a backup first', async () => {
    const kept = store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    store.setField(kept.id, 'consortiumName', '备份时的名称');
    const backup = await backups.backupNow('manual');
    advance(1);
    store.setField(kept.id, 'consortiumName', '之后改的名称');
    const later = store.createDraft({ regionId: 'chongqing', templateVersion: 1 });

    const result = await backups.restore(backup.fileName);
    expect(result.restoredFrom.fileName).toBe(backup.fileName);
    expect(result.keptCurrentAs.cause).toBe('before-restore');
    // The same DraftStore object (held by every handler) now reads the restored data and keeps saving.
    expect(store.getDraft(kept.id).fields.consortiumName).toBe('备份时的名称');
    expect(store.listDrafts().map((d) => d.id)).toEqual([kept.id]);
    store.setField(kept.id, 'goals', '恢复后继续填写');
    expect(store.getDraft(kept.id).fields.goals).toBe('恢复后继续填写');
    expect(store.pragma('integrity_check')).toBe('ok');
    // What was there before the restore is itself recoverable.
    expect(namesIn(result.keptCurrentAs)).toEqual(['之后改的名称']);
    const undo = await backups.restore(result.keptCurrentAs.fileName);
    expect(undo.restoredFrom.cause).toBe('before-restore');
    expect(store.getDraft(later.id).regionId).toBe('chongqing');
  });

  it('restore only a backup of the list: a path, a made-up or a damaged one is refused and nothing changes', async () => {
    const draft = store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    store.setField(draft.id, 'consortiumName', '当前名称');
    const backup = await backups.backupNow('manual');
    for (const name of ['../drafts.sqlite', join(dir, 'drafts.sqlite'), 'drafts-20260310T120000000Z-manual.sqlite/../x', 'nope.sqlite']) {
      await expect(backups.restore(name)).rejects.toMatchObject({ code: 'backup.notFound' });
    }
    advance(1);
    store.setField(draft.id, 'consortiumName', '最新名称');
    writeFileSync(backup.file, Buffer.alloc(8192, 7)); // the backup file got damaged on disk
    const before = backups.list().length;
    const error = await backups.restore(backup.fileName).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('backup.unusable');
    expect((error as UserError).message).toMatch(/该备份无法恢复.*当前数据未做任何更改/);
    expect(store.getDraft(draft.id).fields.consortiumName).toBe('最新名称');
    expect(backups.list().length).toBe(before);
  });

  it('restore a backup from an older schema version and migrate it', async () => {
    // A store as version 2 of the app left it: drafts and rows, no revisions table yet.
    const old = join(dir, 'old.sqlite');
    const db = new Database(old);
    const { migrate } = await import('../../../electron/core/storage/migrate');
    migrate(db, 2);
    db.prepare("INSERT INTO draft (id, region_id, template_version, created_at, updated_at) VALUES ('old', 'xinjiang', 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')").run();
    db.prepare("INSERT INTO draft_field VALUES ('old', 'consortiumName', '旧版本的草稿', '2025-01-01T00:00:00Z')").run();
    mkdirSync(join(dir, 'backups'), { recursive: true });
    await db.backup(join(dir, 'backups', 'drafts-20260309T120000000Z-periodic.sqlite'));
    db.close();
    store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    await backups.restore('drafts-20260309T120000000Z-periodic.sqlite');
    expect(store.pragma('user_version')).toBe(latestSchemaVersion);
    expect(store.getDraft('old').fields.consortiumName).toBe('旧版本的草稿');
    expect(store.listRevisions('old')).toEqual([]); // the revisions table exists again
  });

  it('refuse a backup written by a newer version of the app', async () => {
    store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    const backup = await backups.backupNow('manual');
    const db = new Database(backup.file);
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    db.close();
    expect(checkBackup(backup.file)).toEqual({ ok: false, reason: '备份由更新版本的软件创建' });
    await expect(backups.restore(backup.fileName)).rejects.toMatchObject({ code: 'backup.unusable' });
  });

  it('stay consistent while edits continue during the copy', async () => {
    const draft = store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    store.addRows(draft.id, 'members', null, Array.from({ length: 2000 }, (_, i) => ({ name: `单位${i}`, role: '分工'.repeat(50) })));
    const pending = backups.backupNow('manual');
    store.setField(draft.id, 'goals', '备份进行中写入');
    const backup = await pending;
    expect(checkBackup(backup.file).ok).toBe(true);
    expect(existsSync(`${backup.file}.partial`)).toBe(false);
    expect(listBackups(join(dir, 'backups'))).toHaveLength(1);
  });
});
