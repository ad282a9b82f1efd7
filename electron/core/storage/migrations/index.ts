import type { Migration } from './migration';
import { migration001 } from './001-drafts-and-fields';
import { migration002 } from './002-table-rows';
import { migration003 } from './003-revisions-and-trash';
import { migration004 } from './004-check-summary';
import { migration005 } from './005-region-settings';
import { migration006 } from './006-region-files';

/** In order; a new schema change is a new file appended here, never an edit of an old one. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006];
export const latestSchemaVersion = migrations[migrations.length - 1].version;
export type { Migration };
