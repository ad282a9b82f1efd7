import { safeFileName } from '../../shared/documents/export-names';
import type { HandlersFor } from '../../shared/contract';
import { key as keySchema } from '../../shared/contract/define';
import type { BackupSummary, ExistingDraftRef, ImportDecision, ProjectInspection, safetyContract } from '../../shared/contract/safety';
import type { Draft, DraftSummary, Values } from '../../shared/draft';
import { fieldKeys } from '../../shared/draft';
import { UserError } from '../../shared/errors';
import type { ProjectFile } from '../../shared/project-file';
import { tableIds, type TableId } from '../../shared/region-template';
import { stripXmlInvalid } from '../../shared/validation/sanitize';
import { ProjectFileError, makeProjectFile, parseProjectFile, stringifyProjectFile } from '../project/project-file';
import type { BackupInfo } from '../storage/backups';
import { BackupService, backupCauseLabels } from '../storage/backups';
import { storageWriteError } from '../storage/draft-store';
import type { CoreDeps } from './deps';

/** Backups, the start-up notice and project files: export, inspect, import. */
export function safetyHandlers(deps: CoreDeps): HandlersFor<keyof typeof safetyContract> {
  const { store } = deps;
  const backups = deps.backups ?? new BackupService(store, { log: deps.log });
  const regionName = (regionId: string) => deps.templates.find((template) => template.id === regionId)?.name ?? regionId;

  /** Reads a project file in full, then checks what the store needs beyond the file format: field names. */
  function readProjectFile(json: string): ProjectFile {
    const file = parseProjectFile(json, deps.templates);
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

  function inspect(file: ProjectFile): ProjectInspection {
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

  async function importProject(json: string, decisions: ImportDecision[]): Promise<{ importedIds: string[]; skipped: number }> {
    const file = readProjectFile(json);
    if (decisions.length !== file.drafts.length) {
      throw new UserError(
        'project.decisionsMismatch',
        `导入选择与项目文件不符（文件中有 ${file.drafts.length} 份草稿，收到 ${decisions.length} 项选择），未导入任何草稿。请重新打开该项目文件。`,
        `${decisions.length} decisions for ${file.drafts.length} drafts`,
      );
    }
    const preview = inspect(file);
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
    if (targets.size > 0) await backups.backupNow('before-import');

    const takenIds = new Set([...store.listDrafts(), ...store.listDrafts({ trashed: true })].map((draft) => draft.id));
    const importedIds: string[] = [];
    try {
      store.db.transaction(() => {
        file.drafts.forEach((draft, index) => {
          const decision = decisions[index];
          const tables = Object.fromEntries(tableIds.map((table) => [table, draft.tables[table] ?? []])) as Record<TableId, Values[]>;
          if (decision === 'skip') return;
          if (decision === 'overwrite') {
            const targetId = preview.drafts[index].overwriteTarget!.id;
            overwriteDraft(targetId, draft.fields, tables, preview.drafts[index].overwriteTarget!.inTrash);
            importedIds.push(targetId);
            return;
          }
          // 'new' keeps the file's id when it is free, so importing the file again later finds its match.
          const keepId = draft.id !== undefined && !takenIds.has(draft.id) && draft.id.length > 0 ? draft.id : undefined;
          const created = store.createDraft({ id: keepId, regionId: draft.regionId, templateVersion: draft.templateVersion, fields: draft.fields, tables });
          takenIds.add(created.id);
          importedIds.push(created.id);
        });
      })();
    } catch (error) {
      throw storageWriteError(error) ?? error;
    }
    deps.log?.(`imported project file: ${importedIds.length} drafts (${decisions.join(',')})`);
    return { importedIds, skipped: decisions.filter((decision) => decision === 'skip').length };
  }

  /**
   * Replaces a draft's fields and tables with those of the file, after a revision of what it held. The
   * draft keeps its id, its history and its template version (which only edits in the app advance).
   */
  function overwriteDraft(draftId: string, fields: Values, tables: Record<TableId, Values[]>, inTrash: boolean): void {
    store.createRevision(draftId, 'before-import', '导入项目文件覆盖前的版本');
    if (inTrash) store.restoreDraft(draftId);
    const current = store.getDraft(draftId);
    for (const name of Object.keys(current.fields)) if (!(name in fields)) store.setField(draftId, name, '');
    for (const [name, value] of Object.entries(fields)) store.setField(draftId, name, value);
    for (const table of tableIds) store.replaceTable(draftId, table, tables[table]);
  }

  function exportProjects(draftIds: string[] | 'all'): { fileName: string; json: string; draftCount: number } {
    const ids = draftIds === 'all' ? store.listDrafts().map((draft) => draft.id) : [...new Set(draftIds)];
    const drafts = ids.map((draftId) => store.getDraft(draftId));
    const now = new Date();
    const json = stringifyProjectFile(makeProjectFile(drafts, deps.appVersion, now.toISOString()));
    // A file this app could not read back is no export at all: say which value is in the way instead.
    try {
      readProjectFile(json);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      throw new UserError('project.exportUnreadable', `无法导出：${error.message.replace(/^项目文件格式不正确：/, '')}。请修改该内容后重试。`, error.detail);
    }
    return { fileName: projectFileName(drafts, now), json, draftCount: drafts.length };
  }

  return {
    'backups.list': () => backups.list().map(summary),
    'backups.create': async () => summary(await backups.backupNow('manual')),
    'backups.restore': async ({ fileName }) => {
      const restored = await backups.restore(fileName);
      return { restoredFrom: summary(restored.restoredFrom), keptCurrentAs: summary(restored.keptCurrentAs) };
    },
    'app.startupNotice': () => ({ message: deps.startupNotice ?? null }),
    'projects.export': ({ draftIds }) => exportProjects(draftIds),
    'projects.inspect': ({ json }) => inspect(readProjectFile(json)),
    'projects.import': ({ json, decisions }) => importProject(json, decisions),
  };
}

function summary(backup: BackupInfo): BackupSummary {
  return {
    fileName: backup.fileName,
    createdAt: backup.createdAt,
    cause: backup.cause,
    causeLabel: backupCauseLabels[backup.cause],
    sizeBytes: backup.sizeBytes,
  };
}

function ref(draft: DraftSummary): ExistingDraftRef {
  return { id: draft.id, name: draft.name, regionId: draft.regionId, updatedAt: draft.updatedAt, inTrash: draft.deletedAt !== null };
}

/** 新疆现代煤化工创新联合体-20250318.lhtproj.json, or 联合体申报草稿（3份）-20250318.lhtproj.json. */
function projectFileName(drafts: Draft[], at: Date): string {
  const day = `${at.getFullYear()}${String(at.getMonth() + 1).padStart(2, '0')}${String(at.getDate()).padStart(2, '0')}`;
  const stem =
    drafts.length === 1
      ? safeFileName(drafts[0].fields[fieldKeys.consortiumName] ?? '', '未命名草稿')
      : `联合体申报草稿（${drafts.length}份）`;
  return `${stem}-${day}.lhtproj.json`;
}
