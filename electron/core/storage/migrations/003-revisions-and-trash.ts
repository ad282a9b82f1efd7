import type { Migration } from './migration';

/** Revision snapshots (修订记录) and the trash (回收站): a deleted draft keeps its rows until purged. */
export const migration003: Migration = {
  version: 3,
  name: 'revisions-and-trash',
  up(db) {
    db.exec(`
      ALTER TABLE draft ADD COLUMN deleted_at TEXT;
      CREATE TABLE revision (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        draft_id TEXT NOT NULL REFERENCES draft(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        cause TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        snapshot TEXT NOT NULL CHECK (json_valid(snapshot))
      );
      CREATE INDEX revision_by_draft ON revision (draft_id, id);
      CREATE INDEX draft_by_deleted ON draft (deleted_at);
    `);
  },
};
