import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Draft, DraftSummary, RevisionSummary, TableRow, Values } from '../../shared/draft';
import { fieldKeys, leadTier, tableNames } from '../../shared/draft';
import { UserError } from '../../shared/errors';
import type { RegionId, TableId } from '../../shared/region-template';
import type { RegionSettings } from '../../shared/region-settings';
import { tableIds } from '../../shared/region-template';
import { projectLimits } from '../../shared/project-file';
import { stripXmlInvalid } from '../../shared/validation/sanitize';
import { migrate } from './migrate';
import { latestSchemaVersion } from './migrations';

/** Rows one table may hold: the project file's limit, so every draft can be exported and read back. */
export const maxRowsPerTable = projectLimits.maxRowsPerTable;

/** SQLite settings the store may be asked about (diagnostics, tests); none of them changes data. */
export type StorePragma = 'integrity_check' | 'quick_check' | 'journal_mode' | 'synchronous' | 'foreign_keys' | 'user_version' | 'page_count';
/**
 * SQLite's own limits on one connection: `query_only` refuses every write (what a read-only folder does),
 * `max_page_count` caps the file's size (what a full disk does). Set by the read-only view and by tests.
 */
export type StoreLimit = 'query_only' | 'max_page_count';

export interface DraftStoreOptions {
  /** Injected so that tests can move time (auto revisions are taken every N minutes of editing). */
  now?: () => Date;
  /** Minutes of editing between automatic revisions; 0 turns them off. */
  autoRevisionMinutes?: number;
  /** better-sqlite3 built for Electron's ABI, when running inside Electron (see scripts/rebuild-native-for-electron.mjs). */
  nativeBinding?: string;
}

/** Why a store was opened for viewing only (a read-only or full data folder), as the user reads it. */
export interface ReadOnlyReason {
  code: 'store.readOnly' | 'store.diskFull';
  message: string;
  detail: string;
}

/** A region file kept in the store (migration 006). */
export interface StoredRegionFile {
  id: RegionId;
  version: number;
  /** The region's name (地区名称) as the file gives it. */
  name: string;
  /** The checked template, as JSON text. */
  templateJson: string;
  /** The name of the file it was loaded from. */
  fileName: string;
  loadedAt: string;
}

/** A draft made with a region, as the region file manager names it. */
export interface RegionDraftRef {
  id: string;
  /** 创新联合体名称, or ''. */
  name: string;
  templateVersion: number;
  inTrash: boolean;
}

interface DraftRecord {
  id: string;
  region_id: RegionId;
  template_version: number;
  /** The region file the draft's region came from (migration 006); null for a built-in region. */
  region_file: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  region_settings: string | null;
}

/**
 * The draft store (草稿库): one SQLite file holding every draft, its fields, its tables and its revisions.
 * Every edit is its own small transaction so that what the user typed is on disk when the call returns.
 */
export class DraftStore {
  private readonly now: () => Date;
  private readonly autoRevisionMs: number;
  /** When the last automatic revision of each draft was taken (ms), cached to keep autosave cheap. */
  private readonly lastAutoRevision = new Map<string, number>();

  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
    options: DraftStoreOptions,
    /** Set when the store could only be opened for viewing: every write is refused with this reason. */
    readonly readOnly: ReadOnlyReason | null = null,
  ) {
    this.now = options.now ?? (() => new Date());
    this.autoRevisionMs = (options.autoRevisionMinutes ?? 10) * 60_000;
  }

  static open(file: string, options: DraftStoreOptions = {}): DraftStore {
    const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    try {
      // WAL keeps readers off the writer's back; FULL makes each committed edit survive a power cut.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new DraftStore(db, file, options);
  }

  /**
   * Opens a store that cannot be written (its folder is read-only or its disk full) for viewing: the file's
   * bytes are read into memory, so SQLite needs neither a -wal nor a -shm file beside it, migrated there if
   * older, and every write is refused with `reason`. The file on disk is never touched. When a crash left
   * edits in a -wal file, SQLite reads the file and its -wal itself (read-only) so those edits are shown.
   */
  static openReadOnly(file: string | null, reason: ReadOnlyReason, options: DraftStoreOptions = {}, shownAs = file ?? ':memory:'): DraftStore {
    const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
    if (file !== null && existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) {
      const withWal = openCurrentReadOnly(file, binding);
      if (withWal) return new DraftStore(withWal, shownAs, options, reason);
    }
    let db: Database.Database;
    if (file === null) {
      // No file yet (a read-only folder never written to): an empty store, so the app can say why.
      db = new Database(':memory:', binding);
    } else {
      const bytes = readFileSync(file);
      // A WAL-mode header (bytes 18–19 = 2) cannot be read from memory; 1 is the rollback journal, same pages.
      if (bytes.length >= 20) {
        bytes[18] = 1;
        bytes[19] = 1;
      }
      db = new Database(bytes, binding);
    }
    try {
      db.pragma('foreign_keys = ON');
      migrate(db);
      db.pragma('query_only = 1');
    } catch (error) {
      db.close();
      throw error;
    }
    return new DraftStore(db, shownAs, options, reason);
  }

  /** Runs several store calls as one transaction: one disk sync instead of one per call. */
  batch<T>(work: () => T): T {
    this.assertWritable();
    try {
      return this.db.transaction(work)();
    } catch (error) {
      throw storageWriteError(error) ?? error;
    }
  }

  /** Reads one of SQLite's settings or checks (integrity_check answers 'ok' for a sound file). */
  pragma(name: StorePragma): unknown {
    return this.db.pragma(name, { simple: true });
  }

  /** Sets one of SQLite's limits on this connection (see StoreLimit). */
  setLimit(name: StoreLimit, value: number): void {
    this.db.pragma(`${name} = ${Math.trunc(value)}`);
  }

  /** SQLite's plan for a query, to check that the store's indexes are used. */
  queryPlan(sql: string, ...params: unknown[]): string {
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((step) => step.detail).join(' ');
  }

  /** Copies the whole database into `destination` with SQLite's online backup (consistent while edits go on). */
  backup(destination: string, options?: Database.BackupOptions): Promise<Database.BackupMetadata> {
    return this.db.backup(destination, options);
  }

  /**
   * After another connection replaced the file's contents (a restored backup): makes this connection see the
   * new schema, then brings it to the current version.
   */
  reloadAfterRestore(): void {
    this.assertWritable();
    // Running a statement makes the connection notice the new schema cookie before a migration parses.
    this.db.prepare('SELECT count(*) FROM sqlite_master').get();
    migrate(this.db);
  }

  /** SQLite's count of rows this connection has changed (catches deletions, which leave no timestamp). */
  totalChanges(): number {
    return (this.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  }

  /** Whether the store holds any draft at all (trashed ones included). */
  hasDrafts(): boolean {
    return this.db.prepare('SELECT 1 FROM draft LIMIT 1').get() !== undefined;
  }

  /** The latest edit or trashing of any draft (ms), or 0 for none: what a backup must be newer than. */
  lastChangeMs(): number {
    const row = this.db.prepare('SELECT max(updated_at) AS updated, max(deleted_at) AS deleted FROM draft').get() as {
      updated: string | null;
      deleted: string | null;
    };
    return Math.max(row.updated ? Date.parse(row.updated) : 0, row.deleted ? Date.parse(row.deleted) : 0);
  }

  /** How many revisions the store holds, over all drafts. */
  revisionCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM revision').get() as { n: number }).n;
  }

  /** Refuses a write before SQLite is asked, when the store was opened for viewing only. */
  assertWritable(): void {
    if (this.readOnly) throw new UserError(this.readOnly.code, this.readOnly.message, this.readOnly.detail);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private timestamp(): string {
    return this.now().toISOString();
  }

  // ---- drafts -------------------------------------------------------------------------------

  listDrafts(options: { trashed?: boolean } = {}): DraftSummary[] {
    const rows = this.db
      .prepare(
        `SELECT d.id, d.region_id, d.template_version, d.region_file, d.created_at, d.updated_at, d.deleted_at, d.completeness, d.eligible, d.checked_at,
                coalesce((SELECT value FROM draft_field f WHERE f.draft_id = d.id AND f.key = ?), '') AS name,
                coalesce((SELECT json_extract(data, '$.name') FROM table_row r
                          WHERE r.draft_id = d.id AND r.table_key = 'members' ORDER BY position LIMIT 1), '') AS lead_unit,
                (SELECT count(*) FROM table_row r WHERE r.draft_id = d.id AND r.table_key = 'members') AS member_count
         FROM draft d
         WHERE (d.deleted_at IS NOT NULL) = ?
         ORDER BY d.updated_at DESC`,
      )
      .all(fieldKeys.consortiumName, options.trashed ? 1 : 0) as Array<
      DraftRecord & {
        name: string;
        lead_unit: string;
        member_count: number;
        completeness: number | null;
        eligible: DraftSummary['eligible'];
        checked_at: string | null;
      }
    >;
    return rows.map((row) => ({
      id: row.id,
      regionId: row.region_id,
      templateVersion: row.template_version,
      regionFile: row.region_file,
      name: row.name,
      leadUnit: row.lead_unit ?? '',
      memberCount: row.member_count,
      // A summary older than the last edit is stale: report it as not yet checked.
      completeness: row.checked_at !== null && row.checked_at >= row.updated_at ? row.completeness : null,
      eligible: row.checked_at !== null && row.checked_at >= row.updated_at ? row.eligible : null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      deletedAt: row.deleted_at,
    }));
  }

  createDraft(input: {
    regionId: RegionId;
    templateVersion: number;
    fields?: Values;
    tables?: Partial<Record<TableId, Values[]>>;
    id?: string;
    /** Checked by the caller against the region's template (shared/region-settings). */
    regionSettings?: RegionSettings | null;
  }): Draft {
    const id = input.id ?? randomUUID();
    const at = this.timestamp();
    for (const table of tableIds) this.assertRoom(table, 0, input.tables?.[table]?.length ?? 0);
    this.write(() => {
      this.db
        .prepare(
          // A region loaded from a file is named on the draft, so it says which file made it after a newer one replaces it.
          `INSERT INTO draft (id, region_id, template_version, region_file, created_at, updated_at, region_settings)
           VALUES (?, ?, ?, (SELECT file_name FROM region_file WHERE id = ?), ?, ?, ?)`,
        )
        .run(id, input.regionId, input.templateVersion, input.regionId, at, at, settingsJson(input.regionSettings));
      const setField = this.db.prepare(
        'INSERT INTO draft_field (draft_id, key, value, updated_at) VALUES (?, ?, ?, ?)',
      );
      for (const [key, value] of Object.entries(input.fields ?? {})) setField.run(id, key, clean(value), at);
      for (const table of tableIds) {
        const rows = input.tables?.[table] ?? [];
        rows.forEach((values, index) => this.insertRow(id, table, index, values, at));
      }
    });
    return this.getDraft(id);
  }

  getDraft(id: string): Draft {
    const record = this.db.prepare('SELECT * FROM draft WHERE id = ?').get(id) as DraftRecord | undefined;
    if (!record) throw new UserError('draft.notFound', '找不到该草稿，可能已被删除。', `draft ${id} not found`);
    const fields: Values = {};
    for (const row of this.db.prepare('SELECT key, value FROM draft_field WHERE draft_id = ?').all(id) as Array<{
      key: string;
      value: string;
    }>) {
      fields[row.key] = row.value;
    }
    const tables = Object.fromEntries(tableIds.map((table) => [table, [] as TableRow[]])) as Record<
      TableId,
      TableRow[]
    >;
    for (const row of this.db
      .prepare('SELECT id, table_key, data FROM table_row WHERE draft_id = ? ORDER BY table_key, position')
      .all(id) as Array<{ id: string; table_key: TableId; data: string }>) {
      tables[row.table_key]?.push({ id: row.id, values: JSON.parse(row.data) as Values });
    }
    return {
      id: record.id,
      regionId: record.region_id,
      templateVersion: record.template_version,
      regionFile: record.region_file,
      createdAt: record.created_at,
      updatedAt: record.updated_at,
      deletedAt: record.deleted_at,
      fields,
      tables,
      regionSettings: record.region_settings === null ? null : (JSON.parse(record.region_settings) as RegionSettings),
    };
  }

  /** Replaces a draft's region settings (地区设置); an edit like any other, so the checks and summary follow. */
  setRegionSettings(id: string, settings: RegionSettings | null): { updatedAt: string } {
    this.requireDraft(id);
    const at = this.timestamp();
    this.write(() =>
      this.db.prepare('UPDATE draft SET region_settings = ?, updated_at = ? WHERE id = ?').run(settingsJson(settings), at, id),
    );
    return { updatedAt: at };
  }

  /** When a draft was last edited, without reading the draft itself. */
  draftUpdatedAt(id: string): string {
    const row = this.db.prepare('SELECT updated_at FROM draft WHERE id = ?').get(id) as { updated_at: string } | undefined;
    if (!row) throw new UserError('draft.notFound', '找不到该草稿，可能已被删除。', `draft ${id} not found`);
    return row.updated_at;
  }

  /** Copies a draft with its fields and tables (not its history) under a new id. */
  duplicateDraft(id: string, nameSuffix = '（副本）'): Draft {
    const source = this.getDraft(id);
    const fields = { ...source.fields };
    if (fields[fieldKeys.consortiumName]) fields[fieldKeys.consortiumName] += nameSuffix;
    return this.createDraft({
      regionId: source.regionId,
      templateVersion: source.templateVersion,
      regionSettings: source.regionSettings,
      fields,
      tables: Object.fromEntries(
        tableIds.map((table) => [table, source.tables[table].map((row) => row.values)]),
      ) as Record<TableId, Values[]>,
    });
  }

  /** Keeps the last check's summary for the home screen; does not count as an edit. */
  setCheckSummary(id: string, summary: { completeness: number; eligible: 'pass' | 'fail' | 'unknown'; checkedAt: string }): void {
    this.write(() =>
      this.db
        .prepare('UPDATE draft SET completeness = ?, eligible = ?, checked_at = ? WHERE id = ?')
        .run(summary.completeness, summary.eligible, summary.checkedAt, id),
    );
  }

  /** Moves a draft to the trash; nothing is deleted and it can be restored. */
  trashDraft(id: string): void {
    this.requireDraft(id);
    this.write(() => this.db.prepare('UPDATE draft SET deleted_at = ? WHERE id = ?').run(this.timestamp(), id));
  }

  restoreDraft(id: string): void {
    this.requireDraft(id);
    this.write(() => this.db.prepare('UPDATE draft SET deleted_at = NULL WHERE id = ?').run(id));
  }

  /** Deletes a draft for good; only drafts already in the trash may be purged. */
  purgeDraft(id: string): void {
    const record = this.requireDraft(id);
    if (!record.deleted_at) {
      throw new UserError('draft.notTrashed', '只能彻底删除回收站中的草稿。', `draft ${id} is not in the trash`);
    }
    this.write(() => this.db.prepare('DELETE FROM draft WHERE id = ?').run(id));
    this.lastAutoRevision.delete(id);
  }

  // ---- region files (地区模板文件) ------------------------------------------------------------

  /** The region files loaded into the store, with their checked template as JSON text. */
  listRegionFiles(): StoredRegionFile[] {
    const rows = this.db
      .prepare('SELECT id, version, name, template, file_name, loaded_at FROM region_file ORDER BY loaded_at, id')
      .all() as Array<{ id: string; version: number; name: string; template: string; file_name: string; loaded_at: string }>;
    return rows.map((row) => ({
      id: row.id,
      version: row.version,
      name: row.name,
      templateJson: row.template,
      fileName: row.file_name,
      loadedAt: row.loaded_at,
    }));
  }

  /** Keeps a checked region file, replacing the one loaded before under the same id. */
  putRegionFile(file: Omit<StoredRegionFile, 'loadedAt'>): StoredRegionFile {
    const loadedAt = this.timestamp();
    this.write(() =>
      this.db
        .prepare(
          `INSERT INTO region_file (id, version, name, template, file_name, loaded_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET version = excluded.version, name = excluded.name, template = excluded.template,
             file_name = excluded.file_name, loaded_at = excluded.loaded_at`,
        )
        .run(file.id, file.version, file.name, file.templateJson, file.fileName, loadedAt),
    );
    return { ...file, loadedAt };
  }

  /** Forgets a region file; the caller has made sure no draft needs it. */
  deleteRegionFile(id: string): void {
    this.write(() => this.db.prepare('DELETE FROM region_file WHERE id = ?').run(id));
  }

  /** Drafts of a region, also those in the trash (they can be restored), with the version each was made with. */
  draftsOfRegion(regionId: RegionId): RegionDraftRef[] {
    const rows = this.db
      .prepare(
        `SELECT d.id, d.template_version, d.deleted_at,
                coalesce((SELECT value FROM draft_field f WHERE f.draft_id = d.id AND f.key = ?), '') AS name
         FROM draft d WHERE d.region_id = ? ORDER BY d.updated_at DESC`,
      )
      .all(fieldKeys.consortiumName, regionId) as Array<{ id: string; template_version: number; deleted_at: string | null; name: string }>;
    return rows.map((row) => ({ id: row.id, name: row.name, templateVersion: row.template_version, inTrash: row.deleted_at !== null }));
  }

  // ---- edits (autosave) ---------------------------------------------------------------------

  setField(draftId: string, key: string, value: string): { updatedAt: string } {
    const at = this.timestamp();
    this.editTransaction(draftId, at, () => {
      this.db
        .prepare(
          `INSERT INTO draft_field (draft_id, key, value, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (draft_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        )
        .run(draftId, key, clean(value), at);
    });
    return { updatedAt: at };
  }

  /** Inserts rows at `atIndex` (end when null), e.g. one new row or thirty pasted from Excel. */
  addRows(draftId: string, table: TableId, atIndex: number | null, rows: Values[]): TableRow[] {
    const at = this.timestamp();
    const ids: string[] = [];
    this.editTransaction(draftId, at, () => {
      const count = this.rowCount(draftId, table);
      this.assertRoom(table, count, rows.length);
      const start = atIndex === null ? count : Math.max(0, Math.min(atIndex, count));
      this.db
        .prepare(
          'UPDATE table_row SET position = position + ? WHERE draft_id = ? AND table_key = ? AND position >= ?',
        )
        .run(rows.length, draftId, table, start);
      rows.forEach((values, offset) => ids.push(this.insertRow(draftId, table, start + offset, values, at)));
    });
    return ids.map((id, index) => ({ id, values: cleanValues(rows[index]) }));
  }

  /** Merges `values` into one row: only the cells the user changed are written. */
  updateRow(draftId: string, table: TableId, rowId: string, values: Values): { updatedAt: string } {
    const at = this.timestamp();
    this.editTransaction(draftId, at, () => {
      const result = this.db
        .prepare(
          'UPDATE table_row SET data = json_patch(data, ?), updated_at = ? WHERE id = ? AND draft_id = ? AND table_key = ?',
        )
        .run(JSON.stringify(cleanValues(values)), at, rowId, draftId, table);
      if (result.changes === 0) {
        throw new UserError('row.notFound', '找不到要修改的行，可能已被删除。', `row ${rowId} of ${table} not found`);
      }
    });
    return { updatedAt: at };
  }

  deleteRows(draftId: string, table: TableId, rowIds: string[]): { updatedAt: string } {
    const at = this.timestamp();
    this.editTransaction(draftId, at, () => {
      const remove = this.db.prepare('DELETE FROM table_row WHERE id = ? AND draft_id = ? AND table_key = ?');
      for (const rowId of rowIds) remove.run(rowId, draftId, table);
      this.renumber(draftId, table);
    });
    return { updatedAt: at };
  }

  moveRow(draftId: string, table: TableId, rowId: string, toIndex: number): { updatedAt: string } {
    const at = this.timestamp();
    this.editTransaction(draftId, at, () => {
      const ids = this.rowIds(draftId, table);
      const from = ids.indexOf(rowId);
      if (from < 0) throw new UserError('row.notFound', '找不到要移动的行。', `row ${rowId} of ${table} not found`);
      ids.splice(from, 1);
      ids.splice(Math.max(0, Math.min(toIndex, ids.length)), 0, rowId);
      const setPosition = this.db.prepare('UPDATE table_row SET position = ? WHERE id = ?');
      ids.forEach((id, position) => setPosition.run(position, id));
    });
    return { updatedAt: at };
  }

  /** Replaces a whole table (import with 'replace'); callers take a revision first. */
  replaceTable(draftId: string, table: TableId, rows: Values[]): TableRow[] {
    const at = this.timestamp();
    const ids: string[] = [];
    this.assertRoom(table, 0, rows.length);
    this.editTransaction(draftId, at, () => {
      this.db.prepare('DELETE FROM table_row WHERE draft_id = ? AND table_key = ?').run(draftId, table);
      rows.forEach((values, index) => ids.push(this.insertRow(draftId, table, index, values, at)));
    });
    return ids.map((id, index) => ({ id, values: cleanValues(rows[index]) }));
  }

  // ---- revisions ----------------------------------------------------------------------------

  /**
   * `current` is the draft as this store just returned it, when the caller holds it already (export reads it to
   * build the documents): reading 3 000 rows again would only give the same snapshot.
   */
  createRevision(draftId: string, cause: string, label = '', current?: Draft): RevisionSummary {
    const draft = current && current.id === draftId ? current : this.getDraft(draftId);
    const at = this.timestamp();
    const snapshot: RevisionSnapshot = {
      regionId: draft.regionId,
      templateVersion: draft.templateVersion,
      regionSettings: draft.regionSettings,
      fields: draft.fields,
      tables: draft.tables,
    };
    const result = this.write(() =>
      this.db
        .prepare('INSERT INTO revision (draft_id, created_at, cause, label, snapshot) VALUES (?, ?, ?, ?, ?)')
        .run(draftId, at, cause, label, JSON.stringify(snapshot)),
    );
    if (cause === 'auto') this.lastAutoRevision.set(draftId, Date.parse(at));
    return { id: Number(result.lastInsertRowid), draftId, createdAt: at, cause, label };
  }

  listRevisions(draftId: string): RevisionSummary[] {
    this.requireDraft(draftId);
    return (
      this.db
        .prepare('SELECT id, draft_id, created_at, cause, label FROM revision WHERE draft_id = ? ORDER BY id DESC')
        .all(draftId) as Array<{ id: number; draft_id: string; created_at: string; cause: string; label: string }>
    ).map((row) => ({ id: row.id, draftId: row.draft_id, createdAt: row.created_at, cause: row.cause, label: row.label }));
  }

  /**
   * The stored contents of some of a draft's revisions, by id (ids of other drafts are left out), in one
   * read: the history compares each with the one before it.
   */
  revisionSnapshots(draftId: string, ids: readonly number[]): Map<number, RevisionSnapshot> {
    if (ids.length === 0) return new Map();
    const rows = this.db
      .prepare('SELECT id, snapshot FROM revision WHERE draft_id = ? AND id IN (SELECT value FROM json_each(?))')
      .all(draftId, JSON.stringify(ids)) as Array<{ id: number; snapshot: string }>;
    return new Map(rows.map((row) => [row.id, JSON.parse(row.snapshot) as RevisionSnapshot]));
  }

  /** Puts a draft back as it was at a revision; the current state is kept as a revision first. */
  restoreRevision(revisionId: number): Draft {
    const revision = this.db.prepare('SELECT draft_id, snapshot FROM revision WHERE id = ?').get(revisionId) as
      | { draft_id: string; snapshot: string }
      | undefined;
    if (!revision) throw new UserError('revision.notFound', '找不到该历史版本。', `revision ${revisionId} not found`);
    const snapshot = JSON.parse(revision.snapshot) as RevisionSnapshot;
    const draftId = revision.draft_id;
    const at = this.timestamp();
    const currentSettings = settingsJson(this.getDraft(draftId).regionSettings);
    this.write(() => {
      this.createRevision(draftId, 'before-restore', `恢复到版本 #${revisionId} 之前`);
      this.db.prepare('DELETE FROM draft_field WHERE draft_id = ?').run(draftId);
      this.db.prepare('DELETE FROM table_row WHERE draft_id = ?').run(draftId);
      const setField = this.db.prepare('INSERT INTO draft_field (draft_id, key, value, updated_at) VALUES (?, ?, ?, ?)');
      for (const [key, value] of Object.entries(snapshot.fields)) setField.run(draftId, key, value, at);
      for (const table of tableIds) {
        (snapshot.tables[table] ?? []).forEach((row, index) =>
          this.insertRow(draftId, table, index, row.values, at, row.id),
        );
      }
      this.db
        .prepare('UPDATE draft SET region_id = ?, template_version = ?, region_settings = ?, updated_at = ? WHERE id = ?')
        // Revisions taken before settings existed hold none: the draft keeps its current ones.
        .run(snapshot.regionId, snapshot.templateVersion, snapshot.regionSettings === undefined ? currentSettings : settingsJson(snapshot.regionSettings), at, draftId);
    });
    return this.getDraft(draftId);
  }

  // ---- cross-draft questions ----------------------------------------------------------------

  /** In how many live drafts of a region is this credit code a member (any tier)? */
  countDraftsWithMember(uscc: string, regionId: RegionId, excludeDraftId?: string): number {
    const row = this.db
      .prepare(
        `SELECT count(DISTINCT r.draft_id) AS n FROM table_row r JOIN draft d ON d.id = r.draft_id
         WHERE r.uscc = ? AND r.table_key = 'members' AND d.region_id = ? AND d.deleted_at IS NULL AND d.id IS NOT ?`,
      )
      .get(normalizeCode(uscc), regionId, excludeDraftId ?? null) as { n: number };
    return row.n;
  }

  /** countDraftsWithMember for many codes in one query (the 3-consortia rule asks it for every member). */
  countDraftsWithMembers(usccs: string[], regionId: RegionId, excludeDraftId?: string): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT r.uscc AS uscc, count(DISTINCT r.draft_id) AS n FROM table_row r JOIN draft d ON d.id = r.draft_id
         WHERE r.uscc IN (SELECT value FROM json_each(?)) AND r.table_key = 'members' AND d.region_id = ?
           AND d.deleted_at IS NULL AND d.id IS NOT ?
         GROUP BY r.uscc`,
      )
      .all(JSON.stringify(usccs.map(normalizeCode)), regionId, excludeDraftId ?? null) as Array<{ uscc: string; n: number }>;
    return new Map(rows.map((row) => [row.uscc, row.n]));
  }

  /** In how many live drafts of a region does this credit code lead (牵头单位)? */
  countDraftsLedBy(uscc: string, regionId: RegionId, excludeDraftId?: string): number {
    const row = this.db
      .prepare(
        `SELECT count(DISTINCT r.draft_id) AS n FROM table_row r JOIN draft d ON d.id = r.draft_id
         WHERE r.uscc = ? AND r.table_key = 'members' AND r.tier = ? AND d.region_id = ?
           AND d.deleted_at IS NULL AND d.id IS NOT ?`,
      )
      .get(normalizeCode(uscc), leadTier, regionId, excludeDraftId ?? null) as { n: number };
    return row.n;
  }

  // ---- internals ----------------------------------------------------------------------------

  private requireDraft(id: string): DraftRecord {
    const record = this.db.prepare('SELECT * FROM draft WHERE id = ?').get(id) as DraftRecord | undefined;
    if (!record) throw new UserError('draft.notFound', '找不到该草稿，可能已被删除。', `draft ${id} not found`);
    return record;
  }

  /**
   * Runs one edit and stamps the draft, in one transaction; takes the periodic revision when due. A write
   * the disk refuses (full, read-only, failing) rolls back whole and says why in Chinese, so the page keeps
   * the value and retries it.
   */
  private editTransaction(draftId: string, at: string, edit: () => void): void {
    this.assertWritable();
    try {
      this.db.transaction(() => {
        const touched = this.db.prepare('UPDATE draft SET updated_at = ? WHERE id = ?').run(at, draftId);
        if (touched.changes === 0) {
          throw new UserError('draft.notFound', '找不到该草稿，可能已被删除。', `draft ${draftId} not found`);
        }
        edit();
      })();
    } catch (error) {
      throw storageWriteError(error) ?? error;
    }
    try {
      this.maybeAutoRevision(draftId, Date.parse(at));
    } catch (error) {
      // The edit itself is committed: failing the call now would make the page retry it (and add pasted
      // rows twice). The revision is simply attempted again after the next edit.
      const refused = error instanceof UserError ? error.code.startsWith('store.') : storageWriteError(error) !== null;
      if (!refused) throw error;
    }
  }

  /** One write in one transaction, refused on a view-only store, with the disk's refusal said in Chinese. */
  private write<T>(work: () => T): T {
    this.assertWritable();
    try {
      return this.db.transaction(work)();
    } catch (error) {
      throw storageWriteError(error) ?? error;
    }
  }

  /** A table may hold maxRowsPerTable rows; more could not be exported as a project file and read back. */
  private assertRoom(table: TableId, existing: number, adding: number): void {
    if (existing + adding <= maxRowsPerTable) return;
    const name = tableNames[table];
    throw new UserError(
      'table.full',
      existing > 0
        ? `${name}表最多 ${maxRowsPerTable} 行，现有 ${existing} 行，不能再添加 ${adding} 行，未保存这些行。请删去不需要的行后再试。`
        : `${name}表最多 ${maxRowsPerTable} 行，不能保存 ${adding} 行。`,
      `${table}: ${existing} + ${adding} rows > ${maxRowsPerTable}`,
    );
  }

  private maybeAutoRevision(draftId: string, nowMs: number): void {
    if (this.autoRevisionMs <= 0) return;
    let last = this.lastAutoRevision.get(draftId);
    if (last === undefined) {
      const row = this.db
        .prepare('SELECT max(created_at) AS at FROM revision WHERE draft_id = ?')
        .get(draftId) as { at: string | null };
      last = row.at ? Date.parse(row.at) : Date.parse(this.requireDraft(draftId).created_at);
      this.lastAutoRevision.set(draftId, last);
    }
    if (nowMs - last >= this.autoRevisionMs) this.createRevision(draftId, 'auto', '定时自动保存的版本');
  }

  private insertRow(draftId: string, table: TableId, position: number, values: Values, at: string, id?: string): string {
    const rowId = id ?? randomUUID();
    this.db
      .prepare('INSERT INTO table_row (id, draft_id, table_key, position, data, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(rowId, draftId, table, position, JSON.stringify(cleanValues(values)), at);
    return rowId;
  }

  private rowCount(draftId: string, table: TableId): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM table_row WHERE draft_id = ? AND table_key = ?').get(draftId, table) as {
        n: number;
      }
    ).n;
  }

  private rowIds(draftId: string, table: TableId): string[] {
    return (
      this.db
        .prepare('SELECT id FROM table_row WHERE draft_id = ? AND table_key = ? ORDER BY position')
        .all(draftId, table) as Array<{ id: string }>
    ).map((row) => row.id);
  }

  private renumber(draftId: string, table: TableId): void {
    const setPosition = this.db.prepare('UPDATE table_row SET position = ? WHERE id = ?');
    this.rowIds(draftId, table).forEach((id, position) => setPosition.run(position, id));
  }
}

/**
 * The file with its -wal, opened read-only by SQLite itself; null when SQLite cannot (no -shm to share) or
 * the schema is older than this version (a read-only connection cannot migrate it).
 */
function openCurrentReadOnly(file: string, binding: { nativeBinding?: string }): Database.Database | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...binding });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== latestSchemaVersion) throw new Error(`schema ${version}`);
    db.prepare('SELECT count(*) FROM draft').get();
    return db;
  } catch {
    db?.close();
    return null;
  }
}

/** A draft as a revision keeps it. */
export interface RevisionSnapshot {
  regionId: RegionId;
  templateVersion: number;
  /** Absent in revisions taken before migration 005. */
  regionSettings?: RegionSettings | null;
  fields: Values;
  tables: Record<TableId, TableRow[]>;
}

/**
 * SQLite's "could not write" errors as the sentence the user needs (null for anything else). The messages
 * say that nothing typed is lost, because the page keeps unsaved values on screen and retries them.
 */
export function storageWriteError(error: unknown): UserError | null {
  const code = errorCode(error);
  const detail = `${code}: ${error instanceof Error ? error.message : String(error)}`;
  if (code === 'SQLITE_FULL') {
    return new UserError('store.diskFull', '磁盘空间不足，未能保存刚才的修改。请清理磁盘空间；已填写的内容仍保留在屏幕上，空间足够后会自动保存。', detail);
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new UserError('store.readOnly', '数据文件夹为只读，未能保存刚才的修改。请检查数据文件夹的写入权限；已填写的内容仍保留在屏幕上，可写入后会自动保存。', detail);
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code.startsWith('SQLITE_LOCKED')) {
    return new UserError('store.busy', '数据文件正被其他程序占用，未能保存刚才的修改，稍后会自动重试；已填写的内容仍保留在屏幕上。', detail);
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) {
    return new UserError('store.ioError', '无法写入数据文件（磁盘读写出错或文件无法打开），未能保存刚才的修改。请检查磁盘或 U 盘是否已拔出；已填写的内容仍保留在屏幕上，稍后会自动重试。', detail);
  }
  return null;
}

/** SQLite's error code (SQLITE_FULL …) carried by better-sqlite3's SqliteError, or ''. */
export function errorCode(error: unknown): string {
  const code: unknown = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

function settingsJson(settings: RegionSettings | null | undefined): string | null {
  return settings ? JSON.stringify(settings) : null;
}

/** Text is stored without characters that Word cannot hold, so every export opens. */
function clean(value: string): string {
  return stripXmlInvalid(value);
}

function cleanValues(values: Values): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(values)) out[key] = clean(value);
  return out;
}

function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

