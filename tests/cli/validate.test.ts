import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

/** Runs the real CLI entry as a user would (`npm run cli -- …` runs the same file through tsx). */
function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: run.status, json: run.stdout.trim() ? JSON.parse(run.stdout) : null, stderr: run.stderr };
}

describe('cli validate', () => {
  it('accepts a valid 统一社会信用代码 with exit code 0', () => {
    const result = cli('validate', 'uscc', '91350100M000100Y43');
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({ valid: true });
    expect(result.json.message).toContain('有效');
  });

  it('rejects a code with a wrong check character, naming the expected one, with exit code 1', () => {
    const result = cli('validate', 'uscc', '91350100M000100Y44');
    expect(result.code).toBe(1);
    expect(result.json.valid).toBe(false);
    expect(result.json.message).toContain('3');
  });

  it('rejects a malformed code with exit code 1', () => {
    const result = cli('validate', 'uscc', '1234');
    expect(result.code).toBe(1);
    expect(result.json.valid).toBe(false);
    expect(result.json.message).toMatch(/18/);
  });

  it('accepts a valid 身份证号 and rejects a bad check digit and an old 15-digit number', () => {
    expect(cli('validate', 'idcard', '11010519491231002X')).toMatchObject({ code: 0, json: { valid: true } });
    const wrong = cli('validate', 'idcard', '110105194912310021');
    expect(wrong.code).toBe(1);
    expect(wrong.json.valid).toBe(false);
    const old = cli('validate', 'idcard', '110105491231002');
    expect(old.code).toBe(1);
    expect(old.json.message).toMatch(/15/);
  });

  it('explains its usage on a bad command', () => {
    const result = cli('validate', 'passport', 'X');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('用法');
  });
});
