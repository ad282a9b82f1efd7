import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegionTemplates } from '../../electron/core/regions/templates';
import type { RuleDef } from '../../electron/shared/region-template';

/**
 * The severity policy (docs/rules.md), enforced on every rule of every region file against the official
 * text: a rule is a warning exactly when a qualifier — 原则上, 一般, 鼓励 — stands before its clause in the
 * clause's sentence (or in the clause), and an error otherwise; its severityBasis quotes the words that
 * decided it: from that qualifier, or from the sentence's start, up to the end of the clause.
 */

const repoRoot = resolve(__dirname, '../..');
const seedsDir = [process.env.LIANHETI_SEEDS, join(repoRoot, 'docs', 'sources')].find(
  (dir): dir is string => dir !== undefined && existsSync(join(dir, '000_12d02902145e6da6.txt')),
);
const templates = loadRegionTemplates(join(repoRoot, 'resources', 'regions'));

/** 一般协作层单位 is a tier's name, not the qualifier 一般. */
const qualifier = /原则上|一般(?!协作)|鼓励/g;
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** The text without white space, and for each character whether a line began just before it. */
function squeezeWithLines(raw: string): { text: string; lineStart: boolean[] } {
  let text = '';
  const lineStart: boolean[] = [];
  let pending = true;
  for (const ch of raw) {
    if (/\s/.test(ch)) {
      if (ch === '\n') pending = true;
      continue;
    }
    text += ch;
    lineStart.push(pending);
    pending = false;
  }
  return { text, lineStart };
}

function severityFromSource(raw: string, clause: string): { severity: RuleDef['severity']; basis: string } | null {
  const { text, lineStart } = squeezeWithLines(raw);
  const quoted = squeeze(clause);
  const at = text.indexOf(quoted);
  if (at < 0) return null;
  if (new RegExp(qualifier.source).test(quoted)) return { severity: 'warning', basis: quoted };
  // The sentence starts after the last 。；！？ or at the start of the line, whichever is nearer.
  let start = 0;
  for (let j = at; j >= 0; j--) {
    if (lineStart[j]) {
      start = j;
      break;
    }
    if (j < at && '。；！？'.includes(text[j])) {
      start = j + 1;
      break;
    }
  }
  const before = text.slice(start, at);
  const qualifiers = [...before.matchAll(qualifier)];
  if (qualifiers.length > 0) {
    return { severity: 'warning', basis: before.slice(qualifiers[qualifiers.length - 1].index) + quoted };
  }
  // An item number (1. / （一）) opens the sentence but says nothing.
  return { severity: 'error', basis: before.replace(/^(\d+\.|（[一二三四五六七八九十]+）)/, '') + quoted };
}

describe('severity policy', () => {
  it('finds the official texts', () => {
    expect(seedsDir).toBeDefined();
  });

  // A template whose rules the user sets has no official text to derive from: its clauses say so instead.
  for (const template of templates.filter((candidate) => candidate.userSettings !== undefined)) {
    it(`${template.id}: every rule says it is the user's setting or the product's own requirement, quoting no source`, () => {
      expect(template.source.file).toBeUndefined();
      for (const rule of template.rules) {
        expect(/（用户设置）|本软件的填写要求|成员单位表|同一单位|用于组建协议/.test(rule.clause + rule.severityBasis), rule.id).toBe(true);
        expect(rule.severityBasis, rule.id).toMatch(/用户在「地区设置」中设|本软件的填写要求/);
      }
    });
  }

  for (const template of templates.filter((candidate) => candidate.source.file !== undefined)) {
    it(`${template.id}: every rule's severity follows from the wording of its clause, quoted in severityBasis`, () => {
      const raw = readFileSync(join(seedsDir ?? '', template.source.file ?? ''), 'utf8');
      expect(template.rules.length).toBeGreaterThan(0);
      for (const rule of template.rules) {
        const decided = severityFromSource(raw, rule.clause);
        expect(decided, `${template.id}.${rule.id}: clause not in the source: ${rule.clause}`).not.toBeNull();
        expect(rule.severity, `${template.id}.${rule.id}: ${decided?.basis}`).toBe(decided?.severity);
        expect(squeeze(rule.severityBasis), `${template.id}.${rule.id}`).toBe(decided?.basis);
      }
    });
  }

  it('reads one qualifier for a whole sentence, and none from another sentence or after the clause', () => {
    const text = '（一）创新联合体由多个单位组成，原则上不少于8个组成单位，且在区内注册的比例不低于30%，企业数量达30%以上。建有平台。';
    expect(severityFromSource(text, '企业数量达30%以上')).toEqual({
      severity: 'warning',
      basis: '原则上不少于8个组成单位，且在区内注册的比例不低于30%，企业数量达30%以上',
    });
    expect(severityFromSource(text, '创新联合体由多个单位组成')?.severity).toBe('error');
    expect(severityFromSource(text, '建有平台')).toEqual({ severity: 'error', basis: '建有平台' });
    expect(severityFromSource('分为核心层单位和一般协作层单位', '一般协作层单位')?.severity).toBe('error');
    expect(severityFromSource('鼓励设立专家咨询委员会', '设立专家咨询委员会')?.severity).toBe('warning');
    expect(severityFromSource('建有平台', '没有的条款')).toBeNull();
  });
});
