import { randomUUID } from 'node:crypto';
import { checkDraft, type CheckContext } from '../core/checks/check-draft';
import { checkExitCode, checkExitCodesHelp } from '../core/checks/exit-code';
import { exportPackage, removeStaleWorkFolders } from '../core/documents/export-package';
import { describeFailure } from '../core/os-errors';
import { DraftStore } from '../core/storage/draft-store';
import { parseProjectFile, projectDraftToDraft } from '../core/project/project-file';
import { loadRegionTemplates } from '../core/regions/templates';
import { readUserRegionFile } from '../core/regions/region-file';
import type { RegionTemplate } from '../shared/region-template';
import { effectiveTemplate } from '../shared/region-settings';
import type { CheckReport } from '../shared/checks';
import type { Draft } from '../shared/draft';
import { leadTier, memberKeys } from '../shared/draft';
import { outputFolder, readInputText } from './files';
import {
  absorbUsage,
  collectUsage,
  runAbsorbCommand,
  runCollectCommand,
  runTemplateCommand,
  templateUsage,
} from './workbook-commands';
import type { ValueProblem } from '../shared/validation';
import { importDocxUsage, runImportDocxCommand } from '../core/docx-import/cli';
import { checkIdCard, checkPhone, checkUscc } from '../shared/validation';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliCommand {
  summary: string;
  /** Returns the process exit code. */
  run: (args: string[], io: CliIo) => number | Promise<number>;
}

const validators: Record<string, { label: string; check: (value: string) => ValueProblem[] }> = {
  uscc: { label: '统一社会信用代码', check: checkUscc },
  idcard: { label: '身份证号', check: checkIdCard },
  phone: { label: '电话号码', check: checkPhone },
};

/**
 * The built-in regions plus the one `--region-file <file>` names, or null after telling the user why that
 * file is refused.
 */
function regionsFor(args: string[], io: CliIo): RegionTemplate[] | null {
  const builtIns = loadRegionTemplates();
  const index = args.indexOf('--region-file');
  if (index < 0) return builtIns;
  const file = args[index + 1];
  if (!file || file.startsWith('--')) {
    io.err('用法：--region-file <地区文件.json>\n');
    return null;
  }
  try {
    return [...builtIns, readUserRegionFile(file, builtIns)];
  } catch (error) {
    const known = describeFailure(error, { action: '读取地区文件', path: file });
    io.err(`${known ? known.message : `无法读取地区文件：${String(error)}`}\n`);
    return null;
  }
}

/** Positional arguments: those that are neither an option nor the value of `valued` options. */
function positional(args: string[], valued: string[]): string[] {
  return args.filter((arg, i) => !arg.startsWith('--') && !(i > 0 && valued.includes(args[i - 1] ?? '')));
}

/** The template a draft is checked and printed against: its region's with the draft's 地区设置 applied. */
function templateOfDraft(regions: RegionTemplate[], draft: Pick<Draft, 'regionId' | 'regionSettings'>): RegionTemplate {
  return effectiveTemplate(regionOf(regions, draft.regionId), draft.regionSettings);
}

function regionOf(regions: RegionTemplate[], id: string): RegionTemplate {
  const template = regions.find((region) => region.id === id);
  // parseProjectFile already refused drafts of other regions.
  if (!template) throw new Error(`No region template with id "${id}"`);
  return template;
}

/** The drafts of a project file, or null after telling the user (in Chinese) why it cannot be read. */
function readProjectDrafts(file: string, io: CliIo, regions: RegionTemplate[]): Draft[] | null {
  try {
    return parseProjectFile(readInputText(file, '项目文件'), regions).drafts.map((pd) => projectDraftToDraft(pd, randomUUID));
  } catch (error) {
    const known = describeFailure(error, { action: '读取项目文件', path: file });
    io.err(`${known ? known.message : `无法读取项目文件：${String(error)}`}\n`);
    return null;
  }
}

/** Cross-draft rules, answered from the other drafts in the same project file. */
function projectContext(drafts: Draft[]): CheckContext {
  const codesOf = (draft: Draft, leadOnly: boolean) =>
    draft.tables.members
      .filter((row) => !leadOnly || row.values[memberKeys.tier] === leadTier)
      .map((row) => (row.values[memberKeys.uscc] ?? '').trim().toUpperCase());
  const count = (uscc: string, regionId: string, exclude: string, leadOnly: boolean) =>
    drafts.filter((d) => d.id !== exclude && d.regionId === regionId && codesOf(d, leadOnly).includes(uscc.trim().toUpperCase())).length;
  return {
    otherDrafts: {
      countDraftsLedBy: (uscc, regionId, exclude) => count(uscc, regionId, exclude, true),
      countDraftsWithMember: (uscc, regionId, exclude) => count(uscc, regionId, exclude, false),
    },
  };
}

const statusText = { pass: '符合', fail: '不符合', unknown: '尚无法判断' } as const;

function reportAsText(name: string, report: CheckReport): string {
  const lines = [`== ${name || '（未命名）'}：${statusText[report.eligible]}，完整度 ${report.completeness}%，错误 ${report.errorCount}，警告 ${report.warningCount}`];
  for (const rule of report.rules) {
    const mark = rule.status === 'pass' ? '✓' : rule.status === 'fail' ? (rule.severity === 'error' ? '✗' : '!') : '?';
    lines.push(`  ${mark} ${rule.title}：${rule.message}`);
  }
  for (const finding of report.findings.filter((f) => !f.status)) {
    lines.push(`  ${finding.severity === 'error' ? '错误' : '警告'} ${finding.message}`);
  }
  return `${lines.join('\n')}\n`;
}

const exportUsage = 'export <项目文件> --out <文件夹> [--region-file <地区文件>] [--pdf] [--pdf-per-document]';

/**
 * Exports every draft of a project file as the app does (one folder per consortium), through a throw-away
 * draft store in memory: the export takes a revision of the draft first, the CLI has no store of its own to
 * touch, and an interrupted run leaves nothing behind in the temp folder.
 */
async function runExportCommand(args: string[], io: CliIo): Promise<number> {
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const file = positional(args, ['--out', '--region-file'])[0];
  if (!file || !out || out.startsWith('--')) {
    io.err(`用法：${exportUsage}\n`);
    return 2;
  }
  const regions = regionsFor(args, io);
  if (!regions) return 2;
  const drafts = readProjectDrafts(file, io, regions);
  if (!drafts) return 2;
  // Work folders of runs that were killed (Ctrl+C during a PDF conversion) are old news now.
  removeStaleWorkFolders();
  let outDir: string;
  try {
    outDir = outputFolder(out);
  } catch (error) {
    io.err(`${describeFailure(error)?.message ?? `导出失败：${String(error)}`}\n`);
    return 2;
  }
  const store = DraftStore.open(':memory:', { autoRevisionMinutes: 0 });
  try {
    const exports = [];
    for (const draft of drafts) {
      const stored = store.createDraft({
        regionId: draft.regionId,
        templateVersion: draft.templateVersion,
        regionSettings: draft.regionSettings ?? null,
        fields: draft.fields,
        tables: Object.fromEntries(Object.entries(draft.tables).map(([table, rows]) => [table, rows.map((row) => row.values)])),
      });
      const result = await exportPackage({
        template: templateOfDraft(regions, stored),
        draft: stored,
        store,
        outDir,
        pdf: args.includes('--pdf') || args.includes('--pdf-per-document'),
        pdfMode: args.includes('--pdf-per-document') ? 'perDocument' : 'package',
      });
      exports.push({ name: stored.fields.consortiumName ?? '', regionId: stored.regionId, ...result });
    }
    io.out(`${JSON.stringify({ file, exports }, null, 2)}\n`);
    return exports.some((e) => e.skipped.length > 0) ? 1 : 0;
  } catch (error) {
    io.err(`${describeFailure(error)?.message ?? `导出失败：${String(error)}`}\n`);
    return 1;
  } finally {
    store.close();
  }
}

/** Every CLI command, by name. Issues that add capabilities add their commands here. */
export const commands: Record<string, CliCommand> = {
  check: {
    summary: `check <项目文件> [--region-file <地区文件>] [--text]：输出每份草稿的校验与申报条件检查结果（JSON，或 --text 表格）。${checkExitCodesHelp}`,
    run(args, io) {
      const file = positional(args, ['--region-file'])[0];
      if (!file) {
        io.err('用法：check <项目文件> [--region-file <地区文件>] [--text]\n');
        return 2;
      }
      const regions = regionsFor(args, io);
      if (!regions) return 2;
      const drafts = readProjectDrafts(file, io, regions);
      if (!drafts) return 2;
      const context = projectContext(drafts);
      const results = drafts.map((draft) => ({
        name: draft.fields.consortiumName ?? '',
        regionId: draft.regionId,
        report: checkDraft(templateOfDraft(regions, draft), draft, context),
      }));
      if (args.includes('--text')) for (const result of results) io.out(reportAsText(result.name, result.report));
      else io.out(`${JSON.stringify({ file, drafts: results }, null, 2)}\n`);
      return checkExitCode(results.map((r) => r.report));
    },
  },
  export: {
    summary: `${exportUsage}：导出每份草稿的全套申报材料（Word、Excel、盖章清单；--pdf 另生成全套 PDF，--pdf-per-document 每个文件一份 PDF）到以联合体名称命名的文件夹，输出 JSON`,
    run: runExportCommand,
  },
  validate: {
    summary: 'validate <uscc|idcard|phone> <值>：校验一个值，输出 JSON，有效时退出码为 0，否则为 1',
    run(args, io) {
      const [kind, value] = args;
      const validator = kind ? validators[kind] : undefined;
      if (!validator || value === undefined) {
        io.err('用法：validate <uscc|idcard|phone> <值>\n');
        return 2;
      }
      const problems = validator.check(value);
      const errors = problems.filter((problem) => problem.severity === 'error');
      const valid = errors.length === 0 && problems.length === 0;
      const message = problems.length === 0 ? `${validator.label}有效` : problems.map((p) => p.message).join('；');
      io.out(`${JSON.stringify({ valid, message, problems })}\n`);
      return valid ? 0 : 1;
    },
  },
  template: {
    summary: `${templateUsage}：生成空白 Excel 名单模板（成员单位、科研团队、科研平台），输出 JSON`,
    run: runTemplateCommand,
  },
  collect: {
    summary: `${collectUsage}：为每个成员单位生成预填的信息采集表，输出 JSON`,
    run: runCollectCommand,
  },
  absorb: {
    summary: `${absorbUsage}：读取成员单位发回的信息采集表，输出将要修改的内容与冲突（JSON）；--write 写回项目文件。全部可用时退出码 0，有文件无法使用时为 1`,
    run: runAbsorbCommand,
  },
  'import-docx': {
    summary: `${importDocxUsage}：读取填好的 Word 申请表（.docx；.doc/.wps 需安装 LibreOffice），写成新草稿的项目文件，输出识别结果（JSON）；写成时退出码 0`,
    run: runImportDocxCommand,
  },
};
