import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Draft } from '../shared/draft';
import type { RegionTemplate } from '../shared/region-template';
import type { AbsorbDecision, WorkbookTable } from '../shared/workbooks';
import { workbookTables } from '../shared/workbooks';
import { writeAtomic } from '../core/files/atomic-write';
import { describeFailure } from '../core/os-errors';
import { makeProjectFile, parseProjectFile, projectDraftToDraft, stringifyProjectFile } from '../core/project/project-file';
import { loadRegionTemplates } from '../core/regions/templates';
import { effectiveTemplate } from '../shared/region-settings';
import { DraftStore } from '../core/storage/draft-store';
import { applyAbsorb, planAbsorb, writeBlankTemplate, writeCollectionFiles } from '../core/workbooks';
import { readCollectionWorkbooksInWorker } from '../core/workbooks/reading/in-worker';
import { outputFile, outputFolder, readInputFile, readInputText } from './files';
import { maxWorkbookBytes } from '../shared/contract/workbooks';

/**
 * The workbook commands of the CLI (registered in commands.ts): blank templates, collection
 * workbooks for every member of a project file's draft, and reading returned ones back — the same core
 * functions the app calls, with the project file in place of the draft store.
 */

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

interface ParsedArgs {
  positional: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

/** `--name value` options and `--flag` switches, anywhere among the positional arguments. */
function parseArgs(args: string[], optionNames: string[], flagNames: string[]): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    if (name !== null && optionNames.includes(name)) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} 需要一个值`);
      parsed.options.set(name, value);
      i++;
    } else if (name !== null && flagNames.includes(name)) parsed.flags.add(name);
    else if (name !== null) throw new UsageError(`不认识的选项 ${arg}`);
    else parsed.positional.push(arg);
  }
  return parsed;
}

class UsageError extends Error {}

/** Runs a command body, turning usage mistakes into exit code 2 and user errors into their message. */
async function guarded(io: CommandIo, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n用法：${usage}\n`);
      return 2;
    }
    // A disk's refusal (ENOSPC, EROFS …) reads as what it is, like any message meant for the user.
    const known = describeFailure(error);
    if (known) {
      io.err(`${known.message}\n`);
      return 2;
    }
    throw error;
  }
}

function findTemplate(templates: RegionTemplate[], region: string): RegionTemplate {
  // By id (chongqing), or by its Chinese name or any unambiguous part of it (重庆, 两江新区).
  const exact = templates.find((template) => template.id === region || template.shortName === region || template.name === region);
  const partial = templates.filter((template) => region !== '' && template.name.includes(region));
  const found = exact ?? (partial.length === 1 ? partial[0] : undefined);
  if (!found) {
    throw new UsageError(`不支持的地区“${region}”，可选：${templates.map((template) => `${template.id}（${template.shortName}）`).join('、')}`);
  }
  return found;
}

interface LoadedProject {
  drafts: Draft[];
  index: number;
  appVersion?: string;
}

function readProject(path: string, draftOption: string | undefined): LoadedProject {
  const file = parseProjectFile(readInputText(path, '项目文件'), loadRegionTemplates());
  const drafts = file.drafts.map((draft) => projectDraftToDraft(draft, randomUUID));
  let index = 0;
  if (draftOption !== undefined) {
    const byId = drafts.findIndex((draft) => draft.id === draftOption);
    const byNumber = /^\d+$/.test(draftOption) ? Number(draftOption) - 1 : -1;
    index = byId >= 0 ? byId : byNumber;
    if (index < 0 || index >= drafts.length) throw new UsageError(`项目文件中没有草稿“${draftOption}”（可用编号或序号 1–${drafts.length}）`);
  } else if (drafts.length > 1) {
    throw new UsageError(`项目文件包含 ${drafts.length} 份草稿，请用 --draft <编号或序号> 指定一份`);
  }
  return { drafts, index, ...(file.appVersion ? { appVersion: file.appVersion } : {}) };
}

export const templateUsage = 'template <地区> --out 文件.xlsx [--table members|team|platforms]';

/** `template <region> --out file.xlsx`: a blank template workbook of a region's lists. */
export function runTemplateCommand(args: string[], io: CommandIo): Promise<number> {
  return guarded(io, templateUsage, async () => {
    const parsed = parseArgs(args, ['out', 'table'], []);
    const [region] = parsed.positional;
    const out = parsed.options.get('out');
    if (!region || !out || parsed.positional.length > 1) throw new UsageError('需要地区和 --out 文件');
    const table = parsed.options.get('table');
    if (table !== undefined && !(workbookTables as readonly string[]).includes(table)) {
      throw new UsageError(`--table 只能是 ${workbookTables.join('、')}`);
    }
    const template = effectiveTemplate(findTemplate(loadRegionTemplates(), region), null);
    const file = outputFile(out);
    await writeAtomic(file, await writeBlankTemplate(template, table as WorkbookTable | undefined));
    io.out(`${JSON.stringify({ file, region: template.id, table: table ?? 'all' })}\n`);
    return 0;
  });
}

export const collectUsage = 'collect <项目文件> --out 文件夹 [--draft <编号或序号>]';

/** `collect <project-file> --out dir`: one collection workbook per member unit. */
export function runCollectCommand(args: string[], io: CommandIo): Promise<number> {
  return guarded(io, collectUsage, async () => {
    const parsed = parseArgs(args, ['out', 'draft'], []);
    const [projectPath] = parsed.positional;
    const out = parsed.options.get('out');
    if (!projectPath || !out || parsed.positional.length > 1) throw new UsageError('需要项目文件和 --out 文件夹');
    const project = readProject(projectPath, parsed.options.get('draft'));
    const draft = project.drafts[project.index];
    const template = effectiveTemplate(findTemplate(loadRegionTemplates(), draft.regionId), draft.regionSettings);
    const dir = outputFolder(out);
    const files = await writeCollectionFiles(template, draft, dir);
    io.out(`${JSON.stringify({ draftId: draft.id, dir, files }, null, 2)}\n`);
    return 0;
  });
}

export const absorbUsage = 'absorb <项目文件> <采集表.xlsx…> [--draft <编号或序号>] [--write] [--take-incoming] [--out 新项目文件]';

/**
 * `absorb <project-file> <files...>`: prints what the returned collection workbooks would change; with
 * --write applies them (conflicts keep the project's value unless --take-incoming) and writes the project
 * file (or --out). Exit code 1 when some files could not be used.
 */
export function runAbsorbCommand(args: string[], io: CommandIo): Promise<number> {
  return guarded(io, absorbUsage, async () => {
    const parsed = parseArgs(args, ['draft', 'out'], ['write', 'take-incoming']);
    const [projectPath, ...files] = parsed.positional;
    if (!projectPath || files.length === 0) throw new UsageError('需要项目文件和至少一个采集表');
    const project = readProject(projectPath, parsed.options.get('draft'));
    const draft = project.drafts[project.index];
    const template = effectiveTemplate(findTemplate(loadRegionTemplates(), draft.regionId), draft.regionSettings);
    const inputs = files.map((file) => ({ fileName: basename(file), bytes: readInputFile(file, '采集表', maxWorkbookBytes) }));
    const target = parsed.flags.has('write') ? outputFile(parsed.options.get('out') ?? projectPath) : null;
    const results = await readCollectionWorkbooksInWorker(inputs, template);
    // The project's draft goes through a throw-away store, so that applying is the app's own code path.
    const store = DraftStore.open(':memory:', { autoRevisionMinutes: 0 });
    try {
      const stored = store.createDraft({
        id: draft.id,
        regionId: draft.regionId,
        templateVersion: draft.templateVersion,
        fields: draft.fields,
        tables: {
          members: draft.tables.members.map((row) => row.values),
          team: draft.tables.team.map((row) => row.values),
          platforms: draft.tables.platforms.map((row) => row.values),
          council: draft.tables.council.map((row) => row.values),
        },
      });
      const preview = planAbsorb(template, stored, results);
      const unusable = preview.files.filter((file) => file.status !== 'matched').length;
      const output: Record<string, unknown> = { draftId: draft.id, ...preview };
      if (parsed.flags.has('write') && preview.files.some((file) => file.status === 'matched')) {
        const decisions: AbsorbDecision[] = parsed.flags.has('take-incoming')
          ? preview.files.flatMap((file) =>
              [...file.member, ...file.team.flatMap((row) => row.changes), ...file.platforms.flatMap((row) => row.changes)]
                .filter((change) => change.conflictId !== undefined)
                .map((change) => ({ conflictId: change.conflictId as string, choice: 'take' as const })),
            )
          : [];
        const summary = applyAbsorb(store, stored.id, template, results, decisions);
        const updated = store.getDraft(stored.id);
        const drafts = project.drafts.map((candidate, index) =>
          index === project.index ? { ...updated, createdAt: draft.createdAt, updatedAt: new Date().toISOString() } : candidate,
        );
        const written = target ?? outputFile(parsed.options.get('out') ?? projectPath);
        await writeAtomic(written, Buffer.from(stringifyProjectFile(makeProjectFile(drafts, project.appVersion)), 'utf8'));
        output.written = { file: written, summary };
      }
      io.out(`${JSON.stringify(output, null, 2)}\n`);
      return unusable > 0 ? 1 : 0;
    } finally {
      store.close();
    }
  });
}
