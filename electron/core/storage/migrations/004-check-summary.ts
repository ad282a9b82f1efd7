import type { Migration } from './migration';

/**
 * The home screen lists completeness and eligibility for every draft. Running every check on every draft at
 * each listing would grow with the store, so the last result is kept beside the draft and recomputed only
 * for drafts edited since (checked_at < updated_at).
 */
export const migration004: Migration = {
  version: 4,
  name: 'check-summary',
  up(db) {
    db.exec(`
      ALTER TABLE draft ADD COLUMN completeness INTEGER;
      ALTER TABLE draft ADD COLUMN eligible TEXT CHECK (eligible IN ('pass', 'fail', 'unknown'));
      ALTER TABLE draft ADD COLUMN checked_at TEXT;
    `);
  },
};
