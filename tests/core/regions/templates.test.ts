import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clearRegionTemplateCache,
  getRegionTemplate,
  loadRegionTemplates,
  readRegionTemplate,
  resourcesDir,
  resourcesEnvVar,
  templateIntegrityProblems,
} from '../../../electron/core/regions/templates';
import { fieldKeys, memberKeys } from '../../../electron/shared/draft';
import { regionTemplateSchema, type RegionTemplate } from '../../../electron/shared/region-template';

/** The regions that ship, in their listOrder. */
const regionIds = ['xinjiang', 'guangxi', 'chongqing', 'zhejiang', 'neimenggu', 'general'];

const repoRoot = resolve(__dirname, '../../..');
const regionsDir = join(repoRoot, 'resources', 'regions');

/** The official texts the templates follow (docs/sources/README.md maps them); LIANHETI_SEEDS overrides. */
const seedsDir = [process.env.LIANHETI_SEEDS, join(repoRoot, 'docs', 'sources')].find(
  (dir): dir is string => dir !== undefined && existsSync(join(dir, '000_12d02902145e6da6.txt')),
);

/** Word's extraction puts table cells on lines of their own and pads with spaces; none of that is text. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

function seedOf(template: RegionTemplate): string {
  if (!seedsDir) throw new Error('seed texts not found');
  return squeeze(readFileSync(join(seedsDir, template.source.file ?? ''), 'utf8'));
}

const templates = loadRegionTemplates(regionsDir);
/** Templates that follow an official text; the general region's rules are the user's (tests/core/regions/general-region.test.ts). */
const officialTemplates = templates.filter((template) => template.source.file !== undefined);
const byId = (id: string) => {
  const template = templates.find((candidate) => candidate.id === id);
  if (!template) throw new Error(`no template ${id}`);
  return template;
};
const tableOf = (template: RegionTemplate, key: string) => template.tables.find((table) => table.key === key);
const fieldOf = (template: RegionTemplate, key: string) => template.fields.find((field) => field.key === key);

/** The regions whose application form is printed in their source; Guangxi and Zhejiang publish rules only. */
const regionsWithForm = ['xinjiang', 'chongqing', 'neimenggu'];
/** The implementation-plan outline comes from Xinjiang's 附件3, whichever region offers it. */
const planOutlineSource = 'xinjiang';

afterEach(() => {
  delete process.env[resourcesEnvVar];
  clearRegionTemplateCache();
});

describe('region template files', () => {
  it('has one valid file per region id, named after it', () => {
    const files = readdirSync(regionsDir).filter((name) => name.endsWith('.json')).sort();
    expect(files).toEqual([...regionIds].map((id) => `${id}.json`).sort());
    for (const file of files) {
      const raw: unknown = JSON.parse(readFileSync(join(regionsDir, file), 'utf8'));
      const result = regionTemplateSchema.safeParse(raw);
      expect(result.success, `${file}: ${result.success ? '' : JSON.stringify(result.error.issues)}`).toBe(true);
    }
  });

  it('loads every template in region order, with unique ids and no internal inconsistency', () => {
    expect(templates.map((template) => template.id)).toEqual([...regionIds]);
    for (const template of templates) expect(templateIntegrityProblems(template), template.id).toEqual([]);
  });

  it('declares the package documents of each region', () => {
    expect(byId('xinjiang').documents).toEqual([
      'applicationForm', 'agreement', 'implementationPlan', 'stampChecklist', 'memberWorkbook',
    ]);
    expect(byId('chongqing').documents).toEqual([
      'applicationForm', 'agreement', 'commitmentLetter', 'implementationPlan', 'stampChecklist', 'memberWorkbook',
    ]);
    // Inner Mongolia's 承诺书 is a block of the form itself, not a document of its own.
    expect(byId('neimenggu').documents).toEqual([
      'applicationForm', 'agreement', 'attachmentChecklist', 'annualSummary', 'stampChecklist', 'memberWorkbook',
    ]);
    for (const id of ['guangxi', 'zhejiang']) {
      expect(byId(id).documents, id).toEqual([
        'applicationForm', 'agreement', 'implementationPlan', 'annualSummary', 'stampChecklist', 'memberWorkbook',
      ]);
    }
  });

  it('uses the tiers of each agreement and the four unit types the derived counts rely on', () => {
    for (const template of templates) {
      const expected =
        template.id === 'chongqing'
          ? ['牵头单位', '核心层单位', '合作单位']
          : ['牵头单位', '核心层单位', '紧密合作单位', '一般协作层单位'];
      expect(template.tiers, template.id).toEqual(expected);
      expect(template.unitTypes, template.id).toEqual(['企业', '高校', '科研院所', '其他机构']);
    }
  });

  it('marks the common layout for the regions that publish rules but no form', () => {
    for (const template of officialTemplates) {
      expect(template.commonLayout, template.id).toBe(!regionsWithForm.includes(template.id));
    }
    // The general region claims no published notice, so it says nothing about one having no form.
    expect(byId('general').commonLayout).toBe(false);
    expect(byId('general').package.formLayout).toBe('common');
    expect(byId('neimenggu').formTitle).toBe('内蒙古自治区创新联合体备案申请登记表');
    expect(byId('chongqing').issuer).toBe('两江新区科技创新局');
  });

  it('limits 技术创新目标 to 500 字 and 地位与分工 to 200 字 everywhere', () => {
    for (const template of templates) {
      expect(fieldOf(template, fieldKeys.goals)?.maxChars, template.id).toBe(500);
      const role = tableOf(template, 'members')?.columns.find((column) => column.key === memberKeys.role);
      expect(role?.maxChars, template.id).toBe(200);
    }
  });

  it('uses the same keys for the same things in every region', () => {
    for (const template of templates) {
      for (const key of Object.values(fieldKeys)) expect(fieldOf(template, key), `${template.id}.${key}`).toBeDefined();
      const members = tableOf(template, 'members');
      for (const key of Object.values(memberKeys)) {
        expect(members?.columns.some((column) => column.key === key), `${template.id}.members.${key}`).toBe(true);
      }
      expect(members?.columns.find((column) => column.key === memberKeys.uscc)?.type).toBe('uscc');
    }
    const present = (key: string) => templates.filter((template) => fieldOf(template, key)).map((template) => template.id);
    const common = ['xinjiang', 'guangxi', 'chongqing', 'zhejiang', 'general'];
    for (const key of ['chiefScientist', 'chiefScientistTitle', 'chiefScientistCv', 'leadUnit']) {
      expect(present(key), key).toEqual(key === 'leadUnit' ? [...regionIds] : common);
    }
    for (const key of ['nationalPlatformCount', 'provincialPlatformCount', 'enterpriseCount', 'universityCount', 'instituteCount']) {
      expect(present(key), key).toEqual(['xinjiang', 'guangxi', 'zhejiang', 'neimenggu', 'general']);
    }
    expect(present('memberCount')).toEqual([...regionIds]);
    expect(present('cooperationBasis')).toEqual(['xinjiang', 'guangxi', 'zhejiang', 'neimenggu', 'general']);
    expect(present('leadRevenue')).toEqual(['xinjiang', 'guangxi', 'general']);
    expect(present('leadRdStaff')).toEqual(['xinjiang', 'guangxi', 'general']);
    for (const key of ['agreementGoals', 'agreementTasks', 'agreementRights', 'agreementIp', 'agreementIntegrity', 'agreementLiability']) {
      expect(present(key), key).toEqual([...regionIds]);
    }
  });

  it('gives a key shared by several regions the same type, unit and derivation everywhere', () => {
    const seen = new Map<string, { id: string; shape: string }>();
    for (const template of templates) {
      for (const field of template.fields) {
        const shape = JSON.stringify([field.type, field.unit, field.derived, field.step, field.maxChars]);
        const earlier = seen.get(field.key);
        if (earlier) expect(shape, `${field.key}: ${template.id} vs ${earlier.id}`).toBe(earlier.shape);
        else seen.set(field.key, { id: template.id, shape });
      }
      for (const table of template.tables) {
        for (const column of table.columns) {
          const key = `${table.key}.${column.key}`;
          const shape = JSON.stringify([column.type, column.unit, column.maxChars]);
          const earlier = seen.get(key);
          if (earlier) expect(shape, `${key}: ${template.id} vs ${earlier.id}`).toBe(earlier.shape);
          else seen.set(key, { id: template.id, shape });
        }
      }
    }
  });

  it('derives the counts and gives them the unit 个', () => {
    const derived = ['memberCount', 'enterpriseCount', 'universityCount', 'instituteCount', 'nationalPlatformCount', 'provincialPlatformCount'];
    for (const template of templates) {
      for (const key of derived) {
        const field = fieldOf(template, key);
        if (!field) continue;
        expect(field.derived, `${template.id}.${key}`).toBe(key);
        expect(field.unit, `${template.id}.${key}`).toBe('个');
      }
    }
  });

  it('gives every text and agreement section its heading, and the agreement sections the wording of each template', () => {
    for (const template of templates) {
      for (const field of template.fields) {
        if (field.type === 'longtext') expect(field.heading, `${template.id}.${field.key}`).toBeTruthy();
      }
      const agreement = template.fields.filter((field) => field.step === 'agreement').map((field) => field.heading);
      expect(agreement, template.id).toEqual(
        template.id === 'neimenggu'
          ? [
              '二、技术创新目标',
              '三、任务具体分工',
              '四、各成员单位的责权利（明确创新联合体解散时各成员单位的权责分配）',
              '五、科技成果、知识产权归属、许可使用和转化收益等分配办法',
              '六、科研诚信追究方式',
              '七、违约责任追究方式',
            ]
          : [
              '二、技术创新目标',
              '三、任务具体分工',
              '四、各成员单位的责权利',
              '五、科技成果、知识产权归属、许可使用和转化收益分配办法',
              '六、科研诚信追究方式',
              '七、违约责任追究方式',
            ],
      );
    }
  });

  it('offers the implementation-plan outline everywhere, as extra only where the plan is not filed', () => {
    const shared = ['planOverview', 'planSignificance', 'planStatus', 'planLeadUnit', 'planMembers', 'planTeam', 'planTargets',
      'planResearch', 'planTasks', 'planSchedule', 'planBudget', 'planOrganization', 'planSupport', 'planOther'];
    for (const template of templates) {
      const filed = template.documents.includes('implementationPlan');
      for (const key of shared) expect(fieldOf(template, key)?.extra, `${template.id}.${key}`).toBe(!filed);
      // Every field the plan's outline names exists, and the walk shows the heading the document prints.
      for (const part of template.package.implementationPlan?.sections ?? []) {
        if (part.field) expect(fieldOf(template, part.field)?.heading, `${template.id}.${part.field}`).toBe(part.heading);
      }
    }
  });

  it('caps the printed member list at 20 with the form’s 注 line where the form has one', () => {
    for (const template of templates) {
      const members = tableOf(template, 'members');
      if (template.id === 'neimenggu') {
        expect(members?.note).toBeUndefined();
        continue;
      }
      expect(members?.printedRowsMax, template.id).toBe(20);
      expect(members?.note, template.id).toBe('注：若成员单位超过20家，则只需填写主要成员单位的有关情况。');
    }
  });

  it('asks Inner Mongolia for ID numbers, codes and up to three 技术领域 letters', () => {
    const template = byId('neimenggu');
    expect(fieldOf(template, 'legalRepIdCard')?.type).toBe('idcard');
    expect(fieldOf(template, 'contactIdCard')?.type).toBe('idcard');
    expect(fieldOf(template, 'industryCode')?.type).toBe('industryCode');
    expect(fieldOf(template, 'disciplineCode')?.type).toBe('disciplineCode');
    const techFields = fieldOf(template, 'techFields');
    expect(techFields?.type).toBe('multiselect');
    expect(techFields?.maxItems).toBe(3);
    expect(techFields?.options?.map((option) => option[0]).join('')).toBe('ABCDEFGHIJKLMNOQ');
    expect(tableOf(template, 'team')?.columns.map((column) => column.key)).toEqual(['name', 'age', 'title', 'post', 'major', 'workUnit']);
  });

  it('has Zhejiang’s council chaired by the lead', () => {
    const council = tableOf(byId('zhejiang'), 'council');
    expect(council?.columns.find((column) => column.key === 'councilRole')?.options).toEqual(['理事长', '副理事长', '理事']);
    expect(byId('zhejiang').rules.some((rule) => rule.check.kind === 'councilChairedByLead')).toBe(true);
  });

  it('has the eligibility rules each source states, with their severity', () => {
    const kinds = (id: string) => byId(id).rules.map((rule) => `${rule.check.kind}:${rule.severity}`);
    const everywhere = ['firstMemberIsLead:error', 'uniqueUscc:error', 'membersHaveTierAndType:error'];
    // 「成员单位一般不少于5个，企业比例不低于50%（其中高新技术企业不低于20%）」: one 一般 sentence.
    expect(kinds('xinjiang')).toEqual(expect.arrayContaining([
      'leadRegistered:error', 'leadOfType:error', 'fieldMin:warning', 'minMembers:warning', 'minShareOfType:warning',
      'minShareHighTech:warning', 'fieldFilled:error', 'rdGrowth:error', 'leadLeadsOnce:error', ...everywhere,
    ]));
    // 「原则上不少于8个组成单位（含牵头单位），且在广西区内注册的比例不低于30%，成员单位中企业数量达30%以上」: one 原则上 sentence.
    expect(kinds('guangxi')).toEqual(expect.arrayContaining([
      'minMembers:warning', 'minShareRegistered:warning', 'minShareOfType:warning', 'leadRegistered:error', 'leadOfType:error',
      'fieldMin:warning', 'rdSpending:warning', 'memberInAtMost:warning', 'leadLeadsOnce:warning', ...everywhere,
    ]));
    expect(kinds('chongqing')).toEqual(expect.arrayContaining([
      'fieldTrue:warning', 'minCountOfType:warning', 'fieldFilled:error', 'leadOfType:error', ...everywhere,
    ]));
    expect(kinds('zhejiang')).toEqual(expect.arrayContaining([
      'minMembers:warning', 'councilChairedByLead:error', 'councilIncludesMembers:error', 'leadOfType:error', ...everywhere,
    ]));
    expect(kinds('neimenggu')).toEqual(expect.arrayContaining([
      'leadRegistered:error', 'leadOfType:error', 'minMembers:warning', 'leadHoldsPlatform:error', ...everywhere,
    ]));
    // Every lead must be an enterprise, checked on its 单位类型 and on its USCC's 91.
    for (const template of templates) {
      const leadType = template.rules.find((rule) => rule.check.kind === 'leadOfType')?.check;
      expect(leadType, template.id).toMatchObject({ unitTypes: ['企业'], usccCategories: ['91'] });
    }
    const guangxiMembers = byId('guangxi').rules.find((rule) => rule.check.kind === 'minMembers')?.check;
    expect(guangxiMembers).toEqual({ kind: 'minMembers', min: 8, includeLead: true });
  });
  // Severity against the source's wording: tests/shared/severity-policy.test.ts.
});

describe('region templates against their source texts', () => {
  it('quotes every rule clause verbatim', () => {
    for (const template of officialTemplates) {
      const seed = seedOf(template);
      for (const rule of template.rules) {
        expect(seed.includes(squeeze(rule.clause)), `${template.id}.${rule.id}: ${rule.clause}`).toBe(true);
      }
    }
  });

  it('prints every field and column label of a published form as the form does', () => {
    for (const id of regionsWithForm) {
      const template = byId(id);
      const seed = seedOf(template);
      const planSeed = seedOf(byId(planOutlineSource));
      for (const field of template.fields) {
        if (field.extra) continue;
        const source = field.key.startsWith('plan') ? planSeed : seed;
        expect(source.includes(squeeze(field.label)), `${id} field ${field.key}: ${field.label}`).toBe(true);
        // The plan outline's headings are renumbered (see the template), so only their labels are quoted.
        if (field.heading && !field.key.startsWith('plan')) {
          expect(seed.includes(squeeze(field.heading)), `${id} heading ${field.key}: ${field.heading}`).toBe(true);
        }
      }
      for (const table of template.tables) {
        if (table.heading) expect(seed.includes(squeeze(table.heading)), `${id} ${table.key} heading`).toBe(true);
        if (table.note) expect(seed.includes(squeeze(table.note)), `${id} ${table.key} note`).toBe(true);
        for (const column of table.columns) {
          if (column.extra) continue;
          expect(seed.includes(squeeze(column.label)), `${id} column ${table.key}.${column.key}: ${column.label}`).toBe(true);
        }
      }
    }
  });

  it('copies the 填表说明 of a published form line by line', () => {
    for (const id of regionsWithForm) {
      const template = byId(id);
      const seed = seedOf(template);
      expect(template.instructions.length, id).toBeGreaterThan(0);
      for (const line of template.instructions) expect(seed.includes(squeeze(line)), `${id}: ${line}`).toBe(true);
    }
  });

  it('uses the form and agreement titles and the issuer printed in the source', () => {
    for (const template of officialTemplates) {
      const seed = seedOf(template);
      expect(seed.includes(squeeze(template.source.title)), `${template.id} source title`).toBe(true);
      if (!regionsWithForm.includes(template.id)) continue;
      expect(seed.includes(squeeze(template.formTitle)), `${template.id} form title`).toBe(true);
      expect(seed.includes(squeeze(template.agreementTitle)), `${template.id} agreement title`).toBe(true);
      expect(seed.includes(squeeze(template.issuer)), `${template.id} issuer`).toBe(true);
    }
  });
});

describe('loadRegionTemplates', () => {
  const withTempDir = (run: (dir: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'lianheti-regions-'));
    try {
      run(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const xinjiangRaw = () => JSON.parse(readFileSync(join(regionsDir, 'xinjiang.json'), 'utf8')) as Record<string, unknown>;

  it('finds resources/ by walking up, and caches what it read', () => {
    expect(resourcesDir()).toBe(join(repoRoot, 'resources'));
    const first = loadRegionTemplates();
    expect(loadRegionTemplates()).toBe(first);
    expect(getRegionTemplate('guangxi').divisionPrefix).toBe('45');
    expect(() => getRegionTemplate('atlantis')).toThrow(/No region template with id "atlantis"/);
  });

  it('takes the resources folder from LIANHETI_RESOURCES', () => {
    withTempDir((dir) => {
      expect(() => resourcesDir({ [resourcesEnvVar]: dir })).toThrow(/regions/);
      const regions = join(dir, 'regions');
      mkdirSync(regions);
      writeFileSync(join(regions, 'xinjiang.json'), JSON.stringify(xinjiangRaw()));
      process.env[resourcesEnvVar] = dir;
      expect(resourcesDir()).toBe(dir);
      expect(loadRegionTemplates().map((template) => template.id)).toEqual(['xinjiang']);
    });
  });

  it('names the file and the path of a schema error', () => {
    withTempDir((dir) => {
      const raw = xinjiangRaw();
      (raw.fields as Record<string, unknown>[])[2].type = 'colour';
      writeFileSync(join(dir, 'xinjiang.json'), JSON.stringify(raw));
      expect(() => loadRegionTemplates(dir)).toThrow(/xinjiang\.json does not match the schema: fields\[2\]\.type: /);
    });
  });

  it('names the file of unreadable JSON and of a template whose id differs from its name', () => {
    withTempDir((dir) => {
      writeFileSync(join(dir, 'guangxi.json'), '{ not json');
      expect(() => readRegionTemplate(join(dir, 'guangxi.json'))).toThrow(/guangxi\.json is not readable JSON/);
      writeFileSync(join(dir, 'guangxi.json'), JSON.stringify(xinjiangRaw()));
      expect(() => readRegionTemplate(join(dir, 'guangxi.json'))).toThrow(/guangxi\.json is inconsistent: id: "xinjiang" does not match/);
    });
  });

  it('rejects a rule that names a field the template does not declare', () => {
    withTempDir((dir) => {
      const raw = xinjiangRaw();
      const rules = raw.rules as { id: string; check: Record<string, unknown> }[];
      const leadRevenue = rules.find((rule) => rule.id === 'leadRevenue');
      if (!leadRevenue) throw new Error('xinjiang has no leadRevenue rule');
      leadRevenue.check.field = 'leadTurnover';
      writeFileSync(join(dir, 'xinjiang.json'), JSON.stringify(raw));
      expect(() => loadRegionTemplates(dir)).toThrow(/rules\[\d+\] \(leadRevenue\): field "leadTurnover" is not declared/);
    });
  });
});
