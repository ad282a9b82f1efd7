import { z } from 'zod';
import type { RegionId } from '../region-template';
import { regionIdSchema } from '../region-template';
import { result } from './define';

/** Real region files are tens of kilobytes; anything far larger is refused before it is read. */
export const maxRegionFileBytes = 2 * 1024 * 1024;

/** A draft made with a region, as the region manager lists it. */
export interface RegionDraftUse {
  id: string;
  /** 创新联合体名称, or '' when not yet typed. */
  name: string;
  /** The version of the region template the draft was made with. */
  templateVersion: number;
  inTrash: boolean;
}

/** One region of the manager (地区模板): a built-in one, or one loaded from a file. */
export interface RegionEntry {
  id: RegionId;
  name: string;
  shortName: string;
  version: number;
  /** True for a region loaded from a file (来自文件), false for one that comes with the app. */
  fromFile: boolean;
  /** The file it was loaded from, for a loaded region. */
  fileName: string | null;
  loadedAt: string | null;
  /** Drafts made with it (also those in the trash), each with the version it was made with. */
  drafts: RegionDraftUse[];
}

/** Region files (地区模板文件): a region template a local office wrote, kept in the store. */
export const regionFilesContract = {
  /** Every region, built-in and loaded, with its version and the drafts that use it. */
  'regionFiles.list': { input: z.object({}).strict(), result: result<RegionEntry[]>() },
  /**
   * Checks a region file the page read and keeps it; a newer version of a loaded id replaces it. Refused, with
   * the path in the file and what was expected, when it is broken, hostile, older, or clashes with a built-in.
   */
  'regionFiles.load': {
    input: z
      .object({
        fileName: z.string().min(1).max(255),
        // Characters, a bound before the core counts the bytes against maxRegionFileBytes with its own message.
        text: z.string().min(1).max(maxRegionFileBytes + 1024, { message: '地区模板文件过大（超过 2 MB），未载入' }),
      })
      .strict(),
    result: result<{ region: RegionEntry; replacedVersion: number | null; unchanged: boolean }>(),
  },
  /** Removes a loaded region; refused, naming them, while drafts still use it. */
  'regionFiles.remove': { input: z.object({ id: regionIdSchema }).strict(), result: result<{ ok: true }>() },
} as const;
