import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkBackup, listBackups } from '../../../electron/core/storage/backups';
import { migrate } from '../../../electron/core/storage/migrate';
import { latestSchemaVersion } from '../../../electron/core/storage/migrations';
import { openStoreSafely } from '../../../electron/core/storage/open-store';
import { startWebHost } from '../../../electron/webhost/server';
import { rendererDir } from '../../helpers/web-host';
import { makeTempDir } from '../../helpers/temp-dir';

let dir = '';
let file = '';
let cleanup = () => {};
let clock = new Date('2026-03-10T12:00:00.000Z');
const now = () => clock;
const advance = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};

beforeEach(() => {
  const temp = makeTempDir();
  dir = temp.dir;
  file = join(dir, 'drafts.sqlite');
  cleanup = temp.cleanup;
  clock = new Date('2026-03-10T12:00:00.000Z');
});
afterEach(() => cleanup());

/** A store with real content, closed, plus the start-up backup the app would have taken of it. */
async function storeWithDrafts(name: string): Promise<void> {
  const { store } = await openStoreSafely(dir, { now });
  const draft = store.createDraft({ id: 'd1', regionId: 'xinjiang', templateVersion: 1 });
  store.setField(draft.id, 'consortiumName', name);
  store.addRows(draft.id, 'members', null, Array.from({ length: 300 }, (_, i) => ({ name: `成员单位${i}`, role: '负责关键技术攻关'.repeat(20) })));
  store.close();
  advance(1);
  (await openStoreSafely(dir, { now })).store.close(); // start-up backup of that state
  advance(1);
}

const damage: Record<string, () => void> = {
  'emptied (0 bytes)': () => truncateSync(file, 0),
  'truncated mid-file': () => truncateSync(file, Math.floor(statSync(file).size / 2) + 100),
  'cut inside the header': () => truncateSync(file, 40),
  'overwritten with garbage': () => writeFileSync(file, Buffer.from('这不是数据库 garbage '.repeat(5000))),
  'pages scrambled behind an intact header': () => {
    const bytes = readFileSync(file);
    for (let i = 4096; i < bytes.length; i += 1) bytes[i] = (i * 31) & 0xff;
    writeFileSync(file, bytes);
  },
  'replaced by another format (a zip / .docx)': () => writeFileSync(file, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(5000, 1)])),
  "replaced by another program's SQLite database": () => {
    rmSync(file);
    const other = new Database(file);
    other.exec('CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES (1)');
    other.close();
  },
};

describe('opening the store at start-up', () => {
  it('creates a fresh store and takes no backup when there is nothing to protect', async () => {
    const { store, recovered, backups } = await openStoreSafely(dir, { now });
    expect(recovered).toBeUndefined();
    expect(store.file).toBe(file);
    expect(backups.list()).toEqual([]);
    store.close();
  });

  it('takes a start-up backup when the drafts changed since the last one, and only then', async () => {
    await storeWithDrafts('新疆煤化工创新联合体');
    const before = listBackups(join(dir, 'backups'));
    expect(before.map((b) => b.cause)).toEqual(['startup']);
    const { store } = await openStoreSafely(dir, { now });
    expect(listBackups(join(dir, 'backups'))).toEqual(before); // nothing changed since
    store.setField('d1', 'goals', '新目标');
    store.close();
    advance(1);
    (await openStoreSafely(dir, { now })).store.close();
    expect(listBackups(join(dir, 'backups')).map((b) => b.cause)).toEqual(['startup', 'startup']);
  });

  for (const [kind, spoil] of Object.entries(damage)) {
    it(`recovers from a data file ${kind}: moves it aside and restores the newest good backup`, async () => {
      await storeWithDrafts('备份中的联合体');
      spoil();
      const spoiled = readFileSync(file);
      // The newest backup is itself damaged: the one before it must be chosen.
      const good = listBackups(join(dir, 'backups'))[0];
      const badBackup = join(dir, 'backups', 'drafts-20260310T120130000Z-periodic.sqlite');
      writeFileSync(badBackup, Buffer.alloc(4096, 9));

      const { store, recovered } = await openStoreSafely(dir, { now });
      try {
        expect(recovered).toBeDefined();
        expect(recovered!.restoredFrom).toBe(good.fileName);
        expect(recovered!.movedTo).toBe(`${file}.damaged-20260310T120200Z`);
        expect(readFileSync(recovered!.movedTo).equals(spoiled)).toBe(true); // the bad file is kept as it was
        expect(recovered!.message).toContain('已损坏');
        expect(recovered!.message).toContain(recovered!.movedTo);
        expect(recovered!.message).toMatch(/并从 2026年3月10日 \d\d:01 的自动备份恢复了草稿/);
        expect(store.getDraft('d1').fields.consortiumName).toBe('备份中的联合体');
        expect(store.getDraft('d1').tables.members).toHaveLength(300);
        expect(store.pragma('integrity_check')).toBe('ok');
        store.setField('d1', 'goals', '恢复后继续填写'); // and the app carries on saving
      } finally {
        store.close();
      }
    });
  }

  it('starts empty, and says so, when the data file is damaged and no backup is usable', async () => {
    (await openStoreSafely(dir, { now })).store.close();
    writeFileSync(file, 'garbage');
    writeFileSync(`${file}-wal`, 'stale wal');
    const { store, recovered } = await openStoreSafely(dir, { now });
    expect(recovered?.restoredFrom).toBeNull();
    expect(recovered?.message).toMatch(/没有找到可用的备份，已新建一个空的数据文件/);
    expect(readFileSync(`${recovered!.movedTo}-wal`, 'utf8')).toBe('stale wal'); // its WAL went with it
    expect(existsSync(`${file}-wal`) && readFileSync(`${file}-wal`, 'utf8') === 'stale wal').toBe(false);
    expect(store.listDrafts()).toEqual([]);
    store.close();
  });

  it('refuses a store from a newer version of the app and leaves the file untouched', async () => {
    await storeWithDrafts('新版本的草稿');
    const db = new Database(file);
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    db.close();
    const bytes = readFileSync(file);
    const backupsBefore = readdirSync(join(dir, 'backups'));
    await expect(openStoreSafely(dir, { now })).rejects.toMatchObject({
      code: 'store.newerVersion',
      message: expect.stringMatching(/数据文件由更新版本的软件创建.*已拒绝打开/),
    });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dir).filter((name) => name.includes('damaged'))).toEqual([]);
    expect(readdirSync(join(dir, 'backups'))).toEqual(backupsBefore);
  });

  it('backs the store up before migrating it to a newer schema', async () => {
    const db = new Database(file);
    migrate(db, 2);
    db.prepare("INSERT INTO draft (id, region_id, template_version, created_at, updated_at) VALUES ('v2', 'xinjiang', 1, '2025-06-01T00:00:00Z', '2025-06-01T00:00:00Z')").run();
    db.close();
    const { store } = await openStoreSafely(dir, { now });
    expect(store.pragma('user_version')).toBe(latestSchemaVersion);
    store.close();
    const before = listBackups(join(dir, 'backups')).find((b) => b.cause === 'before-migration');
    expect(before).toBeDefined();
    expect(checkBackup(before!.file)).toEqual({ ok: true, version: 2 });
  });

  it('shows the recovery notice to the page through the browser host', async () => {
    await storeWithDrafts('浏览器版的草稿');
    writeFileSync(file, 'garbage');
    const host = await startWebHost({ dataDir: dir, rendererDir, appVersion: 'test' });
    try {
      const answer = (await (
        await fetch(`${host.url}/api/app.startupNotice`, { method: 'POST', headers: { 'X-Api-Token': host.token }, body: '{}' })
      ).json()) as { ok: boolean; value: { message: string | null } };
      expect(answer.ok).toBe(true);
      expect(answer.value.message).toMatch(/数据文件 drafts\.sqlite 已损坏.*已将损坏的文件移到/);
      expect(host.store.getDraft('d1').fields.consortiumName).toBe('浏览器版的草稿');
    } finally {
      await host.close();
    }
  });

  it('does not treat a file it cannot open as damage', async () => {
    // A folder where the file should be (or a file held by another program) is not "damaged bytes".
    mkdirSync(file);
    await expect(openStoreSafely(dir, { now })).rejects.toThrow();
    expect(statSync(file).isDirectory()).toBe(true);
    expect(readdirSync(dir).filter((name) => name.includes('damaged'))).toEqual([]);
  });
});
