import { z } from 'zod';
import type { CheckSummary } from '../checks';
import type { Draft, DraftSummary, RevisionSummary, TableRow } from '../draft';
import type { RegionTemplate } from '../region-template';
import { regionIdSchema } from '../region-template';
import { regionSettingsSchema } from '../region-settings';
import { id, key, maxRowsPerCall, result, table, text, values } from './define';

/**
 * What an edit answers: when the draft was changed, and the check summary of the state just written when the core
 * checked it (at most about once a second while the user types; null when the check is still due, and
 * `checks.summary` gives it once the edits pause).
 */
type EditResult = { updatedAt: string; summary: CheckSummary | null };

/** Drafts, their fields and rows (autosave), revisions and the trash. */
export const draftsContract = {
  /** All region templates, for pickers, forms and checks. */
  'regions.list': { input: z.object({}).strict(), result: result<RegionTemplate[]>() },
  /** Drafts on the home screen, or those in the trash. */
  'drafts.list': { input: z.object({ trashed: z.boolean().optional() }).strict(), result: result<DraftSummary[]>() },
  /** A new, empty draft for a region; a region with `userSettings` needs its settings (地区设置). */
  'drafts.create': {
    input: z.object({ regionId: regionIdSchema, regionSettings: regionSettingsSchema.optional() }).strict(),
    result: result<Draft>(),
  },
  /** Changes a draft's region settings (地区设置); its checks and home-screen figures are recomputed. */
  'drafts.setRegionSettings': {
    input: z.object({ draftId: id, regionSettings: regionSettingsSchema }).strict(),
    result: result<Draft>(),
  },
  /** One draft with every field and row. */
  'drafts.get': { input: z.object({ id }).strict(), result: result<Draft>() },
  /** A copy of a draft under a new id. */
  'drafts.duplicate': { input: z.object({ id }).strict(), result: result<Draft>() },
  /** Moves a draft to the trash (回收站). */
  'drafts.trash': { input: z.object({ id }).strict(), result: result<{ ok: true }>() },
  /** Brings a draft back from the trash. */
  'drafts.restore': { input: z.object({ id }).strict(), result: result<{ ok: true }>() },
  /** Deletes a trashed draft for good. */
  'drafts.purge': { input: z.object({ id }).strict(), result: result<{ ok: true }>() },
  /** Autosave of one scalar field. */
  'drafts.setField': {
    input: z.object({ draftId: id, key, value: text }).strict(),
    result: result<EditResult>(),
  },
  /** Inserts rows (one new row, or many pasted) at an index, or at the end. */
  'rows.add': {
    input: z
      .object({ draftId: id, table, atIndex: z.number().int().min(0).nullable(), rows: z.array(values).max(maxRowsPerCall) })
      .strict(),
    result: result<TableRow[]>(),
  },
  /** Autosave of changed cells of one row. */
  'rows.update': {
    input: z.object({ draftId: id, table, rowId: id, values }).strict(),
    result: result<EditResult>(),
  },
  /** Deletes rows. */
  'rows.delete': {
    input: z.object({ draftId: id, table, rowIds: z.array(id).max(maxRowsPerCall) }).strict(),
    result: result<EditResult>(),
  },
  /** Moves a row to another index. */
  'rows.move': {
    input: z.object({ draftId: id, table, rowId: id, toIndex: z.number().int().min(0) }).strict(),
    result: result<EditResult>(),
  },
  /** Revisions of a draft, newest first, the newest each with what it changed against the one before. */
  'revisions.list': { input: z.object({ draftId: id }).strict(), result: result<RevisionSummary[]>() },
  /** Takes a revision now (the user's "保存版本"). */
  'revisions.create': {
    input: z.object({ draftId: id, label: z.string().max(200).optional() }).strict(),
    result: result<RevisionSummary>(),
  },
  /** Restores a revision; the current state is kept as a revision first. */
  'revisions.restore': { input: z.object({ revisionId: z.number().int().positive() }).strict(), result: result<Draft>() },
  /** Where the data lives, for the 关于 / 数据位置 panel. */
  'app.info': {
    input: z.object({}).strict(),
    result: result<{ version: string; dataFile: string; host: 'electron' | 'web' }>(),
  },
} as const;
