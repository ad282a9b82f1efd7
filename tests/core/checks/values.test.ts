import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDraft, noOtherDrafts } from '../../../electron/core/checks/check-draft';
import { parseProjectFile, projectDraftToDraft } from '../../../electron/core/project/project-file';
import { getRegionTemplate, resourcesDir } from '../../../electron/core/regions/templates';
import type { Draft } from '../../../electron/shared/draft';
import { usccCheckChar } from '../../../electron/shared/validation';
import { buildDraft, buildTemplate, lead, member, members, rule, uscc } from './builders';

/** Value checks against the national lists and the USCC, on the real templates where the form asks. */

function example(regionId: string): Draft {
  const project = parseProjectFile(readFileSync(join(resourcesDir(), 'examples', `${regionId}.json`), 'utf8'));
  let n = 0;
  return projectDraftToDraft(project.drafts[0], () => `row-${++n}`);
}

const neimenggu = getRegionTemplate('neimenggu');
const check = (template = neimenggu, draft: Draft) => checkDraft(template, draft, noOtherDrafts);

function withCategory(category: string, division: string, serial: number): string {
  const first17 = `${category}${division}${String(serial).padStart(9, '0')}`;
  return first17 + usccCheckChar(first17);
}

describe('national code lists', () => {
  it('names the example’s 行业类别 and 国标学科 from GB/T 4754-2017 and GB/T 13745-2009, form and platform table', () => {
    const report = check(neimenggu, example('neimenggu'));
    const field = (key: string) => report.codes.find((entry) => entry.where.kind === 'field' && entry.where.key === key);
    expect(field('industryCode')).toMatchObject({ kind: 'industry', code: '3232', name: '稀土金属冶炼' });
    expect(field('disciplineCode')).toMatchObject({ kind: 'discipline', code: '430', name: '材料科学' });
    const cells = report.codes.filter((entry) => entry.where.kind === 'cell');
    expect(cells.length).toBe(10);
    expect(cells.every((entry) => entry.name !== null)).toBe(true);
  });

  it('rejects a well-formed code that is not in the list, with the list named', () => {
    const draft = example('neimenggu');
    draft.fields.industryCode = '9999';
    draft.fields.disciplineCode = '1109999';
    draft.tables.platforms[0].values.industryCode = '０１９９'; // full-width, not a class of 019
    const findings = check(neimenggu, draft).findings.filter((finding) => finding.id.endsWith('code.notListed'));
    expect(findings.map((finding) => finding.message)).toEqual([
      '行业类别：代码「9999」不在 GB/T 4754-2017《国民经济行业分类》中，请从列表中选择',
      '国标学科：代码「1109999」不在 GB/T 13745-2009《学科分类与代码》中，请从列表中选择',
      expect.stringContaining('「行业类别」：代码「0199」不在 GB/T 4754-2017'),
    ]);
    expect(findings.every((finding) => finding.severity === 'error')).toBe(true);
  });

  it('accepts codes of every level, section letters included', () => {
    const draft = example('neimenggu');
    for (const code of ['C', '32', '323', '3232']) {
      draft.fields.industryCode = code;
      expect(check(neimenggu, draft).findings.filter((f) => f.target.kind === 'field' && f.target.key === 'industryCode'), code).toEqual([]);
    }
  });
});

describe('USCC', () => {
  it('treats a wrong check character as an error, like an ID check digit', () => {
    const template = buildTemplate();
    const good = uscc('650102', 7);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const report = check(template, buildDraft(template, { members: [lead('牵头', { uscc: bad })] }));
    const finding = report.findings.find((f) => f.id.endsWith(':uscc.checkChar'));
    expect(finding).toMatchObject({ severity: 'error', target: { kind: 'cell', column: 'uscc' } });
    expect(finding?.message).toContain(`应为 ${good[17]}`);
  });

  it('warns when characters 1–2 disagree with 单位类型', () => {
    const template = buildTemplate();
    const report = check(
      template,
      buildDraft(template, {
        members: [
          lead('牵头企业'),
          member('某某大学', { type: '高校', uscc: withCategory('91', '650102', 1) }),
          member('某某公司', { type: '企业', uscc: withCategory('12', '650102', 2) }),
          member('某某研究院', { type: '科研院所', uscc: withCategory('12', '650102', 3) }),
          member('民办学院', { type: '高校', uscc: withCategory('52', '650102', 4) }),
          member('某某基金会', { type: '其他机构', uscc: withCategory('53', '650102', 5) }),
        ],
      }),
    );
    const warnings = report.findings.filter((f) => f.id.endsWith(':uscc.category'));
    expect(warnings.map((f) => f.message)).toEqual([
      '成员单位第2行（某某大学）：单位类型为「高校」，但统一社会信用代码第1–2位「91」表示企业，请核对单位类型或代码',
      '成员单位第3行（某某公司）：单位类型为「企业」，但统一社会信用代码第1–2位「12」表示事业单位，请核对单位类型或代码',
    ]);
    expect(warnings.every((f) => f.severity === 'warning')).toBe(true);
  });
});

describe('whose field a message names', () => {
  it('says 法人代表身份证号 and 联系人身份证号, not 身份证号 twice', () => {
    const draft = example('neimenggu');
    draft.fields.legalRepIdCard = '';
    draft.fields.contactIdCard = '11010519491231002Y';
    const messages = check(neimenggu, draft).findings.map((f) => f.message);
    expect(messages).toContain('法人代表身份证号：此项为必填，请填写');
    expect(messages.some((m) => m.startsWith('联系人身份证号：'))).toBe(true);
    expect(messages.some((m) => m.startsWith('身份证号：'))).toBe(false);
  });

  it('gives every field of every region a label of its own', () => {
    for (const regionId of ['xinjiang', 'guangxi', 'chongqing', 'zhejiang', 'neimenggu']) {
      const labels = getRegionTemplate(regionId).fields.map((field) => field.fullLabel ?? field.label);
      expect(labels.filter((label, i) => labels.indexOf(label) !== i), regionId).toEqual([]);
    }
  });
});

describe('registration from the USCC and the typed 注册地', () => {
  const inXinjiang = rule({ kind: 'leadRegistered', regionCode: '65', placeName: '新疆维吾尔自治区' });
  const template = buildTemplate({}, [inXinjiang]);
  const leadRule = (options: Parameters<typeof lead>[1]) =>
    check(template, buildDraft(template, { members: [lead('牵头', options), ...members(3, 2).slice(1)] }));

  it('fails a lead whose code says Shenzhen although 注册地 names no province', () => {
    const report = leadRule({ division: '440305', place: '深圳市南山区' });
    expect(report.rules[0].status).toBe('fail');
    expect(report.rules[0].message).toBe('牵头单位注册地为 深圳市南山区（440305 广东省深圳市南山区），不在新疆维吾尔自治区');
    expect(report.eligible).toBe('fail');
  });

  it('lets a typed place that names a county refine the code, and one that names another place override it, with a warning', () => {
    expect(leadRule({ division: '650100', place: '乌鲁木齐市新市区' }).rules[0].numbers.牵头单位注册地).toContain('650104');
    const moved = leadRule({ division: '440305', place: '新疆乌鲁木齐市新市区' });
    expect(moved.rules[0].status).toBe('pass');
    const warning = moved.findings.find((f) => f.id.endsWith(':registration.conflict'));
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('注册地「新疆乌鲁木齐市新市区」（650104 新疆维吾尔自治区乌鲁木齐市新市区）');
    expect(warning?.message).toContain('440305（广东省深圳市南山区）');
  });

  it('keeps to the code when the typed place is ambiguous or unknown, and is undecided only without either', () => {
    expect(leadRule({ division: '650102', place: '南山区' }).rules[0].status).toBe('pass');
    expect(leadRule({ division: '440305', place: '科技园' }).rules[0].status).toBe('fail');
    const neither = leadRule({ uscc: '', place: '科技园' });
    expect(neither.rules[0].status).toBe('unknown');
    expect(neither.rules[0].message).toContain('无法从「科技园」判断');
  });
});

describe('undecided binding rules', () => {
  it('are warnings with status unknown, and undecided 原则上 rules are not listed', () => {
    const template = buildTemplate({}, [
      rule({ kind: 'leadHoldsPlatform', levels: ['国家级', '省级'] }, 'error', 'platform'),
      rule({ kind: 'fieldMin', field: 'leadRevenue', min: 50000 }, 'warning', 'revenue'),
    ]);
    const report = check(template, buildDraft(template, { members: [lead('牵头')] }));
    expect(report.eligible).toBe('unknown');
    const undecided = report.findings.filter((f) => f.status === 'unknown');
    expect(undecided.map((f) => f.id)).toEqual(['rule:platform:unknown']);
    expect(undecided[0].message).toContain('尚无法判断');
    expect(undecided[0].severity).toBe('warning');
    expect(report.findings.filter((f) => f.severity === 'error').length).toBe(report.errorCount);
  });
});

describe('more than 20 main members', () => {
  it('is an error the export refuses for the same reason', () => {
    const template = buildTemplate();
    const list = members(30, 20);
    for (let i = 1; i <= 20; i++) list[i].main = '是';
    const report = check(template, buildDraft(template, { members: list }));
    const finding = report.findings.find((f) => f.id === 'members:tooManyMain');
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toContain('共 21 家，超过申请表可列的 20 家');
    list[20].main = '否';
    expect(check(template, buildDraft(template, { members: list })).findings.some((f) => f.id === 'members:tooManyMain')).toBe(false);
  });
});
