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

/** Every CLI command, by name. Issues that add capabilities add their commands here. */
export const commands: Record<string, CliCommand> = {
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
