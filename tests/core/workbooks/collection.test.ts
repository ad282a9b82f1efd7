import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProjectFile, projectDraftToDraft } from '../../../electron/core/project/project-file';
import { getRegionTemplate, loadRegionTemplates } from '../../../electron/core/regions/templates';
import type { DraftStore } from '../../../electron/core/storage/draft-store';
import {
  applyAbsorb,
  planAbsorb,
  readCollectionWorkbooks,
  writeCollectionFiles,
  writeCollectionWorkbook,
} from '../../../electron/core/workbooks';
import type { Draft, Values } from '../../../electron/shared/draft';
import type { AbsorbPreview, CollectionFile } from '../../../electron/shared/workbooks';
import { makeDraft, makeUscc, openTempStore, sofficeSheets, storeDraft } from './fixtures';

/**
 * Member data collection (信息采集) for a 10-member draft: one pre-filled workbook per member, each filled
 * in "by the member" (edited with exceljs, as Excel or WPS would save it), all read back at once,
 * matched by 统一社会信用代码, conflicts decided, and applied to a real store.
 */

const xinjiang = getRegionTemplate('xinjiang');
const tiers = ['牵头单位', '核心层单位', '核心层单位', '紧密合作单位', '紧密合作单位', '紧密合作单位', '一般协作层单位', '一般协作层单位', '一般协作层单位', '一般协作层单位'];
const names = ['新疆天衡能源化工集团有限公司', '新疆天山工业大学', '新疆煤化工技术研究院', '克拉玛依天成催化材料股份有限公司', '新疆准东清源化工有限公司', '新疆昆仑智控信息技术有限公司', '石河子北疆化工装备制造有限公司', '新疆西域环保科技有限公司', '哈密伊吾煤炭分质利用有限公司', '新疆天衡化工新材料有限公司'];
// Member 8's code ends in X, the character a number would lose.
const usccs = names.map((_, i) => makeUscc(i === 7 ? 22 : 100 + i * 29));
const correctedUscc = makeUscc(900);

function tenMemberDraft(): Draft {
  return makeDraft(
    xinjiang,
    {
      members: names.map((name, i) => ({
        name,
        uscc: usccs[i],
        unitType: i === 1 ? '高校' : i === 2 ? '科研院所' : '企业',
        tier: tiers[i],
        highTech: i === 1 || i === 2 ? '否' : '是',
        role: `${name}负责第${i + 1}项攻关任务。`,
        contactName: `联系人${i + 1}`,
      })),
      team: [
        ...names.slice(0, 5).flatMap((name, i) => [
          { name: `甲${i}`, age: String(40 + i), postTitle: '主任/高级工程师', major: i === 2 ? '' : '化学工程', workUnit: name },
          { name: `乙${i}`, age: String(30 + i), postTitle: '工程师', major: '过程控制', workUnit: name },
        ]),
      ],
      platforms: names.slice(0, 3).map((name, i) => ({ name: `${name.slice(2, 6)}重点实验室`, field: '煤化工', level: i === 0 ? '国家级' : '省级', builtAt: '2015-06', hostUnit: name })),
    },
    { contactName: '黎琳', contactPhone: '0994-2356781' },
  );
}

/** Sets the value next to a label in the 本单位信息 sheet. */
function setDetail(workbook: ExcelJS.Workbook, label: string, value: string): void {
  const sheet = workbook.getWorksheet('本单位信息') as ExcelJS.Worksheet;
  let found = false;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === label) {
      row.getCell(2).value = value;
      found = true;
    }
  });
  if (!found) throw new Error(`no ${label} in 本单位信息`);
}

/** What member unit i types into its file before sending it back. */
async function fillIn(bytes: Buffer, i: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  setDetail(workbook, '联系电话', i === 4 ? '12345' : `1390000000${i}`);
  if (i === 0) setDetail(workbook, '在行业（或领域）中的地位，在联合体内分工（限200字）', '自治区煤化工龙头企业，负责总体组织和中试。');
  if (i === 1) setDetail(workbook, '统一社会信用代码', correctedUscc);
  if (i === 2) {
    const team = workbook.getWorksheet('科研团队') as ExcelJS.Worksheet;
    team.getRow(2).getCell(3).value = 50; // 甲2's age: 42 in the draft
    team.getRow(2).getCell(5).value = '催化材料'; // 甲2's major: empty in the draft
    team.getRow(4).values = [3, '丙2', 29, '助理研究员', '分析化学'];
  }
  if (i === 3) {
    const platforms = workbook.getWorksheet('科研平台') as ExcelJS.Worksheet;
    platforms.getRow(2).values = [1, '催化材料工程技术研究中心', '催化材料', '省级', '2019-05'];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('collecting data from 10 member units', () => {
  let store: DraftStore;
  let dir: string;
  let cleanup: () => void;
  let draft: Draft;
  let files: CollectionFile[];
  let returned: Array<{ fileName: string; bytes: Buffer }>;
  let preview: AbsorbPreview;

  beforeAll(async () => {
    ({ store, dir, cleanup } = openTempStore());
    draft = storeDraft(store, tenMemberDraft());
    files = await writeCollectionFiles(xinjiang, draft, join(dir, '采集表'));
    returned = await Promise.all(files.map(async (file, i) => ({ fileName: file.fileName, bytes: await fillIn(readFileSync(file.path), i) })));
    // Another draft's member, the same member's file twice, and something that is not a workbook.
    const stranger = makeDraft(xinjiang, { members: [{ name: '外省某公司', uscc: makeUscc(777), unitType: '企业', tier: '牵头单位' }] });
    returned.push(
      { fileName: '外单位.xlsx', bytes: await writeCollectionWorkbook(xinjiang, stranger, stranger.tables.members[0].id) },
      { fileName: '重复.xlsx', bytes: returned[5].bytes },
      { fileName: '照片.xlsx', bytes: Buffer.from('not a workbook') },
    );
    preview = planAbsorb(xinjiang, draft, await readCollectionWorkbooks(returned, xinjiang));
  }, 120_000);
  afterAll(() => cleanup());

  it('writes one workbook per member, named after it', () => {
    expect(files).toHaveLength(10);
    expect(readdirSync(join(dir, '采集表')).sort()).toEqual(files.map((file) => file.fileName).sort());
    expect(files[0].fileName).toBe('信息采集表-01-新疆天衡能源化工集团有限公司.xlsx');
    expect(files.map((file) => file.memberRowId)).toEqual(draft.tables.members.map((row) => row.id));
  });

  it('pre-fills each workbook with what the draft knows about that member only', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(files[2].path) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.filter((sheet) => sheet.state !== 'hidden').map((sheet) => sheet.name)).toEqual(['填写说明', '本单位信息', '科研团队', '科研平台']);
    const details = new Map<string, ExcelJS.CellValue>();
    (workbook.getWorksheet('本单位信息') as ExcelJS.Worksheet).eachRow((row) => details.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(details.get('成员单位名称')).toBe(names[2]);
    expect(details.get('统一社会信用代码')).toBe(usccs[2]);
    expect(details.get('单位类型')).toBe('科研院所');
    // 层级 is the lead unit's decision: stated in the notes, not asked.
    expect(details.has('单位层级')).toBe(false);
    const notes = (workbook.getWorksheet('填写说明') as ExcelJS.Worksheet).getColumn(1).values.join('\n');
    expect(notes).toContain('核心层单位');
    expect(notes).toContain('黎琳');
    const team = workbook.getWorksheet('科研团队') as ExcelJS.Worksheet;
    expect(team.getRow(1).values).toEqual([undefined, '序号', '姓名', '年龄', '职务/职称', '从事专业']);
    expect(team.getColumn(2).values.slice(2)).toEqual(['甲2', '乙2']);
    expect((workbook.getWorksheet('_采集信息') as ExcelJS.Worksheet).state).toBe('hidden');
  });

  it('recognises each returned file by its 统一社会信用代码, and says which files cannot be used', () => {
    expect(preview.files.map((file) => file.status)).toEqual([...Array(10).fill('matched'), 'unmatched', 'error', 'error']);
    expect(preview.files.slice(0, 10).map((file) => file.memberRowId)).toEqual(draft.tables.members.map((row) => row.id));
    expect(preview.files[10].message).toContain(makeUscc(777));
    expect(preview.files[11].message).toContain(files[5].fileName);
    expect(preview.files[12].message).toContain('照片.xlsx');
  });

  it('fills empty cells and lists differing values as conflicts for the user to decide', () => {
    const lead = preview.files[0];
    expect(lead.member).toEqual([
      expect.objectContaining({ key: 'role', kind: 'conflict', incoming: '自治区煤化工龙头企业，负责总体组织和中试。' }),
      expect.objectContaining({ key: 'contactPhone', kind: 'fill', incoming: '13900000000' }),
    ]);
    // A member that corrected its code is still recognised, by the code its file was sent with.
    expect(preview.files[1]).toMatchObject({ matchedBy: 'sentUscc' });
    expect(preview.files[1].member).toContainEqual(expect.objectContaining({ key: 'uscc', kind: 'conflict', current: usccs[1], incoming: correctedUscc }));
    const team = preview.files[2].team;
    expect(team).toEqual([
      expect.objectContaining({
        kind: 'update',
        name: '甲2',
        changes: [
          expect.objectContaining({ key: 'age', kind: 'conflict', current: '42', incoming: '50' }),
          expect.objectContaining({ key: 'major', kind: 'fill', incoming: '催化材料' }),
        ],
      }),
      expect.objectContaining({ kind: 'add', name: '丙2' }),
    ]);
    expect(preview.files[3].platforms).toEqual([expect.objectContaining({ kind: 'add', name: '催化材料工程技术研究中心' })]);
    // An invalid phone is reported and not taken.
    expect(preview.files[4].member.map((change) => change.key)).not.toContain('contactPhone');
    expect(preview.files[4].problems).toContainEqual(expect.objectContaining({ columnKey: 'contactPhone', sheet: '本单位信息', severity: 'error' }));
    expect(preview.conflictCount).toBe(3);
  });

  it('applies the files with the decisions taken, after a revision, and changes nothing before', async () => {
    expect(store.listRevisions(draft.id)).toEqual([]);
    const conflicts = preview.files.flatMap((file) => [...file.member, ...file.team.flatMap((row) => row.changes)]).filter((change) => change.kind === 'conflict');
    const decision = (key: string, choice: 'keep' | 'take') => ({ conflictId: conflicts.find((change) => change.key === key)?.conflictId as string, choice });
    const summary = applyAbsorb(store, draft.id, xinjiang, await readCollectionWorkbooks(returned, xinjiang), [
      decision('role', 'take'),
      decision('uscc', 'take'),
      decision('age', 'keep'),
    ]);
    // Member 5 (index 4) only sent an invalid phone number: nothing of it changes.
    expect(summary).toMatchObject({ filesApplied: 10, membersUpdated: 9, teamAdded: 1, teamUpdated: 1, platformsAdded: 1, conflictsTaken: 2, conflictsKept: 1 });
    const after = store.getDraft(draft.id);
    const members = after.tables.members.map((row) => row.values);
    expect(members[0].role).toBe('自治区煤化工龙头企业，负责总体组织和中试。');
    expect(members[1].uscc).toBe(correctedUscc);
    expect(members.map((values) => values.contactPhone)).toEqual(members.map((_, i) => (i === 4 ? undefined : `1390000000${i}`)));
    const team = after.tables.team.map((row): Values => row.values);
    // The new person comes right after the member's own people, with the member as 工作单位.
    expect(team.map((values) => values.name)).toEqual(['甲0', '乙0', '甲1', '乙1', '甲2', '乙2', '丙2', '甲3', '乙3', '甲4', '乙4']);
    expect(team[4]).toMatchObject({ age: '42', major: '催化材料' });
    expect(team[6]).toMatchObject({ name: '丙2', age: '29', postTitle: '助理研究员', workUnit: names[2] });
    expect(after.tables.platforms[3].values).toMatchObject({ name: '催化材料工程技术研究中心', level: '省级', builtAt: '2019-05', hostUnit: names[3] });
    const [revision] = store.listRevisions(draft.id);
    expect(revision).toMatchObject({ id: summary.revisionId, cause: 'before-import' });
  });

  it('opens in LibreOffice with the member’s code intact and its lists filled', () => {
    // The member whose code ends in X: the character a number would lose.
    const index = usccs.findIndex((code) => code.endsWith('X'));
    expect(index).toBeGreaterThanOrEqual(0);
    const file = files[index];
    const book = sofficeSheets([file.path], dir).get(file.path) as Map<string, string[][]>;
    expect([...book.keys()]).toEqual(expect.arrayContaining(['填写说明', '本单位信息', '科研团队', '科研平台']));
    const details = book.get('本单位信息') as string[][];
    expect(details.find((row) => row[0] === '统一社会信用代码')?.[1]).toBe(usccs[index]);
    expect(details.find((row) => row[0] === '成员单位名称')?.[1]).toBe(names[index]);
  }, 120_000);
});

describe('a member whose 统一社会信用代码 the draft did not have yet', () => {
  it('is recognised by the row its file was made for, and its code is filled in', async () => {
    const { store, cleanup } = openTempStore();
    try {
      const draft = storeDraft(store, makeDraft(xinjiang, { members: [{ name: '新疆天衡能源化工集团有限公司', uscc: usccs[0], tier: '牵头单位' }, { name: '新疆新成员有限公司', tier: '紧密合作单位' }] }));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await writeCollectionWorkbook(xinjiang, draft, draft.tables.members[1].id)) as unknown as ExcelJS.Buffer);
      setDetail(workbook, '统一社会信用代码', usccs[5]);
      const results = await readCollectionWorkbooks([{ fileName: 'new.xlsx', bytes: Buffer.from(await workbook.xlsx.writeBuffer()) }], xinjiang);
      const [file] = planAbsorb(xinjiang, draft, results).files;
      expect(file).toMatchObject({ status: 'matched', matchedBy: 'sentTo', memberRowId: draft.tables.members[1].id });
      expect(file.member).toContainEqual(expect.objectContaining({ key: 'uscc', kind: 'fill', incoming: usccs[5] }));
      applyAbsorb(store, draft.id, xinjiang, results, []);
      expect(store.getDraft(draft.id).tables.members[1].values.uscc).toBe(usccs[5]);
    } finally {
      cleanup();
    }
  });
});

describe('a returned file for a draft’s member that was renamed', () => {
  it('moves the member’s people and platforms to the new name when the new name is taken', async () => {
    const { store, cleanup } = openTempStore();
    try {
      const draft = storeDraft(store, tenMemberDraft());
      const bytes = await writeCollectionWorkbook(xinjiang, draft, draft.tables.members[2].id);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      setDetail(workbook, '成员单位名称', '新疆煤化工技术研究院有限公司');
      const results = await readCollectionWorkbooks([{ fileName: 'r.xlsx', bytes: Buffer.from(await workbook.xlsx.writeBuffer()) }], xinjiang);
      const [file] = planAbsorb(xinjiang, draft, results).files;
      const conflict = file.member.find((change) => change.key === 'name');
      applyAbsorb(store, draft.id, xinjiang, results, [{ conflictId: conflict?.conflictId as string, choice: 'take' }]);
      const after = store.getDraft(draft.id);
      expect(after.tables.members[2].values.name).toBe('新疆煤化工技术研究院有限公司');
      expect(after.tables.team.filter((row) => row.values.workUnit === '新疆煤化工技术研究院有限公司').map((row) => row.values.name)).toEqual(['甲2', '乙2']);
      expect(after.tables.platforms[2].values.hostUnit).toBe('新疆煤化工技术研究院有限公司');
    } finally {
      cleanup();
    }
  });
});

describe('collection workbooks of every region’s example project', () => {
  it('make no change and report no problem when returned as sent', async () => {
    for (const template of loadRegionTemplates()) {
      const path = join(__dirname, `../../../resources/examples/${template.id}.json`);
      if (!existsSync(path)) continue;
      const example = projectDraftToDraft(parseProjectFile(readFileSync(path, 'utf8')).drafts[0], randomUUID);
      const files = await Promise.all(
        example.tables.members.map(async (member) => ({ fileName: `${member.id}.xlsx`, bytes: await writeCollectionWorkbook(template, example, member.id) })),
      );
      const { files: previews, conflictCount } = planAbsorb(template, example, await readCollectionWorkbooks(files, template));
      expect(previews.map((file) => file.status), template.id).toEqual(example.tables.members.map(() => 'matched'));
      expect(previews.flatMap((file) => [...file.member, ...file.team, ...file.platforms, ...file.problems]), template.id).toEqual([]);
      expect(conflictCount).toBe(0);
    }
  }, 60_000);
});
