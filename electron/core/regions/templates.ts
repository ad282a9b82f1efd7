import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { z } from 'zod';
import { coverValues, regionTemplateSchema, type RegionTemplate } from '../../shared/region-template';
import { resourcesDir } from './resources-dir';

/**
 * The region templates (地区模板) are data files, resources/regions/<id>.json. This module finds them,
 * checks each against the schema and against itself (a rule must name a field that exists, a select
 * column must have options …), and keeps the result: templates do not change while the app runs.
 */

export { resourcesDir, resourcesEnvVar } from './resources-dir';

/** "fields[3].options[0]" from a zod issue path. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

function formatIssues(issues: z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; ');
}

/**
 * What the schema cannot say: references between parts of one template. Each problem names its path the
 * way the schema's messages do, so a broken file is found as quickly either way.
 */
export function templateIntegrityProblems(template: RegionTemplate): string[] {
  const problems: string[] = [];
  const duplicates = (values: string[]) => [...new Set(values.filter((value, i) => values.indexOf(value) !== i))];

  const fieldKeys = template.fields.map((field) => field.key);
  for (const key of duplicates(fieldKeys)) problems.push(`fields: key "${key}" is declared more than once`);
  for (const id of duplicates(template.rules.map((rule) => rule.id))) problems.push(`rules: id "${id}" is used more than once`);
  for (const key of duplicates(template.tables.map((table) => table.key))) problems.push(`tables: "${key}" is declared more than once`);

  const checkChoices = (
    where: string,
    value: { type: string; options?: string[]; maxItems?: number; maxChars?: number },
  ) => {
    const choosing = value.type === 'select' || value.type === 'multiselect';
    if (choosing && (value.options ?? []).length === 0) problems.push(`${where}: a ${value.type} needs options`);
    if (!choosing && value.options !== undefined) problems.push(`${where}: options are only for select and multiselect`);
    if (value.maxItems !== undefined && value.type !== 'multiselect') problems.push(`${where}: maxItems is only for multiselect`);
    if (value.maxChars !== undefined && value.type !== 'text' && value.type !== 'longtext') {
      problems.push(`${where}: maxChars is only for text and longtext`);
    }
  };
  template.fields.forEach((field, i) => {
    checkChoices(`fields[${i}] (${field.key})`, field);
    if (field.derived !== undefined && field.type !== 'integer') {
      problems.push(`fields[${i}] (${field.key}): a derived count must be of type integer`);
    }
  });
  template.tables.forEach((table, t) => {
    for (const key of duplicates(table.columns.map((column) => column.key))) {
      problems.push(`tables[${t}] (${table.key}): column "${key}" is declared more than once`);
    }
    table.columns.forEach((column, i) => checkChoices(`tables[${t}].columns[${i}] (${table.key}.${column.key})`, column));
  });

  const tableOf = (key: string) => template.tables.find((table) => table.key === key);
  const columnOf = (tableKey: string, columnKey: string) =>
    tableOf(tableKey)?.columns.find((column) => column.key === columnKey);

  // The member table is what every rule and derived count reads; its type and tier choices must be the
  // template's own lists, or counts by type would silently come out 0.
  const members = tableOf('members');
  if (!members) {
    problems.push('tables: the members table (成员单位) is missing');
  } else {
    for (const key of ['name', 'uscc', 'role', 'unitType', 'tier']) {
      if (!columnOf('members', key)) problems.push(`tables (members): column "${key}" is missing`);
    }
    const sameList = (a: string[] | undefined, b: string[]) => JSON.stringify(a ?? []) === JSON.stringify(b);
    if (!sameList(columnOf('members', 'unitType')?.options, template.unitTypes)) {
      problems.push('tables (members): the unitType column options must equal unitTypes');
    }
    if (!sameList(columnOf('members', 'tier')?.options, template.tiers)) {
      problems.push('tables (members): the tier column options must equal tiers');
    }
  }

  const platformLevels = columnOf('platforms', 'level')?.options ?? [];
  template.rules.forEach((rule, i) => {
    const where = `rules[${i}] (${rule.id})`;
    const needField = (key: string) => {
      if (!fieldKeys.includes(key)) problems.push(`${where}: field "${key}" is not declared in fields`);
    };
    const needUnitTypes = (types: string[]) => {
      for (const type of types) {
        if (!template.unitTypes.includes(type)) problems.push(`${where}: unit type "${type}" is not in unitTypes`);
      }
    };
    const check = rule.check;
    switch (check.kind) {
      case 'fieldMin':
      case 'fieldTrue':
      case 'fieldFilled':
        needField(check.field);
        break;
      case 'rdSpending':
        [...check.spendingFields, ...check.revenueFields].forEach(needField);
        break;
      case 'rdGrowth':
        check.fields.forEach(needField);
        break;
      case 'minShareOfType':
      case 'minCountOfType':
      case 'leadOfType':
        needUnitTypes(check.unitTypes);
        break;
      case 'leadHoldsPlatform':
        for (const level of check.levels) {
          if (!platformLevels.includes(level)) problems.push(`${where}: level "${level}" is not an option of platforms.level`);
        }
        break;
      case 'councilChairedByLead':
      case 'councilIncludesMembers':
        if (!columnOf('council', 'councilRole') || !columnOf('council', 'unit')) {
          problems.push(`${where}: needs a council table with the columns unit and councilRole`);
        }
        break;
      case 'leadRegistered':
      case 'minShareRegistered':
        // Where the user chooses the place, the code is theirs (shared/region-settings fills it in).
        if (!template.userSettings?.place && !check.regionCode.startsWith(template.divisionPrefix)) {
          problems.push(`${where}: regionCode "${check.regionCode}" is outside divisionPrefix ${template.divisionPrefix}`);
        }
        break;
      default:
        break;
    }
  });
  problems.push(...packageProblems(template));
  problems.push(...userSettingsProblems(template));
  return problems;
}

/** What the user may set must exist: each settable rule, the number it sets in that rule's check, each optional document. */
function userSettingsProblems(template: RegionTemplate): string[] {
  const problems: string[] = [];
  const settings = template.userSettings;
  if (!settings) return problems;
  settings.rules.forEach((entry, i) => {
    const rule = template.rules.find((candidate) => candidate.id === entry.rule);
    if (!rule) {
      problems.push(`userSettings.rules[${i}]: rule "${entry.rule}" is not in rules`);
      return;
    }
    for (const parameter of entry.parameters) {
      if (typeof (rule.check as Record<string, unknown>)[parameter.key] !== 'number') {
        problems.push(`userSettings.rules[${i}]: rule "${entry.rule}" has no number "${parameter.key}"`);
      }
      if (parameter.min > parameter.max) problems.push(`userSettings.rules[${i}]: ${parameter.key} min is above max`);
    }
  });
  settings.optionalDocuments.forEach((kind, i) => {
    if (!template.documents.includes(kind)) problems.push(`userSettings.optionalDocuments[${i}]: "${kind}" is not in documents`);
  });
  return problems;
}

/** The package's references: every field a document reads exists, every document it files is in `documents`. */
function packageProblems(template: RegionTemplate): string[] {
  const problems: string[] = [];
  const pkg = template.package;
  const fieldKeys = new Set([...template.fields, ...pkg.fields].map((field) => field.key));
  const needField = (where: string, key: string) => {
    if (!fieldKeys.has(key)) problems.push(`package.${where}: field "${key}" is not declared in fields or package.fields`);
  };
  for (const kind of [...pkg.filed, ...pkg.laterReports]) {
    if (!template.documents.includes(kind)) problems.push(`package: "${kind}" is filed or reported but not in documents`);
  }
  const covers = { applicationForm: pkg.applicationForm.cover, agreement: pkg.agreement.cover, implementationPlan: pkg.implementationPlan?.cover };
  for (const [document, cover] of Object.entries(covers)) {
    cover?.lines.forEach((line, i) => {
      if (!(coverValues as readonly string[]).includes(line.value)) needField(`${document}.cover.lines[${i}]`, line.value);
    });
  }
  pkg.implementationPlan?.sections.forEach((part, i) => part.field && needField(`implementationPlan.sections[${i}]`, part.field));
  pkg.annualSummary?.outline.forEach((part, i) => part.field && needField(`annualSummary.outline[${i}]`, part.field));
  if (pkg.annualSummary) needField('annualSummary.yearField', pkg.annualSummary.yearField);
  pkg.applicationForm.extraParts.forEach((part, i) => {
    needField(`applicationForm.extraParts[${i}]`, part.field);
    needField(`applicationForm.extraParts[${i}].after`, part.after);
  });
  if (template.documents.includes('implementationPlan') && !pkg.implementationPlan) problems.push('package: implementationPlan is in documents but not described');
  if (template.documents.includes('annualSummary') && !pkg.annualSummary) problems.push('package: annualSummary is in documents but not described');
  if (template.documents.includes('commitmentLetter') && !pkg.commitmentLetter) problems.push('package: commitmentLetter is in documents but not described');
  if (template.documents.includes('attachmentChecklist') && !pkg.attachmentChecklist) problems.push('package: attachmentChecklist is in documents but not described');
  return problems;
}

/**
 * The template as the app uses it: the inputs only documents need join `fields` (those declared twice keep
 * the `fields` entry), and each outline field takes the heading its document prints, so the walk shows the
 * numbering an official sees.
 */
function withDocumentFields(template: RegionTemplate): RegionTemplate {
  const declared = new Set(template.fields.map((field) => field.key));
  const headings = new Map<string, string>();
  for (const part of template.package.implementationPlan?.sections ?? []) if (part.field) headings.set(part.field, part.heading);
  const fields = [...template.fields, ...template.package.fields.filter((field) => !declared.has(field.key))].map((field) =>
    headings.has(field.key) ? { ...field, heading: headings.get(field.key) } : field,
  );
  return { ...template, fields };
}

/** A checked template as the app uses it (also for region files a user supplies). */
export function finishRegionTemplate(template: RegionTemplate): RegionTemplate {
  return withDocumentFields(template);
}

/** Reads and checks one template file; the error names the file and the path inside it. */
export function readRegionTemplate(file: string): RegionTemplate {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Region template ${file} is not readable JSON: ${(error as Error).message}`);
  }
  const parsed = regionTemplateSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Region template ${file} does not match the schema: ${formatIssues(parsed.error.issues)}`);
  }
  const template = parsed.data;
  const problems = templateIntegrityProblems(template);
  if (basename(file) !== `${template.id}.json`) problems.unshift(`id: "${template.id}" does not match the file name`);
  if (problems.length > 0) throw new Error(`Region template ${file} is inconsistent: ${problems.join('; ')}`);
  return withDocumentFields(template);
}

const cache = new Map<string, RegionTemplate[]>();

/**
 * Every template in `dir` (default: resources/regions), in each one's listOrder. The result is cached
 * per folder and shared between callers, so it must not be modified.
 */
export function loadRegionTemplates(dir?: string): RegionTemplate[] {
  const folder = resolve(dir ?? join(resourcesDir(), 'regions'));
  const cached = cache.get(folder);
  if (cached) return cached;

  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`No region templates (*.json) in ${folder}`);
  const templates = files.map((name) => readRegionTemplate(join(folder, name)));
  // File names are unique and each must match its id, so ids are unique too.
  templates.sort((a, b) => a.package.listOrder - b.package.listOrder || a.id.localeCompare(b.id));
  cache.set(folder, templates);
  return templates;
}

/** One region's template; throws for an id that has no template. */
export function getRegionTemplate(id: string, dir?: string): RegionTemplate {
  const template = loadRegionTemplates(dir).find((candidate) => candidate.id === id);
  if (!template) throw new Error(`No region template with id "${id}"`);
  return template;
}

/** Forgets what was read, for tests that write templates to a temporary folder. */
export function clearRegionTemplateCache(): void {
  cache.clear();
}
