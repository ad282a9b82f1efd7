import { z } from 'zod';
import type { RegionId } from '../region-template';
import { id, result } from './define';

/** One automatic or manual backup of the whole store (自动备份). */
export interface BackupSummary {
  /** The backup's name in the backups folder; the page sends it back to restore, never a path. */
  fileName: string;
  createdAt: string;
  cause: string;
  /** 启动时自动备份, 编辑期间定时备份, 手动备份 … */
  causeLabel: string;
  sizeBytes: number;
}

/** An existing draft that a draft of a project file matches. */
export interface ExistingDraftRef {
  id: string;
  name: string;
  regionId: RegionId;
  updatedAt: string;
  inTrash: boolean;
}

/** One draft of a project file, as shown before importing it. */
export interface ProjectDraftPreview {
  /** Position in the file; `projects.import` takes one decision per position. */
  index: number;
  id: string | null;
  /** 创新联合体名称, or '' when not filled in. */
  name: string;
  regionId: RegionId;
  regionName: string;
  memberCount: number;
  /** A draft of this computer with the same id (also when it is in the trash). */
  sameId: ExistingDraftRef | null;
  /** Drafts (not in the trash) with the same 创新联合体名称. */
  sameName: ExistingDraftRef[];
  /** The draft that 'overwrite' would replace: the same id, else the most recently edited same name. */
  overwriteTarget: ExistingDraftRef | null;
  /** Why overwriting is not possible although a draft matches (it belongs to another region). */
  overwriteBlocked: string | null;
}

export interface ProjectInspection {
  exportedAt: string;
  appVersion: string | null;
  drafts: ProjectDraftPreview[];
}

/** What to do with one draft of a project file: import as a new draft, replace the match, or leave it out. */
export const importDecisions = ['new', 'overwrite', 'skip'] as const;
export type ImportDecision = (typeof importDecisions)[number];

/** A project file travels as text; the core checks it in full (docs/project-file.md), this only bounds it. */
export const maxProjectJsonChars = 60 * 1024 * 1024;
const projectJson = z.string().min(1).max(maxProjectJsonChars, { message: '项目文件过大，未打开' });

/** Backups, project files and recovery (备份与项目文件). */
export const safetyContract = {
  /** Backups of the store, newest first. */
  'backups.list': { input: z.object({}).strict(), result: result<BackupSummary[]>() },
  /** Takes a backup now (the user's "立即备份"). */
  'backups.create': { input: z.object({}).strict(), result: result<BackupSummary>() },
  /** Restores the whole store from a backup of the list; the current state is backed up first. */
  'backups.restore': {
    input: z.object({ fileName: z.string().min(1).max(200) }).strict(),
    result: result<{ restoredFrom: BackupSummary; keptCurrentAs: BackupSummary }>(),
  },
  /** What start-up had to do (a damaged data file moved aside, a backup restored), or null. */
  'app.startupNotice': { input: z.object({}).strict(), result: result<{ message: string | null }>() },
  /** One, several or all drafts (not those in the trash) as a project file (*.lhtproj.json). */
  'projects.export': {
    input: z.object({ draftIds: z.union([z.array(id).min(1).max(500), z.literal('all')]) }).strict(),
    result: result<{ fileName: string; json: string; draftCount: number }>(),
  },
  /** Checks a whole project file and says what it holds and what it would collide with; changes nothing. */
  'projects.inspect': { input: z.object({ json: projectJson }).strict(), result: result<ProjectInspection>() },
  /** Imports a project file with one decision per draft; all or nothing. */
  'projects.import': {
    input: z.object({ json: projectJson, decisions: z.array(z.enum(importDecisions)).min(1).max(500) }).strict(),
    result: result<{ importedIds: string[]; skipped: number }>(),
  },
} as const;
