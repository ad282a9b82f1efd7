import type { Migration } from './migration';

/**
 * Drafts of a region whose rules the user sets (其他地区（通用版式）) carry those settings — programme,
 * department, thresholds, copies, documents — as one JSON value beside the draft; other drafts leave it NULL.
 */
export const migration005: Migration = {
  version: 5,
  name: 'region-settings',
  up(db) {
    db.exec('ALTER TABLE draft ADD COLUMN region_settings TEXT CHECK (region_settings IS NULL OR json_valid(region_settings))');
  },
};
