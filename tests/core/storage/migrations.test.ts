import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/storage/migrate';
import { latestSchemaVersion, migrations } from '../../../electron/core/storage/migrations';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import { makeTempDir } from '../../helpers/temp-dir';

let cleanup = () => {};
afterEach(() => cleanup());

function tempFile(): string {
  const temp = makeTempDir();
  cleanup = temp.cleanup;
  return join(temp.dir, 'drafts.sqlite');
}

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[])
    .map((row) => row.name)
    .filter((name) => !name.startsWith('sqlite_'));
}

/** Data as a store of each schema version would have held it, to prove upgrades keep it. */
const seedAtVersion: Record<number, (db: Database.Database) => void> = {
  1: (db) => {
    db.prepare("INSERT INTO draft (id, region_id, template_version, created_at, updated_at) VALUES ('d1', 'xinjiang', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')").run();
    db.prepare("INSERT INTO draft_field VALUES ('d1', 'consortiumName', '新疆棉纺创新联合体', '2026-01-01T00:00:00.000Z')").run();
  },
  2: (db) => {
    seedAtVersion[1](db);
    db.prepare(
      "INSERT INTO table_row (id, draft_id, table_key, position, data, updated_at) VALUES ('r1', 'd1', 'members', 0, ?, '2026-01-01T00:00:00.000Z')",
    ).run(JSON.stringify({ name: '新疆某棉业集团有限公司', uscc: '91650100MA7XXXXX01', tier: '牵头单位' }));
  },
  3: (db) => {
    seedAtVersion[2](db);
    db.prepare(
      "INSERT INTO revision (draft_id, created_at, cause, label, snapshot) VALUES ('d1', '2026-01-02T00:00:00.000Z', 'manual', '', '{}')",
    ).run();
  },
  4: (db) => {
    seedAtVersion[3](db);
    db.prepare("UPDATE draft SET completeness = 80, eligible = 'pass', checked_at = '2026-01-03T00:00:00.000Z' WHERE id = 'd1'").run();
  },
  5: (db) => seedAtVersion[4](db),
};

describe('schema migrations', () => {
  it('are numbered 1..n without gaps, the last one being the latest', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    expect(latestSchemaVersion).toBe(versions.length);
  });

  it('build the whole schema from an empty file', () => {
    const file = tempFile();
    const db = new Database(file);
    expect(migrate(db)).toBe(latestSchemaVersion);
    expect(tables(db)).toEqual(['draft', 'draft_field', 'region_file', 'revision', 'table_row']);
    db.close();
    // and the store opens on it with WAL, FULL sync and foreign keys
    const store = DraftStore.open(file);
    expect(store.pragma('journal_mode')).toBe('wal');
    expect(store.pragma('synchronous')).toBe(2);
    expect(store.pragma('foreign_keys')).toBe(1);
    store.close();
  });

  for (const from of migrations.map((m) => m.version).filter((v) => v < latestSchemaVersion)) {
    it(`upgrade a version-${from} store to the latest without losing data`, () => {
      const file = tempFile();
      const db = new Database(file);
      expect(migrate(db, from)).toBe(from);
      seedAtVersion[from](db);
      db.close();

      const store = DraftStore.open(file);
      expect(store.pragma('user_version')).toBe(latestSchemaVersion);
      const draft = store.getDraft('d1');
      expect(draft.fields.consortiumName).toBe('新疆棉纺创新联合体');
      expect(draft.deletedAt).toBeNull();
      if (from >= 2) expect(draft.tables.members[0].values.name).toBe('新疆某棉业集团有限公司');
      if (from >= 3) expect(store.listRevisions('d1')).toHaveLength(1);
      // drafts from before region settings have none, and can be given some
      expect(store.getDraft('d1').regionSettings).toBeNull();
      // columns added later start empty rather than invented
      expect(store.listDrafts()[0]).toMatchObject(
        from >= 4 ? { id: 'd1', completeness: 80, eligible: 'pass' } : { id: 'd1', completeness: null, eligible: null },
      );
      // a draft from before region files names none: its region is a built-in one
      expect(store.listDrafts()[0]).toMatchObject({ templateVersion: 1, regionFile: null });
      expect(store.listRegionFiles()).toEqual([]);
      // the upgraded store works for new edits
      store.setField('d1', 'industryField', '纺织服装');
      expect(store.createRevision('d1', 'manual').id).toBeGreaterThan(0);
      const settings = { programmeName: '某省创新联合体建设专项', department: '某省科学技术厅', place: null, rules: {}, copies: 2, documents: [] };
      store.setRegionSettings('d1', settings);
      expect(store.getDraft('d1').regionSettings).toEqual(settings);
      store.close();
    });
  }

  it('refuses a store written by a newer version, leaving it untouched', () => {
    const file = tempFile();
    const db = new Database(file);
    migrate(db);
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    db.close();
    expect(() => DraftStore.open(file)).toThrow(/更新版本/);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 1);
    again.close();
  });

  it('leaves the file at the previous version when a migration fails half-way', () => {
    const file = tempFile();
    const db = new Database(file);
    migrate(db, 1);
    // A table the next migration is about to create makes it fail inside its transaction.
    db.exec('CREATE TABLE table_row (x)');
    expect(() => migrate(db)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();
  });
});
