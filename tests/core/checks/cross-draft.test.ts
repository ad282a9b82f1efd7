import { describe, expect, it } from 'vitest';
import { checkDraft, type CheckContext } from '../../../electron/core/checks/check-draft';
import { leadRowOf } from '../../../electron/shared/derive';
import type { Draft } from '../../../electron/shared/draft';
import { normalizeUscc } from '../../../electron/shared/validation';
import { buildDraft, buildTemplate, lead, member, rule, uscc } from './builders';

/**
 * The store's answers, computed over an in-memory list the way the store would over its drafts: same
 * region, other drafts only, trashed drafts left out.
 */
function contextOver(drafts: Draft[]): CheckContext {
  const live = (regionId: string, excludeDraftId: string) =>
    drafts.filter((d) => d.regionId === regionId && d.id !== excludeDraftId && d.deletedAt === null);
  const codes = (d: Draft) => d.tables.members.map((row) => normalizeUscc(row.values.uscc ?? ''));
  return {
    otherDrafts: {
      countDraftsLedBy: (code, regionId, excludeDraftId) =>
        live(regionId, excludeDraftId).filter((d) => normalizeUscc(leadRowOf(d)?.values.uscc ?? '') === code).length,
      countDraftsWithMember: (code, regionId, excludeDraftId) =>
        live(regionId, excludeDraftId).filter((d) => codes(d).includes(code)).length,
    },
  };
}

const guangxi = buildTemplate({ id: 'guangxi', name: '广西壮族自治区', shortName: '广西', divisionPrefix: '45' }, [
  rule({ kind: 'leadLeadsOnce' }, 'warning'),
  rule({ kind: 'memberInAtMost', max: 3 }, 'warning'),
]);
const leadCode = uscc('450102', 900);
const sharedCode = uscc('450103', 901);

function draft(id: string, options: { leadCode?: string; memberCodes?: string[]; regionId?: 'guangxi' | 'xinjiang'; trashed?: boolean } = {}): Draft {
  const d = buildDraft(guangxi, {
    id,
    members: [
      lead(`牵头${id}`, { uscc: options.leadCode ?? uscc('450102', id.charCodeAt(0)) }),
      ...(options.memberCodes ?? []).map((code, i) => member(`成员${i}`, { uscc: code })),
    ],
  });
  return { ...d, regionId: options.regionId ?? 'guangxi', deletedAt: options.trashed ? '2024-06-01T00:00:00.000Z' : null };
}

describe('leadLeadsOnce', () => {
  it('passes when no other draft of the region has the same lead', () => {
    const mine = draft('a', { leadCode });
    const others = [draft('b'), draft('c', { leadCode, regionId: 'xinjiang' }), draft('d', { leadCode, trashed: true })];
    const report = checkDraft(guangxi, mine, contextOver([mine, ...others]));
    expect(report.rules[0].status).toBe('pass');
  });

  it('fails when another draft of the region is led by the same unit, typed differently', () => {
    const mine = draft('a', { leadCode });
    const other = draft('b', { leadCode: leadCode.toLowerCase() });
    const report = checkDraft(guangxi, mine, contextOver([mine, other]));
    expect(report.rules[0]).toMatchObject({ status: 'fail', numbers: { 由该单位牵头的其他草稿: 1 } });
    const finding = report.findings.find((f) => f.id === 'rule:leadLeadsOnce');
    expect(finding).toMatchObject({
      severity: 'warning',
      target: { kind: 'cell', table: 'members', rowId: mine.tables.members[0].id, column: 'uscc' },
    });
  });

  it('is unknown without the lead’s code', () => {
    const mine = draft('a', { leadCode: '' });
    expect(checkDraft(guangxi, mine, contextOver([mine])).rules[0].status).toBe('unknown');
  });
});

describe('memberInAtMost', () => {
  // Guangxi: 「原则上一个成员单位至多参与3个创新联合体的组建」 — this draft counts as one of the three.
  it('passes when a member is in this draft and two others', () => {
    const mine = draft('a', { memberCodes: [sharedCode] });
    const others = [draft('b', { memberCodes: [sharedCode] }), draft('c', { memberCodes: [sharedCode] })];
    expect(checkDraft(guangxi, mine, contextOver([mine, ...others])).rules[1].status).toBe('pass');
  });

  it('fails at a fourth, pointing at the member’s row', () => {
    const mine = draft('a', { memberCodes: [sharedCode] });
    const others = ['b', 'c', 'd'].map((id) => draft(id, { memberCodes: [sharedCode] }));
    const report = checkDraft(guangxi, mine, contextOver([mine, ...others]));
    expect(report.rules[1].status).toBe('fail');
    const finding = report.findings.find((f) => f.id.startsWith('rule:memberInAtMost'));
    expect(finding?.target).toEqual({ kind: 'cell', table: 'members', rowId: mine.tables.members[1].id, column: 'uscc' });
    expect(finding?.message).toContain('共 4 份广西草稿中出现，超过 3 个');
  });

  it('counts the lead as a member too, and ignores trashed drafts and other regions', () => {
    const mine = draft('a', { leadCode });
    const others = [
      draft('b', { memberCodes: [leadCode] }),
      draft('c', { memberCodes: [leadCode] }),
      draft('d', { memberCodes: [leadCode], trashed: true }),
      draft('e', { memberCodes: [leadCode], regionId: 'xinjiang' }),
    ];
    expect(checkDraft(guangxi, mine, contextOver([mine, ...others])).rules[1].status).toBe('pass');
    const fourth = draft('f', { memberCodes: [leadCode] });
    expect(checkDraft(guangxi, mine, contextOver([mine, ...others, fourth])).rules[1].status).toBe('fail');
  });

  it('is unknown while a member has no code', () => {
    const mine = draft('a', { memberCodes: [''] });
    expect(checkDraft(guangxi, mine, contextOver([mine])).rules[1].status).toBe('unknown');
  });
});
