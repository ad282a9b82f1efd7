import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegionTemplates } from '../../electron/core/regions/templates';
import { makeTempDir } from '../helpers/temp-dir';

const root = resolve(__dirname, '../..');
const temp = makeTempDir();
afterAll(() => temp.cleanup());

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('cli check', () => {
  it.each(loadRegionTemplates().map((template) => template.id))('passes the %s example project with exit code 0', (regionId) => {
    const result = cli('check', `resources/examples/${regionId}.json`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.drafts[0].report.eligible).toBe('pass');
    expect(output.drafts[0].report.rules.length).toBeGreaterThan(3);
  });

  it('fails a project that breaks a rule, quoting the clause, with exit code 1', () => {
    const project = JSON.parse(readFileSync(join(root, 'resources/examples/xinjiang.json'), 'utf8'));
    // Make every member but the lead a university: enterprises fall under 50%.
    for (const member of project.drafts[0].tables.members.slice(1)) member.unitType = '高校';
    const file = join(temp.dir, 'broken.json');
    writeFileSync(file, JSON.stringify(project));
    const result = cli('check', file);
    expect(result.code).toBe(1);
    const rules = JSON.parse(result.stdout).drafts[0].report.rules as Array<{ status: string; clause: string }>;
    expect(rules.find((rule) => rule.status === 'fail')?.clause).toContain('企业比例不低于50%');
    const text = cli('check', file, '--text');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('不符合');
    expect(text.stdout).toMatch(/✗ .*企业/);
  });

  it('explains an unreadable project file with exit code 2', () => {
    const file = join(temp.dir, 'bad.json');
    writeFileSync(file, '{"format": "lianheti-project", "schemaVersion": 99');
    const result = cli('check', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/项目文件/);
  });
});
