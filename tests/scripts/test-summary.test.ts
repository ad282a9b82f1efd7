import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir';

/** The closing line of `npm test`, and its verdict: a skipped test fails the run as a failed one does. */
const script = resolve(__dirname, '../../scripts/test-summary.mjs');
const temp = makeTempDir('lianheti-summary-');
afterAll(() => temp.cleanup());

function summarize(tests: { name: string; status: 'passed' | 'failed' | 'pending' | 'skipped' | 'todo' }[]) {
  const count = (...statuses: string[]) => tests.filter((test) => statuses.includes(test.status)).length;
  const report = {
    numTotalTests: tests.length,
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numPendingTests: count('pending', 'skipped'),
    numTodoTests: count('todo'),
    testResults: [{ name: '/repo/tests/x.test.ts', assertionResults: tests.map((test) => ({ fullName: test.name, status: test.status })) }],
  };
  const file = join(temp.dir, `report-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(report));
  return spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
}

describe('the test summary', () => {
  it('passes a run where everything passed, with the one closing line', () => {
    const run = summarize([{ name: 'a', status: 'passed' }, { name: 'b', status: 'passed' }]);
    expect(run.stdout).toBe('2 passed, 0 failed, 0 skipped\n');
    expect(run.status).toBe(0);
  });

  it('fails a run in which a test was skipped, naming it', () => {
    const run = summarize([{ name: 'a', status: 'passed' }, { name: 'reads back with LibreOffice', status: 'skipped' }]);
    expect(run.stdout).toBe('1 passed, 0 failed, 1 skipped\n');
    expect(run.stderr).toContain('reads back with LibreOffice');
    expect(run.status).toBe(1);
    expect(summarize([{ name: 'later', status: 'todo' }]).status).toBe(1);
  });

  it('fails a run with a failure, or with no tests at all', () => {
    expect(summarize([{ name: 'a', status: 'failed' }]).status).toBe(1);
    expect(summarize([]).status).toBe(1);
  });
});
