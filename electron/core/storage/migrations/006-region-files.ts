import type { Migration } from './migration';

/**
 * Region files a user loaded (地区模板文件): the checked template is kept in the store, so drafts made with
 * one open on any later start without the file, and a backup or restore carries them with the drafts.
 * Each draft also records the file its region came from (NULL: a built-in region); with template_version it
 * says which file and version made the draft even after a newer version replaced it.
 */
export const migration006: Migration = {
  version: 6,
  name: 'region-files',
  up(db) {
    db.exec(`
      CREATE TABLE region_file (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL CHECK (version > 0),
        name TEXT NOT NULL,
        template TEXT NOT NULL CHECK (json_valid(template)),
        file_name TEXT NOT NULL,
        loaded_at TEXT NOT NULL
      ) WITHOUT ROWID;
      ALTER TABLE draft ADD COLUMN region_file TEXT;
    `);
  },
};
