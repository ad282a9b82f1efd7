import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreHandlers } from '../../../electron/core/api';
import { clearRegionTemplateCache, loadRegionTemplates, resourcesDir } from '../../../electron/core/regions/templates';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import { contract } from '../../../electron/shared/contract';
import type { CoreHandlers } from '../../../electron/shared/contract';
import { plainText } from '../../../electron/shared/document-model';
import { buildDocument, buildStampChecklist, filingDocuments } from '../../../electron/shared/documents';
import { tableIds } from '../../../electron/shared/region-template';
import { makeTempDir } from '../../helpers/temp-dir';
import { exampleDraft } from '../../shared/documents/fixtures';
import { readZipEntry } from './zip';

/**
 * Adding a region is adding a file: a sixth region, written to a temporary folder next to copies of the five,
 * is loaded, offered, filed and exported by the same code, with nothing of ours naming it. Its package differs
 * from every shipped one on purpose (two copies, its own cover lines, opinion blocks and tiers).
 */

const validator = '/work/shared/ooxml/validate';
const repo = resolve(__dirname, '../../..');

function sixthRegion(): Record<string, unknown> {
  const base = JSON.parse(readFileSync(join(resourcesDir(), 'regions', 'xinjiang.json'), 'utf8')) as Record<string, unknown> & {
    package: Record<string, unknown> & { applicationForm: Record<string, unknown>; agreement: Record<string, unknown> };
    rules: Array<{ check: Record<string, unknown> }>;
  };
  const cover = {
    attachmentLabel: '附件一',
    lines: [
      { label: '联合体名称', value: 'consortiumName' },
      { label: '牵头单位', value: 'lead', suffix: '（盖章）' },
      { label: '联系电话', value: 'contactPhone' },
      { label: '填报日期', value: 'fillDate' },
    ],
    footLines: ['海南省科学技术厅制'],
  };
  return {
    ...base,
    id: 'hainan',
    name: '海南省',
    shortName: '海南',
    issuer: '海南省科学技术厅',
    formTitle: '海南省创新联合体组建申请表',
    agreementTitle: '海南省创新联合体组建协议',
    divisionPrefix: '46',
    source: { file: 'synthetic.txt', title: '海南省创新联合体测试指引' },
    summary: '测试用的第六个地区。',
    instructions: ['一、测试用填表说明。'],
    // Rules tied to Xinjiang's division codes do not apply to another province.
    rules: base.rules.filter((rule) => !('regionCode' in rule.check)),
    package: {
      ...base.package,
      listOrder: 6,
      filed: ['applicationForm', 'agreement', 'implementationPlan'],
      filing: { way: 'paper', copies: 2, submitTo: '海南省科学技术厅', how: '申请书一式两份，盖章后报海南省科学技术厅。' },
      applicationForm: {
        ...base.package.applicationForm,
        cover,
        blankRows: { team: 4, platforms: 3, members: 6 },
        opinions: [
          { title: '牵头单位意见', signer: '牵头单位（盖章）：', party: 'lead' },
          { title: '市县科技局推荐意见', signer: '推荐单位（盖章）：', party: 'recommender' },
          { title: '海南省科学技术厅意见', signer: '海南省科学技术厅（盖章）：', party: 'department' },
        ],
      },
      agreement: {
        ...base.package.agreement,
        cover: { ...cover, attachmentLabel: '附件二' },
        tierNumbering: 'chinese',
        signatory: '主要负责人（签字）',
        authorityLetter: false,
      },
    },
  };
}

describe('a sixth region, added as a file', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let regionsDir: string;
  let store: DraftStore;
  let api: CoreHandlers;

  beforeAll(() => {
    temp = makeTempDir('lianheti-sixth-region-');
    regionsDir = join(temp.dir, 'regions');
    mkdirSync(regionsDir);
    for (const file of readdirSync(join(resourcesDir(), 'regions'))) copyFileSync(join(resourcesDir(), 'regions', file), join(regionsDir, file));
    writeFileSync(join(regionsDir, 'hainan.json'), JSON.stringify(sixthRegion(), null, 2));
    clearRegionTemplateCache();
    store = DraftStore.open(join(temp.dir, 'drafts.sqlite'), { autoRevisionMinutes: 0 });
    api = createCoreHandlers({ store, templates: loadRegionTemplates(regionsDir), appVersion: 'test', host: 'web' });
  });
  afterAll(() => {
    store.close();
    clearRegionTemplateCache();
    temp.cleanup();
  });

  it('is loaded from the folder, in its list order, and its id passes the contract', () => {
    const templates = loadRegionTemplates(regionsDir);
    expect(templates.map((template) => template.id)).toEqual(['xinjiang', 'guangxi', 'chongqing', 'zhejiang', 'neimenggu', 'hainan', 'general']);
    expect(contract['drafts.create'].input.safeParse({ regionId: 'hainan' }).success).toBe(true);
    expect(contract['drafts.create'].input.safeParse({ regionId: '../etc' }).success).toBe(false);
  });

  it('refuses a region no file describes, in Chinese', async () => {
    await expect(Promise.resolve().then(() => api['drafts.create']({ regionId: 'atlantis' }))).rejects.toThrow('不支持的地区模板');
  });

  it('exports its whole package, every file valid against ISO 29500, printed as its data says', async () => {
    const created = await api['drafts.create']({ regionId: 'hainan' });
    const example = exampleDraft('xinjiang');
    const draft = store.createDraft({
      id: `${created.id}-filled`,
      regionId: 'hainan',
      templateVersion: created.templateVersion,
      fields: { ...example.fields, consortiumName: '海南省热带农业创新联合体' },
      tables: Object.fromEntries(tableIds.map((t) => [t, example.tables[t].map((row) => row.values)])),
    });
    const out = join(temp.dir, 'out');
    mkdirSync(out);
    const result = await api['documents.export']({ draftId: draft.id, dir: out, pdf: false });
    const template = loadRegionTemplates(regionsDir).find((candidate) => candidate.id === 'hainan')!;
    expect(result.files.map((file) => file.kind)).toEqual(template.documents);
    expect(result.skipped).toEqual([]);

    const agreement = result.files.find((file) => file.kind === 'agreement')!;
    const xml = readZipEntry(readFileSync(join(result.folder, agreement.name)), 'word/document.xml');
    for (const text of ['附件二', '海南省科学技术厅制', '主要负责人（签字）', '（一）牵头单位']) expect(xml).toContain(text);
    expect(xml).not.toContain('授权代表');

    const form = plainText(buildDocument('applicationForm', template, draft));
    for (const text of ['附件一', '市县科技局推荐意见', '海南省科学技术厅（盖章）：']) expect(form).toContain(text);
    // Nothing of the file it was copied from but the draft's own text: not Xinjiang's department nor its blocks.
    expect(form).not.toContain('新疆维吾尔自治区科学技术厅');
    expect(form).not.toContain('地（州、市）科技部门推荐意见');
    const checklist = plainText(buildStampChecklist(template, draft));
    expect(checklist).toContain('申请书一式两份，盖章后报海南省科学技术厅。下列次数均为2份合计');
    expect(checklist).toContain('须由主要负责人本人签字');
    expect(filingDocuments(template)).toEqual(['applicationForm', 'agreement', 'implementationPlan']);

    if (existsSync(validator)) {
      const report = execFileSync(validator, [result.folder], { encoding: 'utf8' });
      expect(report).toMatch(/ooxml schema: 0 invalid of \d+ parts/);
    }
  });

  it('needs no code of ours to name any region: no region id is written in electron/ or renderer/', () => {
    const ids = loadRegionTemplates().map((template) => template.id);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'node_modules') walk(path);
        } else if (/\.(ts|tsx)$/.test(entry.name)) {
          const source = readFileSync(path, 'utf8');
          for (const id of ids) if (new RegExp(`['"\`]${id}['"\`]`).test(source)) offenders.push(`${relative(repo, path)}: ${id}`);
        }
      }
    };
    walk(join(repo, 'electron'));
    walk(join(repo, 'renderer', 'src'));
    expect(offenders).toEqual([]);
  });
});
