import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProjectFile, parseProjectFile, stringifyProjectFile } from '../../../electron/core/project/project-file';
import { getRegionTemplate } from '../../../electron/core/regions/templates';
import { makeTempDir } from '../../helpers/temp-dir';
import { makeDraft, makeUscc, usccWithX } from './fixtures';

/** The workbook commands run as a user runs them: the real CLI entry through tsx. */

const root = resolve(__dirname, '../../..');
const temp = makeTempDir('lianheti-wb-cli-');
afterAll(() => temp.cleanup());

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  let json: Record<string, unknown> | null = null;
  try {
    json = run.stdout.trim() ? (JSON.parse(run.stdout) as Record<string, unknown>) : null;
  } catch {
    json = null;
  }
  return { code: run.status, json, stdout: run.stdout, stderr: run.stderr };
}

async function sheetNames(file: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
  return workbook.worksheets.filter((sheet) => sheet.state !== 'hidden').map((sheet) => sheet.name);
}

describe('cli template', () => {
  it('writes a region’s blank template and says where', async () => {
    const out = join(temp.dir, '内蒙古模板.xlsx');
    const result = cli('template', 'neimenggu', '--out', out);
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({ file: out, region: 'neimenggu', table: 'all' });
    expect(await sheetNames(out)).toEqual(['成员单位', '科研团队', '科研平台', '填写说明']);
  });

  it('explains its usage for an unknown region', () => {
    const unknown = cli('template', 'atlantis', '--out', join(temp.dir, 'x.xlsx'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('xinjiang');
    expect(unknown.stderr).toContain('用法');
  });
});

describe('cli collect and absorb', () => {
  const template = getRegionTemplate('xinjiang');
  const draft = makeDraft(template, {
    members: [
      { name: '新疆天衡能源化工集团有限公司', uscc: usccWithX, unitType: '企业', tier: '牵头单位', highTech: '是' },
      { name: '新疆天山工业大学', uscc: makeUscc(51), unitType: '高校', tier: '核心层单位', highTech: '否', contactName: '汤建国' },
    ],
    team: [{ name: '马志远', age: '56', postTitle: '院长/教授', major: '化学工程', workUnit: '新疆天山工业大学' }],
  });
  const project = join(temp.dir, 'project.lhtproj.json');
  writeFileSync(project, stringifyProjectFile(makeProjectFile([draft], 'test')));
  const outDir = join(temp.dir, '采集表');

  it('writes one collection workbook per member', async () => {
    const result = cli('collect', project, '--out', outDir);
    expect(result.code).toBe(0);
    const files = (result.json?.files ?? []) as Array<{ path: string; memberName: string }>;
    expect(files.map((file) => file.memberName)).toEqual(['新疆天衡能源化工集团有限公司', '新疆天山工业大学']);
    expect(await sheetNames(files[1].path)).toEqual(['填写说明', '本单位信息', '科研团队', '科研平台']);
  });

  it('prints what returned files would change, and writes the project file only with --write', async () => {
    const file = join(outDir, '信息采集表-02-新疆天山工业大学.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
    (workbook.getWorksheet('本单位信息') as ExcelJS.Worksheet).eachRow((row) => {
      if (row.getCell(1).value === '联系电话') row.getCell(2).value = '0991-4567890';
      if (row.getCell(1).value === '联系人') row.getCell(2).value = '夏红梅';
    });
    (workbook.getWorksheet('科研团队') as ExcelJS.Worksheet).getRow(3).values = [2, '吴海峰', 50, '副院长/教授', '催化'];
    const returned = join(temp.dir, '返回-天山工业大学.xlsx');
    writeFileSync(returned, Buffer.from(await workbook.xlsx.writeBuffer()));
    const original = readFileSync(project, 'utf8');

    // A file that cannot be used is reported (exit code 1) without stopping the others.
    const junk = join(temp.dir, '不是表格.xlsx');
    writeFileSync(junk, 'hello');
    const dry = cli('absorb', project, returned, junk);
    expect(dry.code).toBe(1);
    const [preview, unusable] = dry.json?.files as Array<Record<string, unknown>>;
    expect(preview).toMatchObject({ status: 'matched', memberName: '新疆天山工业大学' });
    expect(preview.member).toEqual([
      expect.objectContaining({ key: 'contactName', kind: 'conflict', current: '汤建国', incoming: '夏红梅' }),
      expect.objectContaining({ key: 'contactPhone', kind: 'fill', incoming: '0991-4567890' }),
    ]);
    expect(unusable).toMatchObject({ status: 'error' });
    expect(String(unusable.message)).toContain('不是 Excel 工作簿');
    expect(dry.json?.conflictCount).toBe(1);
    expect(readFileSync(project, 'utf8')).toBe(original);

    const written = cli('absorb', project, returned, '--write');
    expect(written.code).toBe(0);
    expect(written.json?.written).toMatchObject({ file: project, summary: { fieldsWritten: 1, conflictsKept: 1, teamAdded: 1 } });
    const [saved] = parseProjectFile(readFileSync(project, 'utf8')).drafts;
    expect(saved.id).toBe(draft.id);
    expect(saved.tables.members[1]).toMatchObject({ contactName: '汤建国', contactPhone: '0991-4567890' });
    expect(saved.tables.team.map((row) => row.name)).toEqual(['马志远', '吴海峰']);
    expect(saved.tables.team[1].workUnit).toBe('新疆天山工业大学');

    const taken = cli('absorb', project, returned, '--write', '--take-incoming');
    expect(taken.code).toBe(0);
    expect(parseProjectFile(readFileSync(project, 'utf8')).drafts[0].tables.members[1].contactName).toBe('夏红梅');
  });
});
