import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUserRegionText, validateUserRegionText } from '../../../electron/core/regions/region-file';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import {
  coverValues,
  documentKinds,
  packageSchema,
  regionTemplateSchema,
  ruleCheckSchema,
  stampParties,
  stepIds,
  tableIds,
  valueTypes,
} from '../../../electron/shared/region-template';

const root = resolve(__dirname, '../../..');
const guide = readFileSync(join(root, 'docs/region-template.md'), 'utf8');
const sampleText = readFileSync(join(root, 'resources/region-template-sample.json'), 'utf8');
const builtIns = loadRegionTemplates();

/** Every `code` span of the guide: the keys and values it names. */
const named = new Set([...guide.matchAll(/`([^`]+)`/g)].map((match) => match[1]));

/** The message a region file gets, without the part that names the file. */
function refusal(text: string): string {
  try {
    validateUserRegionText(text, 'x.json', builtIns);
  } catch (error) {
    return (error as Error).message.replace(/^地区文件「x\.json」/, '');
  }
  throw new Error('the file was not refused');
}

describe('the region template guide and its sample', () => {
  it('ships a sample that loads as a region of its own, under an id no built-in has', () => {
    const template = parseUserRegionText(sampleText, 'region-template-sample.json', builtIns);
    expect(template.id).toBe('shili');
    expect(builtIns.map((region) => region.id)).not.toContain(template.id);
    expect(template.name).toBe('示例市');
    expect(guide).toContain('resources/region-template-sample.json');
    expect(guide).toContain(`\`${template.id}\``);
  });

  it('prints the sample\'s own names, never those of the built-in it was copied from', () => {
    const template = parseUserRegionText(sampleText, 'region-template-sample.json', builtIns);
    const printed = [
      template.name,
      template.shortName,
      template.issuer,
      template.formTitle,
      template.agreementTitle,
      template.summary,
      ...template.package.applicationForm.cover.footLines,
      ...template.package.agreement.cover.footLines,
      ...template.package.applicationForm.opinions.flatMap((block) => [block.title, block.signer]),
      template.package.filing.submitTo,
      template.package.filing.how,
    ].join('\n');
    expect(printed).toContain('示例市');
    for (const other of builtIns) expect(printed).not.toContain(other.shortName);
    expect(printed).not.toMatch(/自治区|科技厅/);
  });

  it('explains every top-level key, every package key and every kind the schema allows', () => {
    const topLevel = Object.keys(regionTemplateSchema.in.shape);
    const packageKeys = Object.keys(packageSchema.shape);
    const ruleKinds = ruleCheckSchema.options.map((option) => option.shape.kind.value);
    expect(ruleKinds.length).toBeGreaterThan(15);
    const everything = [...topLevel, ...packageKeys, ...ruleKinds, ...valueTypes, ...documentKinds, ...tableIds, ...coverValues, ...stampParties];
    for (const step of stepIds.filter((step) => step !== 'check' && step !== 'export')) everything.push(step);
    const missing = everything.filter((key) => !named.has(key));
    expect(missing).toEqual([]);
  });

  it('quotes the refusals as the app and the command line really say them', () => {
    const sample = JSON.parse(sampleText) as Record<string, unknown> & { rules: Array<{ check: object }> };
    const examples = [
      refusal(JSON.stringify({ ...sample, tiers: '牵头单位' })),
      refusal(JSON.stringify({ ...sample, rules: sample.rules.map((rule, i) => (i === 3 ? { ...rule, check: { kind: 'noSuchKind' } } : rule)) })),
      refusal(JSON.stringify({ ...sample, version: undefined })),
      refusal(JSON.stringify({ ...sample, id: 'xinjiang' })),
      refusal(sampleText.replace('"shortName"', '"__proto__": {}, "shortName"')),
      refusal(JSON.stringify({ ...sample, rules: sample.rules.map((rule, i) => (i === 2 ? { ...rule, check: { ...rule.check, field: 'leadRevnue' } } : rule)) })),
    ];
    for (const message of examples) expect(guide).toContain(message.slice(0, 60));
  });
});
