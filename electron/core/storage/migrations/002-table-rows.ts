import type { Migration } from './migration';

/**
 * Repeating tables (成员单位, 科研团队, 科研平台, 理事会) as one row table whose columns are the region
 * template's, kept as JSON. The credit code is lifted into an indexed generated column so that
 * cross-draft questions ("in how many drafts is this 统一社会信用代码 a member?") are one query.
 */
export const migration002: Migration = {
  version: 2,
  name: 'table-rows',
  up(db) {
    db.exec(`
      CREATE TABLE table_row (
        id TEXT PRIMARY KEY,
        draft_id TEXT NOT NULL REFERENCES draft(id) ON DELETE CASCADE,
        table_key TEXT NOT NULL,
        position INTEGER NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        updated_at TEXT NOT NULL,
        uscc TEXT GENERATED ALWAYS AS (nullif(upper(trim(json_extract(data, '$.uscc'))), '')) VIRTUAL,
        tier TEXT GENERATED ALWAYS AS (json_extract(data, '$.tier')) VIRTUAL
      );
      CREATE INDEX table_row_by_draft ON table_row (draft_id, table_key, position);
      CREATE INDEX table_row_by_uscc ON table_row (uscc) WHERE uscc IS NOT NULL;
    `);
  },
};
