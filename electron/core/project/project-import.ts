import { key as keySchema } from '../../shared/contract/define';
import type { ExistingDraftRef, ImportDecision, ProjectInspection } from '../../shared/contract/safety';
import type { Draft, DraftSummary, Values } from '../../shared/draft';
import { fieldKeys } from '../../shared/draft';
import { safeFileName } from '../../shared/documents/export-names';
import { UserError } from '../../shared/errors';
import type { ProjectFile } from '../../shared/project-file';
import type { RegionTemplate, TableId } from '../../shared/region-template';
import { tableIds } from '../../shared/region-template';
import { settingsForRegion } from '../regions/draft-settings';
import { stripXmlInvalid } from '../../shared/validation/sanitize';
import type { BackupService } from '../storage/backups';
import type { DraftStore } from '../storage/draft-store';
import { ProjectFileError, makeProjectFile, parseProjectFile, stringifyProjectFile } from './project-file';

/**
 * Project files against the draft store: what a file would collide with, importing it with one decision
 * per draft (all or nothing), and exporting drafts as one. The file format itself is project-file.ts.
 */

/** Reads a project file in full, then checks what the store needs beyond the file format: field names. */
export function readProjectForStore(json: string, templates?: RegionTemplate[]): ProjectFile {
  const file = parseProjectFile(json, templates);
  file.drafts.forEach((draft, index) => {
    const bad = (values: Values, where: string) => {
      const wrong = Object.keys(values).find((name) => !keySchema.safeParse(name).success);
      if (wrong !== undefined) {
        throw new ProjectFileError(
          `项目文件格式不正确：${where} 含有无效的字段名“${stripXmlInvalid(wrong).slice(0, 64)}”（字段名只能由英文字母和数字组成）`,
          `${where}: bad key ${JSON.stringify(wrong)}`,
        );
      }
    };
    bad(draft.fields, `drafts[${index}].fields`);
    for (const table of tableIds) (draft.tables[table] ?? []).forEach((row, rowIndex) => bad(row, `drafts[${index}].tables.${table}[${rowIndex}]`));
  });
  return file;
}

function regionNamer(templates: RegionTemplate[]): (regionId: string) => string {
  return (regionId) => templates.find((template) => template.id === regionId)?.name ?? regionId;
}

function ref(draft: DraftSummary): ExistingDraftRef {
  return { id: draft.id, name: draft.name, regionId: draft.regionId, updatedAt: draft.updatedAt, inTrash: draft.deletedAt !== null };
}

/** What each draft of the file is, and which draft of this computer it matches (same id, else same name). */
export function inspectProject(store: DraftStore, templates: RegionTemplate[], file: ProjectFile): ProjectInspection {
  const regionName = regionNamer(templates);
  const live = store.listDrafts();
  const byId = new Map<string, DraftSummary>([...store.listDrafts({ trashed: true }), ...live].map((draft) => [draft.id, draft]));
  return {
    exportedAt: file.exportedAt,
    appVersion: file.appVersion ?? null,
    drafts: file.drafts.map((draft, index) => {
      const name = (draft.fields[fieldKeys.consortiumName] ?? '').trim();
      const sameIdSummary = draft.id !== undefined ? byId.get(draft.id) : undefined;
      const sameId = sameIdSummary ? ref(sameIdSummary) : null;
      // listDrafts is newest first, so the first same-name draft is the one the user worked on last.
      const sameName = name ? live.filter((other) => other.name.trim() === name && other.id !== sameId?.id).map(ref) : [];
      const target = sameId ?? sameName[0] ?? null;
      const blocked =
        target && target.regionId !== draft.regionId
          ? `已有的同名草稿属于${regionName(target.regionId)}，与该草稿的地区（${regionName(draft.regionId)}）不同，不能覆盖，只能作为新草稿导入`
          : null;
      return {
        index,
        id: draft.id ?? null,
        name,
        regionId: draft.regionId,
        regionName: regionName(draft.regionId),
        memberCount: (draft.tables.members ?? []).length,
        sameId,
        sameName,
        overwriteTarget: blocked ? null : target,
        overwriteBlocked: blocked,
      };
    }),
  };
}

export interface ProjectImportDeps {
  store: DraftStore;
  templates: RegionTemplate[];
  backups: BackupService;
  log?: (line: string) => void;
}

/** Imports a project file with one decision per draft, in one transaction; overwrites are backed up first. */
export async function importProject(
  deps: ProjectImportDeps,
  json: string,
  decisions: ImportDecision[],
): Promise<{ importedIds: string[]; skipped: number }> {
  const { store } = deps;
  // Refused before the backup below, which would fail on a view-only store with a less useful message.
  store.assertWritable();
  const file = readProjectForStore(json, deps.templates);
  if (decisions.length !== file.drafts.length) {
    throw new UserError(
      'project.decisionsMismatch',
      `导入选择与项目文件不符（文件中有 ${file.drafts.length} 份草稿，收到 ${decisions.length} 项选择），未导入任何草稿。请重新打开该项目文件。`,
      `${decisions.length} decisions for ${file.drafts.length} drafts`,
    );
  }
  const preview = inspectProject(store, deps.templates, file);
  const targets = new Set<string>();
  preview.drafts.forEach((draft, index) => {
    if (decisions[index] !== 'overwrite') return;
    const label = `第 ${index + 1} 份草稿${draft.name ? `“${draft.name}”` : ''}`;
    if (!draft.overwriteTarget) {
      throw new UserError(
        'project.nothingToOverwrite',
        `${label}${draft.overwriteBlocked ? `：${draft.overwriteBlocked}` : '没有可覆盖的已有草稿'}。未导入任何草稿。`,
        `draft ${index}: overwrite without a target`,
      );
    }
    if (targets.has(draft.overwriteTarget.id)) {
      throw new UserError('project.overwriteTwice', `${label}与文件中另一份草稿要覆盖同一份已有草稿，请只覆盖其中一份。未导入任何草稿。`, `target ${draft.overwriteTarget.id} twice`);
    }
    targets.add(draft.overwriteTarget.id);
  });
  // Replacing drafts is the one import that can lose work: the whole store is backed up first.
  if (targets.size > 0) await deps.backups.backupNow('before-import');

  const takenIds = new Set([...store.listDrafts(), ...store.listDrafts({ trashed: true })].map((draft) => draft.id));
  const importedIds: string[] = [];
  store.batch(() => {
    file.drafts.forEach((draft, index) => {
      const decision = decisions[index];
      const tables = Object.fromEntries(tableIds.map((table) => [table, draft.tables[table] ?? []])) as Record<TableId, Values[]>;
      if (decision === 'skip') return;
      const target = preview.drafts[index].overwriteTarget;
      const settings = settingsForRegion(templateOfRegion(deps.templates, draft.regionId), draft.regionSettings, { namesRequired: false });
      if (decision === 'overwrite' && target) {
        overwriteDraft(store, target.id, draft.fields, tables, target.inTrash);
        store.setRegionSettings(target.id, settings);
        importedIds.push(target.id);
        return;
      }
      // 'new' keeps the file's id when it is free, so importing the file again later finds its match.
      const keepId = draft.id !== undefined && !takenIds.has(draft.id) && draft.id.length > 0 ? draft.id : undefined;
      const created = store.createDraft({ id: keepId, regionId: draft.regionId, templateVersion: draft.templateVersion, fields: draft.fields, tables, regionSettings: settings });
      takenIds.add(created.id);
      importedIds.push(created.id);
    });
  });
  deps.log?.(`imported project file: ${importedIds.length} drafts (${decisions.join(',')})`);
  return { importedIds, skipped: decisions.filter((decision) => decision === 'skip').length };
}

/**
 * Replaces a draft's fields and tables with those of the file, after a revision of what it held. The
 * draft keeps its id, its history and its template version (which only edits in the app advance).
 */
function overwriteDraft(store: DraftStore, draftId: string, fields: Values, tables: Record<TableId, Values[]>, inTrash: boolean): void {
  store.createRevision(draftId, 'before-import', '导入项目文件覆盖前的版本');
  if (inTrash) store.restoreDraft(draftId);
  const current = store.getDraft(draftId);
  for (const name of Object.keys(current.fields)) if (!(name in fields)) store.setField(draftId, name, '');
  for (const [name, value] of Object.entries(fields)) store.setField(draftId, name, value);
  for (const table of tableIds) store.replaceTable(draftId, table, tables[table]);
}

function templateOfRegion(templates: RegionTemplate[], regionId: string): RegionTemplate {
  const template = templates.find((candidate) => candidate.id === regionId);
  // readProjectForStore refused drafts of regions without a template.
  if (!template) throw new Error(`No region template with id "${regionId}"`);
  return template;
}

/** One, several or all live drafts as a project file that this app is sure to read back. */
export function exportProjects(
  store: DraftStore,
  appVersion: string,
  draftIds: string[] | 'all',
  now = new Date(),
): { fileName: string; json: string; draftCount: number } {
  const ids = draftIds === 'all' ? store.listDrafts().map((draft) => draft.id) : [...new Set(draftIds)];
  const drafts = ids.map((draftId) => store.getDraft(draftId));
  const json = stringifyProjectFile(makeProjectFile(drafts, appVersion, now.toISOString()));
  // A file this app could not read back is no export at all: say which value is in the way instead.
  try {
    readProjectForStore(json);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError('project.exportUnreadable', `无法导出：${error.message.replace(/^项目文件格式不正确：/, '')}。请修改该内容后重试。`, error.detail);
  }
  return { fileName: projectFileName(drafts, now), json, draftCount: drafts.length };
}

export const projectFileSuffix = '.lhtproj.json';

/** 新疆现代煤化工创新联合体-20250318.lhtproj.json, or 联合体申报草稿（3份）-20250318.lhtproj.json. */
export function projectFileName(drafts: Draft[], at: Date): string {
  const day = `${at.getFullYear()}${String(at.getMonth() + 1).padStart(2, '0')}${String(at.getDate()).padStart(2, '0')}`;
  const tail = `-${day}${projectFileSuffix}`;
  const stem =
    drafts.length === 1
      ? safeFileName(drafts[0].fields[fieldKeys.consortiumName] ?? '', '未命名草稿', tail)
      : `联合体申报草稿（${drafts.length}份）`;
  return `${stem}${tail}`;
}
