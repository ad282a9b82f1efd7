import { describe, expect, it } from 'vitest';
import { checkDraft, noOtherDrafts } from '../../../electron/core/checks/check-draft';
import type { RuleResult } from '../../../electron/shared/checks';
import type { RuleDef } from '../../../electron/shared/region-template';
import { usccCheckChar } from '../../../electron/shared/validation';
import { buildDraft, buildTemplate, lead, member, rule, type DraftParts } from './builders';

/** The rules added for 「独立法人企业」, 「成员包括创新联合体所有成员单位负责人」 and 「近三年企业研发投入持续增长」. */

function evaluate(ruleDef: RuleDef, parts: DraftParts): RuleResult {
  const template = buildTemplate({}, [ruleDef]);
  return checkDraft(template, buildDraft(template, parts), noOtherDrafts).rules[0];
}

/** A valid code whose characters 1–2 are `category` (91 企业, 12 事业单位 …). */
function codeOf(category: string, serial: number): string {
  const first17 = `${category}650102${String(serial).padStart(9, '0')}`;
  return first17 + usccCheckChar(first17);
}

describe('leadOfType', () => {
  // Xinjiang 「自治区境内注册的具有独立法人资格的企业」; Guangxi, Inner Mongolia 「独立法人企业」.
  const enterprise = rule({ kind: 'leadOfType', unitTypes: ['企业'], usccCategories: ['91'], label: '独立法人企业' });

  it('passes an enterprise whose code starts with 91', () => {
    const result = evaluate(enterprise, { members: [lead('某某集团有限公司'), member('大学', { type: '高校' })] });
    expect(result.status).toBe('pass');
  });

  it('fails a university or an institute as lead, whatever else is right', () => {
    for (const type of ['高校', '科研院所', '其他机构']) {
      const result = evaluate(enterprise, { members: [lead('某某大学', { type, uscc: codeOf('12', 1) })] });
      expect(result.status, type).toBe('fail');
      expect(result.message).toContain(`单位类型为「${type}」`);
      expect(result.message).toContain('独立法人企业');
    }
  });

  it('fails a lead typed 企业 whose code says 事业单位 (12) or 个体工商户 (92)', () => {
    const university = evaluate(enterprise, { members: [lead('某某研究院', { uscc: codeOf('12', 2) })] });
    expect(university.status).toBe('fail');
    expect(university.message).toContain('以「12」开头，登记为事业单位');
    expect(evaluate(enterprise, { members: [lead('某某商行', { uscc: codeOf('92', 3) })] }).status).toBe('fail');
  });

  it('decides from the code while the type is not chosen, and is unknown with neither', () => {
    expect(evaluate(enterprise, { members: [lead('某某公司', { type: '', uscc: codeOf('91', 4) })] }).status).toBe('pass');
    expect(evaluate(enterprise, { members: [lead('某某大学', { type: '', uscc: codeOf('12', 5) })] }).status).toBe('fail');
    expect(evaluate(enterprise, { members: [lead('某某', { type: '', uscc: '' })] }).status).toBe('unknown');
    expect(evaluate(enterprise, {}).status).toBe('unknown');
  });
});

describe('councilIncludesMembers', () => {
  const everyone = rule({ kind: 'councilIncludesMembers' });
  const memberList = [lead('甲公司'), member('乙大学', { type: '高校' }), member('丙公司')];
  const seat = (name: string, unit: string, councilRole = '理事') => ({ name, unit, councilRole });

  it('passes when every member unit, the lead included, has its head on the council', () => {
    const result = evaluate(everyone, {
      members: memberList,
      council: [seat('张三', '甲公司', '理事长'), seat('李四', '乙大学'), seat('王五', '丙公司')],
    });
    expect(result.status).toBe('pass');
  });

  it('fails naming each member without a seat, the chair alone not being enough', () => {
    const template = buildTemplate({}, [everyone]);
    const report = checkDraft(
      template,
      buildDraft(template, { members: memberList, council: [seat('张三', '甲公司', '理事长')] }),
      noOtherDrafts,
    );
    expect(report.rules[0].status).toBe('fail');
    expect(report.rules[0].numbers.理事会中缺少的成员单位).toBe(2);
    const messages = report.findings.filter((finding) => finding.id.startsWith('rule:councilIncludesMembers')).map((f) => f.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('乙大学');
    expect(messages[1]).toContain('丙公司');
  });

  it('compares names across bracket widths and spaces, and is unknown without a council', () => {
    const result = evaluate(everyone, {
      members: [lead('新疆某某（集团）有限公司')],
      council: [seat('张三', '新疆某某(集团) 有限公司', '理事长')],
    });
    expect(result.status).toBe('pass');
    expect(evaluate(everyone, { members: memberList }).status).toBe('unknown');
  });
});

describe('rdGrowth', () => {
  const growth = rule({ kind: 'rdGrowth', fields: ['rdY1', 'rdY2', 'rdY3'] });
  const years = (y1: string, y2: string, y3: string) => ({ fields: { rdY1: y1, rdY2: y2, rdY3: y3 } });

  it('passes when each year is higher than the one before', () => {
    const result = evaluate(growth, years('21000', '24000', '28000'));
    expect(result.status).toBe('pass');
    expect(result.message).toContain('21000 → 24000 → 28000');
  });

  it('fails a flat year and a falling year, naming it', () => {
    const flat = evaluate(growth, years('100', '100', '120'));
    expect(flat.status).toBe('fail');
    expect(flat.message).toContain('与上一年持平');
    const falling = evaluate(growth, years('100', '120', '119.99'));
    expect(falling.status).toBe('fail');
    expect(falling.message).toContain('研发投入（第三年）」低于上一年');
  });

  it('passes the smallest growth and is unknown while a year is missing or not a number', () => {
    expect(evaluate(growth, years('100', '100.0001', '100.0002')).status).toBe('pass');
    expect(evaluate(growth, years('100', '', '120')).status).toBe('unknown');
    expect(evaluate(growth, years('100', '一百二十', '130')).status).toBe('unknown');
  });
});
