import type { CheckReport } from '../../shared/checks';

/**
 * The exit codes of `check`, so scripts can tell "file it" from "fix it" from "not yet decidable":
 * a binding rule left undecided must not pass as eligible.
 */
export const checkExitCodes = {
  /** Every draft eligible and without an error. */
  eligible: 0,
  /** A draft has an error, or a binding (error-severity) rule fails. */
  failed: 1,
  /** No error and no failed binding rule, but a binding rule cannot be decided from what is filled. */
  undecided: 3,
} as const;

export const checkExitCodesHelp =
  '退出码：0 全部符合申报条件且无错误；1 有填写错误或不符合的申报条件；2 参数或项目文件有误；3 无错误，但有申报条件因信息不足尚无法判断';

export function checkExitCode(reports: CheckReport[]): number {
  if (reports.some((report) => report.errorCount > 0 || report.eligible === 'fail')) return checkExitCodes.failed;
  if (reports.some((report) => report.eligible === 'unknown')) return checkExitCodes.undecided;
  return checkExitCodes.eligible;
}
