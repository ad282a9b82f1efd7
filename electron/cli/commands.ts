import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { checkDraft, type CheckContext } from '../core/checks/check-draft';
import { parseProjectFile, projectDraftToDraft } from '../core/project/project-file';
import { getRegionTemplate } from '../core/regions/templates';
import type { CheckReport } from '../shared/checks';
import type { Draft } from '../shared/draft';
import { leadTier, memberKeys } from '../shared/draft';
import { UserError } from '../shared/errors';
import type { ValueProblem } from '../shared/validation';
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

/** Every CLI command, by name. Issues that add capabilities add their commands here. */
export const commands: Record<string, CliCommand> = {
  check: {
    summary: 'check <项目文件> [--text]：输出每份草稿的校验与申报条件检查结果（JSON，或 --text 表格），无不符合项时退出码为 0',
    run(args, io) {
      const file = args.find((arg) => !arg.startsWith('--'));
      if (!file) {
        io.err('用法：check <项目文件> [--text]\n');
        return 2;
      }
      let drafts: Draft[];
      try {
        drafts = parseProjectFile(readFileSync(file, 'utf8')).drafts.map((pd) => projectDraftToDraft(pd, randomUUID));
      } catch (error) {
        io.err(`${error instanceof UserError ? error.message : `无法读取项目文件：${String(error)}`}\n`);
        return 2;
      }
      const context = projectContext(drafts);
      const results = drafts.map((draft) => ({
        name: draft.fields.consortiumName ?? '',
        regionId: draft.regionId,
        report: checkDraft(getRegionTemplate(draft.regionId), draft, context),
      }));
      if (args.includes('--text')) for (const result of results) io.out(reportAsText(result.name, result.report));
      else io.out(`${JSON.stringify({ file, drafts: results }, null, 2)}\n`);
      const failed = results.some((r) => r.report.errorCount > 0 || r.report.eligible === 'fail');
      return failed ? 1 : 0;
    },
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
};
