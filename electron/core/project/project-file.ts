import type { z } from 'zod';
import type { Draft, TableRow, Values } from '../../shared/draft';
import { UserError } from '../../shared/errors';
import type { ProjectDraft, ProjectFile } from '../../shared/project-file';
import { projectFileSchema, projectFormat, projectLimits, projectSchemaVersion } from '../../shared/project-file';
import { tableIds } from '../../shared/region-template';
import { loadRegionTemplates } from '../regions/templates';

/**
 * Reading and writing project files (项目文件, *.lhtproj.json). Reading is defensive: the file may come from
 * another computer, a newer version of the app or someone's text editor, so every way it can be wrong is
 * turned into one Chinese sentence for the user, with the precise path in `detail` for the log.
 */

/** Larger than any real project (500 drafts of 10,000 rows would be far less); refused before parsing. */
export const maxProjectFileBytes = 50 * 1024 * 1024;

export class ProjectFileError extends UserError {
  constructor(message: string, detail?: string) {
    super('project.invalid', message, detail);
    this.name = 'ProjectFileError';
  }
}

/**
 * Reads a project file. A draft of a region with no template among `regions` (by default the installed
 * templates) is refused here, naming the regions there are.
 */
export function parseProjectFile(text: string, regions?: ReadonlyArray<{ id: string; name: string }>): ProjectFile {
  // A UTF-8 byte is at most one UTF-16 unit, so only a long string needs the exact byte count.
  const bytes = text.length > maxProjectFileBytes / 3 ? Buffer.byteLength(text, 'utf8') : text.length;
  if (bytes > maxProjectFileBytes) {
    throw new ProjectFileError(
      `项目文件过大（${(bytes / 1024 / 1024).toFixed(1)} MB），超过 ${maxProjectFileBytes / 1024 / 1024} MB 的上限，未打开`,
      `file is ${bytes} bytes; limit ${maxProjectFileBytes}`,
    );
  }

  let data: unknown;
  try {
    // A BOM is what Windows Notepad writes at the start of a UTF-8 file; JSON.parse would reject it.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ProjectFileError(
      '项目文件不是有效的 JSON 文件，可能已损坏或不完整',
      error instanceof Error ? error.message : String(error),
    );
  }

  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ProjectFileError('这不是联合体申报助手的项目文件', 'top level is not an object');
  }
  const top = data as Record<string, unknown>;
  if (top.format !== projectFormat) {
    throw new ProjectFileError('这不是联合体申报助手的项目文件', `format is ${JSON.stringify(top.format)}`);
  }
  // Checked before the schema: a newer file may have fields this version does not know, and "upgrade"
  // is the useful message then, not a list of unknown fields.
  if (typeof top.schemaVersion === 'number' && top.schemaVersion > projectSchemaVersion) {
    throw new ProjectFileError(
      `该项目文件由更新版本的软件创建（格式版本 ${top.schemaVersion}），请升级后再打开`,
      `schemaVersion ${top.schemaVersion} > supported ${projectSchemaVersion}`,
    );
  }

  const result = projectFileSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues;
    const first = issues[0];
    throw new ProjectFileError(
      `项目文件格式不正确：${describeIssue(first, data)}`,
      issues
        .slice(0, 20)
        .map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.code}: ${issue.message}`)
        .join('\n'),
    );
  }
  const known = regions ?? installedRegions();
  if (known) {
    const index = result.data.drafts.findIndex((draft) => !known.some((region) => region.id === draft.regionId));
    if (index >= 0) {
      const regionId = result.data.drafts[index].regionId;
      throw new ProjectFileError(
        `项目文件格式不正确：drafts[${index}].regionId 不是支持的地区（「${regionId}」；可选：${known.map((region) => `${region.id}（${region.name}）`).join('、')}）`,
        `drafts[${index}].regionId: unknown region ${regionId}`,
      );
    }
  }
  return result.data;
}

/** The regions of the installed templates, or null where they cannot be read (the importer then checks them). */
function installedRegions(): ReadonlyArray<{ id: string; name: string }> | null {
  try {
    return loadRegionTemplates();
  } catch {
    return null;
  }
}

/** drafts[0].tables.members[3].name — the path as a user with a text editor would look for it. */
export function formatPath(path: PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let current: unknown = data;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

const typeNames: Record<string, string> = {
  string: '文本',
  number: '数字',
  object: '对象',
  array: '数组',
  boolean: '是/否',
};

/** One zod issue as a Chinese sentence that names where in the file it is. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const path = formatPath(issue.path);
  // 「drafts[0].regionId 不是……」, or 「文件顶层含有……」 for the file itself.
  const subject = path === '' ? '文件顶层' : `${path} `;
  const last = issue.path[issue.path.length - 1];
  switch (issue.code) {
    case 'invalid_type': {
      if (valueAt(data, issue.path) === undefined) return `缺少 ${path}`;
      return `${subject}应为${typeNames[issue.expected] ?? issue.expected}`;
    }
    case 'invalid_value':
      return `${subject}的取值不正确`;
    case 'invalid_format':
      if (last === 'regionId') return `${subject}不是有效的地区标识`;
      return `${subject}的格式不正确`;
    case 'unrecognized_keys':
      if (last === 'tables') return `${subject}含有不认识的表格：${issue.keys.join('、')}（可选：${tableIds.join('、')}）`;
      return `${subject}含有不认识的字段：${issue.keys.join('、')}`;
    case 'too_big':
      if (issue.origin === 'array') return `${subject}的条目过多（最多 ${String(issue.maximum)} 条）`;
      if (issue.origin === 'string') return `${subject}过长（最多 ${String(issue.maximum)} 个字符）`;
      return `${subject}超出上限`;
    case 'too_small':
      if (issue.origin === 'array') return `${subject}至少应有 ${String(issue.minimum)} 条`;
      if (issue.origin === 'number') return `${subject}应为正数`;
      return `${subject}不能为空`;
    case 'invalid_key':
      return `${subject}含有过长或无效的字段名`;
    case 'custom':
      // Our own refinements carry Chinese messages (字段数量过多).
      return `${subject}${issue.message}`;
    default:
      return `${subject}的内容不正确`;
  }
}

/** A draft of the file becomes a draft of the store; rows, which the file does not identify, get ids. */
export function projectDraftToDraft(projectDraft: ProjectDraft, idFactory: () => string, now = new Date().toISOString()): Draft {
  const tables = Object.fromEntries(
    tableIds.map((table) => [
      table,
      (projectDraft.tables[table] ?? []).map((values): TableRow => ({ id: idFactory(), values: { ...values } })),
    ]),
  ) as Draft['tables'];
  return {
    // The store decides what to do when an imported id is already taken.
    id: projectDraft.id ?? idFactory(),
    regionId: projectDraft.regionId,
    templateVersion: projectDraft.templateVersion,
    createdAt: projectDraft.createdAt ?? now,
    updatedAt: projectDraft.updatedAt ?? now,
    deletedAt: null,
    fields: { ...projectDraft.fields },
    tables,
    regionSettings: projectDraft.regionSettings ?? null,
  };
}

/** Row ids and the trash mark stay behind: they mean something only in the store that made them. */
export function draftToProjectDraft(draft: Draft): ProjectDraft {
  const tables = Object.fromEntries(
    tableIds.map((table) => [table, (draft.tables[table] ?? []).map((row): Values => ({ ...row.values }))]),
  ) as ProjectDraft['tables'];
  return {
    id: draft.id,
    regionId: draft.regionId,
    templateVersion: draft.templateVersion,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
    fields: { ...draft.fields },
    tables,
    ...(draft.regionSettings ? { regionSettings: draft.regionSettings } : {}),
  };
}

export function makeProjectFile(drafts: Draft[], appVersion?: string, now = new Date().toISOString()): ProjectFile {
  if (drafts.length === 0) throw new ProjectFileError('没有可导出的草稿', 'makeProjectFile called with no drafts');
  if (drafts.length > projectLimits.maxDrafts) {
    throw new ProjectFileError(
      `一个项目文件最多包含 ${projectLimits.maxDrafts} 份草稿，当前选择了 ${drafts.length} 份`,
      `${drafts.length} drafts`,
    );
  }
  return {
    format: projectFormat,
    schemaVersion: projectSchemaVersion,
    exportedAt: now,
    ...(appVersion ? { appVersion } : {}),
    drafts: drafts.map(draftToProjectDraft),
  };
}

/** Two-space indented JSON with a final newline, so files diff well and open cleanly in a text editor. */
export function stringifyProjectFile(file: ProjectFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
