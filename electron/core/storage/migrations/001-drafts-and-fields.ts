import type { Migration } from './migration';

/** Drafts and their scalar fields: the first shape of the store. */
export const migration001: Migration = {
  version: 1,
  name: 'drafts-and-fields',
  up(db) {
    db.exec(`
      CREATE TABLE draft (
        id TEXT PRIMARY KEY,
        region_id TEXT NOT NULL,
        template_version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE draft_field (
        draft_id TEXT NOT NULL REFERENCES draft(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (draft_id, key)
      ) WITHOUT ROWID;
    `);
  },
};
