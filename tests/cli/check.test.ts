import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegionTemplates } from '../../electron/core/regions/templates';
import { usccCheckChar } from '../../electron/shared/validation';
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

  const xinjiang = () => JSON.parse(readFileSync(join(root, 'resources/examples/xinjiang.json'), 'utf8'));
  const write = (name: string, project: unknown) => {
    const file = join(temp.dir, name);
    writeFileSync(file, JSON.stringify(project));
    return file;
  };

  it('checks a general-region draft against the thresholds its project file carries', () => {
    const project = JSON.parse(readFileSync(join(root, 'resources/examples/general.json'), 'utf8'));
    const members = project.drafts[0].tables.members.length;
    project.drafts[0].regionSettings.rules.minMembers = { enabled: true, values: { min: members + 1 }, required: true };
    const result = cli('check', write('general-strict.json', project), '--text');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`成员单位不少于${members + 1}家（含牵头单位）`);
  });

  it('fails a project that breaks a binding rule, quoting the clause, with exit code 1', () => {
    const project = xinjiang();
    // A university cannot lead: 「自治区境内注册的具有独立法人资格的企业」.
    project.drafts[0].tables.members[0].unitType = '高校';
    const file = write('broken.json', project);
    const result = cli('check', file);
    expect(result.code).toBe(1);
    const rules = JSON.parse(result.stdout).drafts[0].report.rules as Array<{ ruleId: string; status: string; clause: string }>;
    expect(rules.find((rule) => rule.status === 'fail')).toMatchObject({ ruleId: 'leadOfType', clause: '具有独立法人资格的企业' });
    const text = cli('check', file, '--text');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('不符合');
    expect(text.stdout).toMatch(/✗ .*具有独立法人资格的企业/);
  });

  it('fails a lead registered in Shenzhen by its USCC although 注册地 names no province', () => {
    const project = xinjiang();
    const lead = project.drafts[0].tables.members[0];
    const first17 = `91440305${lead.uscc.slice(8, 17)}`;
    lead.uscc = first17 + usccCheckChar(first17);
    lead.registrationPlace = '深圳市南山区';
    const result = cli('check', write('shenzhen.json', project));
    expect(result.code).toBe(1);
    const rule = (JSON.parse(result.stdout).drafts[0].report.rules as Array<{ ruleId: string; status: string; message: string }>).find(
      (candidate) => candidate.ruleId === 'leadRegistered',
    );
    expect(rule?.status).toBe('fail');
    expect(rule?.message).toContain('深圳市南山区（440305 广东省深圳市南山区）');
  });

  it('exits 3 when a binding rule cannot be decided, and lists it in findings', () => {
    const project = xinjiang();
    // Without platforms 「建有自治区及以上…科技创新平台」 cannot be decided; nothing else is wrong.
    project.drafts[0].tables.platforms = [];
    for (const key of ['nationalPlatformCount', 'provincialPlatformCount']) delete project.drafts[0].fields[key];
    const result = cli('check', write('undecided.json', project));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout).drafts[0].report;
    expect(report.eligible).toBe('unknown');
    expect(report.errorCount).toBe(0);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ id: 'rule:leadPlatform:unknown', status: 'unknown', severity: 'warning' }),
    );
  });

  it('documents the exit codes in --help', () => {
    const result = cli('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 全部符合申报条件且无错误');
    expect(result.stdout).toContain('3 无错误，但有申报条件因信息不足尚无法判断');
  });

  it('explains an unreadable project file with exit code 2', () => {
    const file = join(temp.dir, 'bad.json');
    writeFileSync(file, '{"format": "lianheti-project", "schemaVersion": 99');
    const result = cli('check', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/项目文件/);
  });
});
