import { describe, expect, it } from 'vitest';
import { checkDraft, noOtherDrafts, printedMembers } from '../../../electron/core/checks/check-draft';
import { stepIds } from '../../../electron/shared/region-template';
import { buildDraft, buildTemplate, lead, member, members, rule } from './builders';

const template = buildTemplate();

describe('checkDraft: values', () => {
  it('reports required fields and cells with their targets and steps', () => {
    const draft = buildDraft(template, { members: [{ name: '甲公司' }] });
    const report = checkDraft(template, draft, noOtherDrafts);
    const nameFinding = report.findings.find((f) => f.id === 'field:consortiumName:required');
    expect(nameFinding).toMatchObject({
      step: 'basic',
      target: { kind: 'field', key: 'consortiumName' },
      severity: 'error',
      message: '联合体名称：此项为必填，请填写',
    });
    const rowId = draft.tables.members[0].id;
    expect(report.findings.find((f) => f.id === `cell:members:${rowId}:uscc:required`)).toMatchObject({
      step: 'members',
      target: { kind: 'cell', table: 'members', rowId, column: 'uscc' },
      message: '成员单位第1行「统一社会信用代码」：此项为必填，请填写',
    });
  });

  it('does not require a derived field: it is computed when left empty', () => {
    const report = checkDraft(template, buildDraft(template), noOtherDrafts);
    expect(report.findings.some((f) => f.id.startsWith('field:memberCount'))).toBe(false);
  });

  it('checks types and the 500-字 limit the way Word counts', () => {
    const atLimit = buildDraft(template, { fields: { goals: '字'.repeat(500), contactPhone: '0991-1234567' } });
    expect(checkDraft(template, atLimit, noOtherDrafts).findings.some((f) => f.id.startsWith('field:goals'))).toBe(false);
    const over = buildDraft(template, { fields: { goals: '字'.repeat(501), leadRevenue: '5亿' } });
    const findings = checkDraft(template, over, noOtherDrafts).findings;
    expect(findings.find((f) => f.id === 'field:goals:text.maxChars')?.message).toBe(
      '技术创新目标（限500字）：已 501 字，超出限制 500 字',
    );
    expect(findings.find((f) => f.id.startsWith('field:leadRevenue'))?.severity).toBe('error');
  });

  it('orders findings by the walk’s steps', () => {
    const draft = buildDraft(template, { members: [{ name: '甲' }] });
    const steps = checkDraft(template, draft, noOtherDrafts).findings.map((f) => stepIds.indexOf(f.step));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  });

  it('flags typed counts that disagree with the member table', () => {
    const draft = buildDraft(template, { fields: { memberCount: '9' }, members: members(8, 4) });
    const report = checkDraft(template, draft, noOtherDrafts);
    expect(report.derived.memberCount).toBe(8);
    expect(report.findings.find((f) => f.id === 'derived:memberCount')?.message).toContain('已按成员单位表计算为 8，与填写的 9 不一致');
  });

  it('warns when 联合体牵头单位 and the member table name different leads', () => {
    const draft = buildDraft(template, { fields: { leadUnit: '甲（集团）公司' }, members: [lead('乙公司')] });
    expect(checkDraft(template, draft, noOtherDrafts).findings.find((f) => f.id === 'leadUnit:mismatch')).toMatchObject({
      severity: 'warning',
      target: { kind: 'field', key: 'leadUnit' },
    });
    const same = buildDraft(template, { fields: { leadUnit: '甲(集团)公司' }, members: [lead('甲（集团）公司')] });
    expect(checkDraft(template, same, noOtherDrafts).findings.some((f) => f.id === 'leadUnit:mismatch')).toBe(false);
  });
});

describe('checkDraft: the form’s 20 members', () => {
  const findingIds = (list: ReturnType<typeof members>) =>
    checkDraft(template, buildDraft(template, { members: list }), noOtherDrafts)
      .findings.map((f) => f.id)
      .filter((id) => id.startsWith('members:'));

  it('says nothing at 20 members', () => {
    expect(findingIds(members(20, 12))).toEqual([]);
  });

  it('warns at 21 members when none is marked main', () => {
    const report = checkDraft(template, buildDraft(template, { members: members(21, 12) }), noOtherDrafts);
    const finding = report.findings.find((f) => f.id === 'members:noMainMarked');
    expect(finding).toMatchObject({ severity: 'warning', target: { kind: 'table', table: 'members' }, step: 'members' });
    expect(finding?.message).toContain('目前将打印前 20 家');
    expect(finding?.message).toContain('请在成员单位表中标记主要成员单位');
  });

  it('accepts 19 main members plus the lead out of 24', () => {
    const list = members(24, 12);
    for (let i = 1; i <= 19; i++) list[i].main = '是';
    expect(findingIds(list)).toEqual([]);
    expect(printedMembers(template, buildDraft(template, { members: list }))).toHaveLength(20);
  });

  it('is an error when 20 members besides the lead are marked main', () => {
    const list = members(24, 12);
    for (let i = 1; i <= 20; i++) list[i].main = '是';
    const report = checkDraft(template, buildDraft(template, { members: list }), noOtherDrafts);
    const finding = report.findings.find((f) => f.id === 'members:tooManyMain');
    expect(finding).toMatchObject({ severity: 'error', numbers: { 主要成员单位: 20, 含牵头单位: 21, 上限: 20 } });
  });

  it('does not count the lead twice when it is marked main too', () => {
    const list = members(24, 12);
    for (let i = 0; i <= 19; i++) list[i].main = '是';
    expect(findingIds(list)).toEqual([]);
  });
});

describe('checkDraft: completeness', () => {
  it('is low for an empty draft and 100 when everything required is filled', () => {
    const empty = checkDraft(template, buildDraft(template), noOtherDrafts);
    expect(empty.completeness).toBe(0);

    const full = buildDraft(template, {
      fields: { consortiumName: '新疆某创新联合体', leadUnit: '牵头企业', goals: '目标' },
      members: [lead('牵头企业')],
      platforms: [{ name: 'P', level: '国家级', hostUnit: '牵头企业' }],
      council: [{ name: '张三', unit: '牵头企业', councilRole: '理事长' }],
      team: [{ name: '李四' }],
    });
    expect(checkDraft(template, full, noOtherDrafts).completeness).toBe(100);
  });

  it('counts required cells of existing rows', () => {
    // Items: 3 required fields, 4 tables that must have a row, and the required cells of each row
    // (members 4, platforms 3, council 3, team 1) → 18.
    const partial = buildDraft(template, {
      fields: { consortiumName: '名称', leadUnit: '甲', goals: '目标' },
      members: [{ name: '甲' }],
      platforms: [{ name: 'P' }],
      council: [{ name: '张三' }],
      team: [{ name: '李四' }],
    });
    // Filled: 3 fields + 4 tables + members.name + platforms.name + council.name + team.name = 11 of 18.
    expect(checkDraft(template, partial, noOtherDrafts).completeness).toBe(Math.round((11 / 18) * 100));
  });
});

describe('checkDraft: eligibility', () => {
  const binding = rule({ kind: 'minMembers', min: 3, includeLead: true }, 'error', 'binding');
  const inPrinciple = rule({ kind: 'fieldMin', field: 'leadRevenue', min: 50_000 }, 'warning', 'inPrinciple');
  const withRules = buildTemplate({}, [binding, inPrinciple]);

  it('passes when binding rules pass, even if a 原则上 rule fails (as a warning)', () => {
    const draft = buildDraft(withRules, { members: members(3, 2), fields: { leadRevenue: '100' } });
    const report = checkDraft(withRules, draft, noOtherDrafts);
    expect(report.eligible).toBe('pass');
    const finding = report.findings.find((f) => f.id === 'rule:inPrinciple');
    expect(finding).toMatchObject({
      severity: 'warning',
      status: 'fail',
      clause: '条款：inPrinciple',
      target: { kind: 'field', key: 'leadRevenue' },
    });
    expect(report.warningCount).toBeGreaterThan(0);
  });

  it('fails when a binding rule fails, and is unknown while one cannot be decided', () => {
    const failing = checkDraft(withRules, buildDraft(withRules, { members: members(2, 2) }), noOtherDrafts);
    expect(failing.eligible).toBe('fail');
    expect(failing.findings.find((f) => f.id === 'rule:binding')).toMatchObject({
      severity: 'error',
      target: { kind: 'table', table: 'members' },
      numbers: { '成员单位数量（含牵头单位）': 2, 要求: '≥ 3' },
    });
    expect(checkDraft(withRules, buildDraft(withRules), noOtherDrafts).eligible).toBe('unknown');
  });

  it('is pass for a template without rules, and lists every rule in order', () => {
    expect(checkDraft(template, buildDraft(template), noOtherDrafts).eligible).toBe('pass');
    const report = checkDraft(withRules, buildDraft(withRules), noOtherDrafts);
    expect(report.rules.map((r) => r.ruleId)).toEqual(['binding', 'inPrinciple']);
  });

  it('counts errors and warnings from the findings', () => {
    const report = checkDraft(withRules, buildDraft(withRules, { members: [member('甲')] }), noOtherDrafts);
    expect(report.errorCount).toBe(report.findings.filter((f) => f.severity === 'error').length);
    expect(report.warningCount).toBe(report.findings.filter((f) => f.severity === 'warning').length);
  });

  it('gives unique finding ids', () => {
    const draft = buildDraft(withRules, { members: [member('甲', { uscc: 'bad' }), member('乙', { uscc: 'bad' })] });
    const ids = checkDraft(withRules, draft, noOtherDrafts).findings.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
