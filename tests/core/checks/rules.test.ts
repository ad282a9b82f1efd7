import { describe, expect, it } from 'vitest';
import { checkDraft, noOtherDrafts } from '../../../electron/core/checks/check-draft';
import type { RuleResult } from '../../../electron/shared/checks';
import type { Values } from '../../../electron/shared/draft';
import type { RuleDef } from '../../../electron/shared/region-template';
import { buildDraft, buildTemplate, lead, member, members, rule, type DraftParts } from './builders';

/** The one rule's result for a draft checked against a template holding only that rule. */
function evaluate(ruleDef: RuleDef, parts: DraftParts): RuleResult {
  const template = buildTemplate({}, [ruleDef]);
  const report = checkDraft(template, buildDraft(template, parts), noOtherDrafts);
  return report.rules[0];
}

const statusOf = (ruleDef: RuleDef, parts: DraftParts) => evaluate(ruleDef, parts).status;

describe('minMembers', () => {
  // Guangxi: 「原则上不少于8个组成单位（含牵头单位）」.
  const guangxi = rule({ kind: 'minMembers', min: 8, includeLead: true });
  // Xinjiang: 「成员单位一般不少于5个」, the lead not counted.
  const xinjiang = rule({ kind: 'minMembers', min: 5, includeLead: false });

  it('counts the lead when includeLead is set: 7 fail, 8 pass', () => {
    expect(statusOf(guangxi, { members: members(7, 4) })).toBe('fail');
    const result = evaluate(guangxi, { members: members(8, 4) });
    expect(result.status).toBe('pass');
    expect(result.numbers).toEqual({ '成员单位数量（含牵头单位）': 8, 要求: '≥ 8' });
  });

  it('leaves the lead out otherwise: 5 rows fail, 6 pass', () => {
    const failing = evaluate(xinjiang, { members: members(5, 3) });
    expect(failing.status).toBe('fail');
    expect(failing.message).toContain('还需增加 1 家');
    expect(statusOf(xinjiang, { members: members(6, 3) })).toBe('pass');
  });

  it('is unknown without members', () => {
    expect(statusOf(guangxi, {})).toBe('unknown');
  });

  it('carries the clause and title', () => {
    expect(evaluate(guangxi, { members: members(8, 4) })).toMatchObject({
      ruleId: 'minMembers',
      title: '测试规则 minMembers',
      clause: '条款：minMembers',
      severity: 'error',
    });
  });
});

describe('minShareOfType', () => {
  const enterpriseShare = rule({ kind: 'minShareOfType', unitTypes: ['企业'], minPercent: 50 });

  it('passes at exactly 50% (4 of 8) and fails at 4 of 9', () => {
    const passing = evaluate(enterpriseShare, { members: members(8, 4) });
    expect(passing.status).toBe('pass');
    expect(passing.numbers).toEqual({ 企业数量: 4, 成员总数: 8, 比例: '50.0%', 要求: '≥ 50%' });
    const failing = evaluate(enterpriseShare, { members: members(9, 4) });
    expect(failing.status).toBe('fail');
    expect(failing.numbers.比例).toBe('44.4%');
    expect(failing.message).toContain('低于 50% 的要求');
  });

  it('fails at 49.96% although it would display as 50.0%', () => {
    // 1249 of 2500 = 49.96%: rounding for display must not decide the rule.
    const list: Values[] = members(2500, 1249);
    expect(statusOf(enterpriseShare, { members: list })).toBe('fail');
  });

  it('is unknown while a member without a type could tip the balance', () => {
    const list = members(8, 3);
    list[7].unitType = '';
    expect(statusOf(enterpriseShare, { members: list })).toBe('unknown');
    const decided = members(8, 4);
    decided[7].unitType = '';
    expect(statusOf(enterpriseShare, { members: decided })).toBe('pass');
  });

  it('counts several types together (高校 and 科研院所)', () => {
    const research = rule({ kind: 'minShareOfType', unitTypes: ['高校', '科研院所'], minPercent: 25 });
    const list = [lead(), member('企业A'), member('企业B'), member('研究院', { type: '科研院所' })];
    expect(evaluate(research, { members: list }).numbers['高校、科研院所数量']).toBe(1);
    expect(statusOf(research, { members: list })).toBe('pass');
  });
});

describe('minShareHighTech', () => {
  // 「企业比例不低于50%（其中高新技术企业不低于20%）」: of the enterprises.
  const highTech = rule({ kind: 'minShareHighTech', minPercent: 20 });

  it('passes at 1 of 5 enterprises and fails at 1 of 6', () => {
    const passing = evaluate(highTech, { members: members(10, 5, 1) });
    expect(passing.status).toBe('pass');
    expect(passing.numbers).toMatchObject({ 高新技术企业数量: 1, 企业数量: 5, 比例: '20.0%' });
    expect(passing.message).toContain('按企业数量计算');
    expect(statusOf(highTech, { members: members(10, 6, 1) })).toBe('fail');
  });

  it('does not count high-tech marks on universities', () => {
    const list = members(6, 6, 1);
    list.push(member('大学', { type: '高校', highTech: '是' }));
    expect(evaluate(highTech, { members: list }).numbers.高新技术企业数量).toBe(1);
    expect(statusOf(highTech, { members: list })).toBe('fail');
  });

  it('is unknown while an enterprise has not said whether it is high-tech', () => {
    const list = members(6, 6, 1);
    list[5].highTech = '';
    expect(statusOf(highTech, { members: list })).toBe('unknown');
  });

  it('fails when there are members but no enterprise', () => {
    const list = [member('大学', { type: '高校', tier: '牵头单位' }), member('研究院', { type: '科研院所' })];
    expect(statusOf(highTech, { members: list })).toBe('fail');
  });
});

describe('minShareRegistered', () => {
  // Guangxi: 「在广西区内注册的比例不低于30%」.
  const guangxi = buildTemplate({ id: 'guangxi', name: '广西壮族自治区', shortName: '广西', divisionPrefix: '45' }, [
    rule({ kind: 'minShareRegistered', regionCode: '45', minPercent: 30 }),
  ]);
  const registered = (inside: number, total: number, extra: Values[] = []) => {
    const list: Values[] = [];
    for (let i = 0; i < total; i++) {
      const division = i < inside ? '450102' : '110108';
      list.push(i === 0 ? lead('牵头', { division }) : member(`成员${i}`, { division }));
    }
    const draft = buildDraft(guangxi, { members: [...list, ...extra] });
    return checkDraft(guangxi, draft, noOtherDrafts).rules[0];
  };

  it('passes at 3 of 10 and fails at 2 of 7', () => {
    const passing = registered(3, 10);
    expect(passing.status).toBe('pass');
    expect(passing.numbers).toMatchObject({ 在广西注册的成员单位: 3, 成员总数: 10, 比例: '30.0%' });
    const failing = registered(2, 7);
    expect(failing.status).toBe('fail');
    expect(failing.numbers.比例).toBe('28.6%');
  });

  it('is unknown when places it cannot read could tip the balance', () => {
    const result = registered(2, 7, [member('未知', { uscc: '', place: '科技大道88号' })]);
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('另有 1 家既无可读出行政区划的统一社会信用代码，也未填写可识别的注册地');
  });
});

describe('minCountOfType', () => {
  // Chongqing: 「联动产业链上下游企业原则上不少于1家」, written as enterprises incl. the lead ≥ 2.
  const chain = rule({ kind: 'minCountOfType', unitTypes: ['企业'], min: 2, label: '企业（含牵头企业）' });

  it('counts the lead: the lead alone fails, lead plus one passes', () => {
    const alone = [lead(), member('大学', { type: '高校' })];
    expect(statusOf(chain, { members: alone })).toBe('fail');
    const result = evaluate(chain, { members: [...alone, member('配套企业')] });
    expect(result.status).toBe('pass');
    expect(result.numbers).toEqual({ '企业（含牵头企业）': 2, 要求: '≥ 2' });
  });

  it('is unknown while an untyped member could make up the number', () => {
    expect(statusOf(chain, { members: [lead(), member('未定', { type: '' })] })).toBe('unknown');
  });

  it('leaves the lead out when the rule says so (the lead is not its own upstream partner)', () => {
    const partners = rule({ kind: 'minCountOfType', unitTypes: ['企业'], min: 1, label: '上下游企业', excludeLead: true });
    expect(statusOf(partners, { members: [lead(), member('大学', { type: '高校' })] })).toBe('fail');
    const result = evaluate(partners, { members: [lead(), member('大学', { type: '高校' }), member('配套企业')] });
    expect(result.status).toBe('pass');
    expect(result.numbers).toEqual({ 上下游企业: 1, 要求: '≥ 1' });
  });
});

describe('leadRegistered', () => {
  const inXinjiang = rule({ kind: 'leadRegistered', regionCode: '65', placeName: '新疆维吾尔自治区' });

  it('reads the place from the USCC', () => {
    const result = evaluate(inXinjiang, { members: [lead('牵头', { division: '650102' })] });
    expect(result.status).toBe('pass');
    expect(result.numbers.牵头单位注册地).toMatch(/^650102（.*乌鲁木齐.*）$/);
    expect(statusOf(inXinjiang, { members: [lead('牵头', { division: '110108' })] })).toBe('fail');
  });

  it('prefers the typed place', () => {
    expect(statusOf(inXinjiang, { members: [lead('牵头', { division: '110108', place: '650104' })] })).toBe('pass');
    expect(statusOf(inXinjiang, { members: [lead('牵头', { division: '650102', place: '北京市' })] })).toBe('fail');
  });

  it('is unknown when the place cannot be read', () => {
    expect(statusOf(inXinjiang, { members: [lead('牵头', { uscc: '', place: '' })] })).toBe('unknown');
    expect(statusOf(inXinjiang, { members: [lead('牵头', { uscc: '', place: '高新区科技大道88号' })] })).toBe('unknown');
    // 南山区 is in Shenzhen and in Hegang: a county name alone names no place.
    expect(statusOf(inXinjiang, { members: [lead('牵头', { uscc: '', place: '南山区' })] })).toBe('unknown');
    expect(statusOf(inXinjiang, {})).toBe('unknown');
  });

  it('accepts the place name the rule gives', () => {
    expect(statusOf(inXinjiang, { members: [lead('牵头', { uscc: '', place: '新疆维吾尔自治区昌吉州' })] })).toBe('pass');
  });
});

describe('fieldMin', () => {
  // Xinjiang: 「原则上年营业收入达到5亿元以上」.
  const revenue = rule({ kind: 'fieldMin', field: 'leadRevenue', min: 50_000, unit: '万元' }, 'warning');

  it('passes at the threshold and fails just under it', () => {
    expect(statusOf(revenue, { fields: { leadRevenue: '50000' } })).toBe('pass');
    expect(statusOf(revenue, { fields: { leadRevenue: '49999.99' } })).toBe('fail');
    expect(evaluate(revenue, { fields: { leadRevenue: '1,234' } }).numbers).toEqual({
      牵头单位年营业收入: '1234万元',
      要求: '≥ 50000万元',
    });
  });

  it('converts 亿元 in the rule to the field’s 万元', () => {
    const inYi = rule({ kind: 'fieldMin', field: 'leadRevenue', min: 5, unit: '亿元' });
    expect(statusOf(inYi, { fields: { leadRevenue: '50000' } })).toBe('pass');
    const failing = evaluate(inYi, { fields: { leadRevenue: '49999' } });
    expect(failing.status).toBe('fail');
    expect(failing.message).toContain('≥ 5亿元（50000万元）');
  });

  it('converts a field in 亿元 to a rule in 万元', () => {
    const inWan = rule({ kind: 'fieldMin', field: 'leadRevenueYi', min: 100_000, unit: '万元' });
    expect(statusOf(inWan, { fields: { leadRevenueYi: '10' } })).toBe('pass');
    expect(statusOf(inWan, { fields: { leadRevenueYi: '9.9999' } })).toBe('fail');
  });

  it('compares counts as they are (专职研发人员 ≥ 30人)', () => {
    const staff = rule({ kind: 'fieldMin', field: 'leadRdStaff', min: 30, unit: '人' });
    expect(statusOf(staff, { fields: { leadRdStaff: '30' } })).toBe('pass');
    expect(statusOf(staff, { fields: { leadRdStaff: '29' } })).toBe('fail');
  });

  it('is unknown while the value is empty or not a number', () => {
    expect(statusOf(revenue, {})).toBe('unknown');
    expect(statusOf(revenue, { fields: { leadRevenue: '五亿' } })).toBe('unknown');
  });
});

describe('fieldTrue and fieldFilled', () => {
  const inLiangjiang = rule({ kind: 'fieldTrue', field: 'inLiangjiang' });
  const buildMode = rule({ kind: 'fieldFilled', field: 'buildMode' });

  it('fieldTrue: 是 passes, 否 fails, empty is unknown', () => {
    expect(statusOf(inLiangjiang, { fields: { inLiangjiang: '是' } })).toBe('pass');
    expect(statusOf(inLiangjiang, { fields: { inLiangjiang: '否' } })).toBe('fail');
    expect(statusOf(inLiangjiang, {})).toBe('unknown');
  });

  it('fieldFilled: empty fails, anything typed passes', () => {
    expect(statusOf(buildMode, { fields: { buildMode: '  ' } })).toBe('fail');
    expect(statusOf(buildMode, { fields: { buildMode: '研发任务驱动类' } })).toBe('pass');
  });
});

describe('rdSpending', () => {
  // Guangxi: 「近三个会计年度…研究开发费用总额不低于3000万元或占同期销售收入总额的比例原则上不低于3%」.
  const rd = rule({
    kind: 'rdSpending',
    spendingFields: ['rdY1', 'rdY2', 'rdY3'],
    revenueFields: ['salesY1', 'salesY2', 'salesY3'],
    minTotal: 3000,
    minPercent: 3,
  });
  const spending = (y1: string, y2: string, y3: string) => ({ rdY1: y1, rdY2: y2, rdY3: y3 });
  const sales = (y1: string, y2: string, y3: string) => ({ salesY1: y1, salesY2: y2, salesY3: y3 });

  it('passes on the total at 3000 万元 without revenue', () => {
    const result = evaluate(rd, { fields: spending('1000', '1000', '1000') });
    expect(result.status).toBe('pass');
    expect(result.numbers).toEqual({ 近三年研发投入合计: '3000 万元', 要求: '≥ 3000 万元 或 ≥ 3%' });
  });

  it('decides on a partial sum already over the total', () => {
    expect(statusOf(rd, { fields: spending('3000', '', '') })).toBe('pass');
  });

  it('at 2999 万元 falls back to the share: 3% passes, 2.9% fails', () => {
    // 2999 of 99,900 ≈ 3.002%; 2999 of 103,413 ≈ 2.900%.
    expect(statusOf(rd, { fields: { ...spending('999', '1000', '1000'), ...sales('33300', '33300', '33300') } })).toBe(
      'pass',
    );
    const failing = evaluate(rd, { fields: { ...spending('999', '1000', '1000'), ...sales('34471', '34471', '34471') } });
    expect(failing.status).toBe('fail');
    expect(failing.numbers.研发投入占比).toBe('2.90%');
    expect(failing.message).toContain('两项条件均未达到');
  });

  it('passes at exactly 3% and fails just under', () => {
    // 2400 of 80,000 = 3% exactly.
    expect(statusOf(rd, { fields: { ...spending('800', '800', '800'), ...sales('20000', '30000', '30000') } })).toBe('pass');
    expect(
      statusOf(rd, { fields: { ...spending('800', '800', '799.99'), ...sales('20000', '30000', '30000') } }),
    ).toBe('fail');
  });

  it('is unknown while spending or revenue is missing', () => {
    expect(statusOf(rd, { fields: spending('1000', '1000', '') })).toBe('unknown');
    expect(statusOf(rd, { fields: { ...spending('1000', '1000', '999'), ...sales('1', '', '1') } })).toBe('unknown');
  });

  it('fails on zero revenue when the total is short', () => {
    expect(statusOf(rd, { fields: { ...spending('1', '1', '1'), ...sales('0', '0', '0') } })).toBe('fail');
  });
});

describe('leadHoldsPlatform', () => {
  const platform = rule({ kind: 'leadHoldsPlatform', levels: ['国家级', '省级'] });
  const leadRow = lead('新疆某某（集团）有限公司');

  it('passes when a platform of the level is hosted by the lead, names compared loosely', () => {
    const result = evaluate(platform, {
      members: [leadRow],
      platforms: [{ name: '重点实验室', level: '省级', hostUnit: '新疆某某(集团)有限公司 ' }],
    });
    expect(result.status).toBe('pass');
    expect(result.message).toContain('重点实验室');
  });

  it('fails when the lead hosts none, or none of the level', () => {
    expect(
      statusOf(platform, { members: [leadRow], platforms: [{ name: 'P', level: '国家级', hostUnit: '新疆大学' }] }),
    ).toBe('fail');
    expect(
      statusOf(platform, { members: [leadRow], platforms: [{ name: 'P', level: '市级', hostUnit: '新疆某某（集团）有限公司' }] }),
    ).toBe('fail');
  });

  it('is unknown without platforms or without a lead name', () => {
    expect(statusOf(platform, { members: [leadRow] })).toBe('unknown');
    expect(statusOf(platform, { platforms: [{ name: 'P', level: '国家级', hostUnit: 'x' }] })).toBe('unknown');
  });

  it('falls back to the 联合体牵头单位 field for the lead’s name', () => {
    expect(
      statusOf(platform, {
        fields: { leadUnit: '甲公司' },
        platforms: [{ name: 'P', level: '国家级', hostUnit: '甲公司' }],
      }),
    ).toBe('pass');
  });
});

describe('councilChairedByLead', () => {
  // Zhejiang: 「理事长由牵头单位负责人担任」.
  const chair = rule({ kind: 'councilChairedByLead' });
  const leadRow = lead('浙江某某科技股份有限公司');

  it('passes when the 理事长 comes from the lead', () => {
    const council = [
      { name: '张三', unit: '浙江某某科技股份有限公司', councilRole: '理事长' },
      { name: '李四', unit: '浙江大学', councilRole: '理事' },
    ];
    expect(statusOf(chair, { members: [leadRow], council })).toBe('pass');
  });

  it('fails when the 理事长 is from another unit, pointing at the row', () => {
    const template = buildTemplate({}, [chair]);
    const draft = buildDraft(template, {
      members: [leadRow],
      council: [{ name: '李四', unit: '浙江大学', councilRole: '理事长' }],
    });
    const report = checkDraft(template, draft, noOtherDrafts);
    expect(report.rules[0].status).toBe('fail');
    const finding = report.findings.find((f) => f.id.startsWith('rule:councilChairedByLead'));
    expect(finding).toMatchObject({
      target: { kind: 'cell', table: 'council', rowId: draft.tables.council[0].id, column: 'unit' },
      step: 'members',
      clause: '条款：councilChairedByLead',
    });
  });

  it('fails without a 理事长 and is unknown without a council', () => {
    expect(statusOf(chair, { members: [leadRow], council: [{ name: '李四', unit: '浙江大学', councilRole: '理事' }] })).toBe(
      'fail',
    );
    expect(statusOf(chair, { members: [leadRow] })).toBe('unknown');
  });
});

describe('firstMemberIsLead', () => {
  const first = rule({ kind: 'firstMemberIsLead' });

  it('passes with the lead in row 1 and nowhere else', () => {
    expect(statusOf(first, { members: [lead(), member('甲')] })).toBe('pass');
  });

  it('fails with the lead further down, or two leads, or none', () => {
    expect(statusOf(first, { members: [member('甲'), lead()] })).toBe('fail');
    expect(statusOf(first, { members: [lead('甲'), lead('乙')] })).toBe('fail');
    const none = evaluate(first, { members: [member('甲'), member('乙')] });
    expect(none.status).toBe('fail');
    expect(none.message).toContain('没有层级为「牵头单位」');
  });

  it('skips blank rows at the top', () => {
    expect(statusOf(first, { members: [{ name: '' }, lead(), member('甲')] })).toBe('pass');
  });
});

describe('uniqueUscc', () => {
  const unique = rule({ kind: 'uniqueUscc' });

  it('reports each duplicate by row', () => {
    const template = buildTemplate({}, [unique]);
    const a = lead('甲');
    const draft = buildDraft(template, {
      members: [a, member('乙'), { ...member('甲（重复）'), uscc: ` ${a.uscc.toLowerCase()} ` }, { ...member('甲（再次）'), uscc: a.uscc }],
    });
    const report = checkDraft(template, draft, noOtherDrafts);
    expect(report.rules[0].status).toBe('fail');
    const findings = report.findings.filter((f) => f.id.startsWith('rule:uniqueUscc'));
    expect(findings).toHaveLength(2);
    expect(findings[0].message).toContain('第3行（甲（重复））与第1行（甲）的统一社会信用代码相同');
    expect(findings[1].target).toEqual({ kind: 'cell', table: 'members', rowId: draft.tables.members[3].id, column: 'uscc' });
  });

  it('passes with distinct codes and ignores empty ones', () => {
    expect(statusOf(unique, { members: [lead(), member('甲', { uscc: '' }), member('乙', { uscc: '' })] })).toBe('pass');
  });
});

describe('membersHaveTierAndType', () => {
  const tierAndType = rule({ kind: 'membersHaveTierAndType' });

  it('fails for a missing or foreign tier or type', () => {
    expect(statusOf(tierAndType, { members: [lead(), member('甲', { tier: '' })] })).toBe('fail');
    expect(statusOf(tierAndType, { members: [lead(), member('甲', { tier: '合作单位' })] })).toBe('fail');
    expect(statusOf(tierAndType, { members: [lead(), member('甲', { type: '公司' })] })).toBe('fail');
    expect(statusOf(tierAndType, { members: [lead(), member('甲')] })).toBe('pass');
  });
});
