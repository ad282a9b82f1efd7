import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import xinjiang from '../../resources/regions/xinjiang.json';
import { toTsv } from '../../renderer/src/components/grid/tsv';
import type { E2E } from './support';
import { openPage, pasteText, shot, startE2E, stopE2E, uscc, waitSaved } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

const lead = '新疆天衡能源化工集团有限公司';
const members = [
  [lead, uscc('91650100MA7812345'), '国家高新技术企业，自治区煤化工行业龙头企业，负责联合体统筹协调和中试验证。', '企业', '牵头单位', '是', '是'],
  ['新疆天山工业大学', uscc('12650100457800123'), '自治区重点建设高校，负责煤气化机理研究。', '高校', '核心层单位', '否', '是'],
  ['新疆煤化工技术研究院', uscc('12650100457800456'), '自治区属公益类科研机构，负责催化剂研发。', '科研院所', '核心层单位', '否', '是'],
  ['新疆准东清源化工有限公司', uscc('91652300MA7823456'), '准东地区煤制天然气骨干企业，负责工业示范。', '企业', '核心层单位', '是', '是'],
  ['新疆西域环保科技有限公司', uscc('91650100MA7834567'), '高盐废水处理专精特新企业，负责废水资源化。', '企业', '紧密合作单位', '否', '是'],
  ['克拉玛依天成催化材料股份有限公司', uscc('91650200MA7845678'), '催化剂生产企业，负责催化剂放大生产。', '企业', '紧密合作单位', '是', '是'],
  ['新疆昆仑智控信息技术有限公司', uscc('91650100MA7856789'), '工业控制系统集成商，负责智能控制。', '企业', '一般协作层单位', '否', '是'],
];

const paragraph = (topic: string) =>
  `${topic}：联合体围绕自治区煤炭煤电煤化工产业集群发展需要，聚焦高碱煤清洁高效转化，组织成员单位协同攻关，形成可推广的成套技术。`;

describe('a new user, without a manual', () => {
  it('walks a Xinjiang application from an empty start to an exported, printable package', async () => {
    const { page, errors } = await openPage(e2e);
    await page.goto(e2e.host.url);
    await page.getByText('还没有草稿').waitFor();
    await shot(page, 'walk-01-home-empty');

    // 新建申报: pick the region, read what it asks for, create.
    await page.getByRole('button', { name: '新建申报' }).click();
    await page.getByText('新建申报：选择地区').waitFor();
    await page.getByText('新疆', { exact: true }).click();
    const summary = page.getByTestId('region-summary');
    await expect.poll(() => summary.textContent()).toContain('一式三份');
    expect(await summary.textContent()).toContain('组建协议');
    await shot(page, 'walk-02-new-draft-region');
    await page.getByRole('button', { name: /创\s?建/ }).click();

    // 基本信息, with the 填表说明 beside the fields.
    await page.locator('#field-consortiumName').waitFor();
    expect(await page.getByTestId('instructions').textContent()).toContain('联合体牵头单位须加盖法人公章');
    const basic: Record<string, string> = {
      consortiumName: '新疆维吾尔自治区现代煤化工创新联合体',
      industryField: '煤炭煤电煤化工',
      leadUnit: lead,
      chiefScientist: '马志远',
      chiefScientistTitle: '院长/教授',
      contactName: '陈晓燕',
      contactPhone: '0994-2356781',
      leadRevenue: '865000',
      leadRdStaff: '186',
      // 「承担过自治区及以上科技重大任务」「近三年企业研发投入持续增长」.
      leadMajorTasks: '自治区重大科技专项“煤制烯烃成套技术工业化示范”（2019—2022年），突破大型气化炉长周期运行技术。',
      rdSpendingY1: '21000',
      rdSpendingY2: '24000',
      rdSpendingY3: '28000',
    };
    for (const [key, value] of Object.entries(basic)) await page.locator(`#field-${key}`).fill(value);
    for (const [key, value] of [['agreementDate', '2025-03-06'], ['fillDate', '2025-03-18']]) {
      await page.locator(`#field-${key}`).click();
      await page.locator(`#field-${key}`).fill(value);
      await page.keyboard.press('Enter');
    }
    await waitSaved(page);
    await shot(page, 'walk-03-basic');

    // 牵头单位与成员单位: seven units pasted from a spreadsheet into the empty table.
    await page.getByRole('button', { name: /下一步：牵头单位与成员单位/ }).click();
    const memberGrid = page.getByTestId('grid-members');
    await memberGrid.getByText('还没有数据').click();
    await pasteText(page, `${toTsv(members)}\r\n`);
    await memberGrid.getByText('共 7 行').waitFor();
    await expect.poll(() => page.getByTestId('members-summary').textContent()).toContain('成员总数 7 家');
    expect(await page.getByTestId('members-summary').textContent()).toContain('企业 5 家（71.4%）');
    await waitSaved(page);
    await shot(page, 'walk-04-members');

    // 科研团队: two people typed in, cell by cell.
    await page.getByRole('button', { name: /下一步：科研团队/ }).click();
    await page.getByRole('button', { name: '添加一行' }).click();
    for (const person of [
      ['马志远', '56', '院长/教授', '化学工程', '新疆天山工业大学'],
      ['周立新', '52', '副总经理/正高级工程师', '煤化工工艺', lead],
    ]) {
      for (const value of person) {
        await page.keyboard.type(value);
        await page.keyboard.press('Tab');
      }
    }
    await page.keyboard.press('Escape');
    await waitSaved(page);
    await shot(page, 'walk-05-team');

    // 科研平台: the lead's national platform.
    await page.getByRole('button', { name: /下一步：科研平台/ }).click();
    await page.getByTestId('grid-platforms').getByText('还没有数据').click();
    await pasteText(page, toTsv([[`${lead}国家企业技术中心`, '煤化工', '国家级', '2019-06', lead]]));
    await expect.poll(() => page.getByTestId('platforms-summary').textContent()).toContain('国家级平台 1 个');
    await waitSaved(page);
    await shot(page, 'walk-06-platforms');

    // 文字材料: every section, each with its live 字数.
    await page.getByRole('button', { name: /下一步：文字材料/ }).click();
    const textFields = xinjiang.fields.filter((field) => field.step === 'texts' && field.required);
    for (const field of textFields) {
      await page.locator(`#section-${field.key}`).click();
      await page.locator(`#field-${field.key}`).fill(paragraph(field.label));
    }
    await page.locator('#section-goals').click();
    await expect.poll(() => page.getByTestId('count-goals').textContent()).toMatch(/^\d+ \/ 500 字$/);
    await waitSaved(page);
    await shot(page, 'walk-07-texts');

    // 组建协议.
    await page.getByRole('button', { name: /下一步：组建协议/ }).click();
    for (const field of xinjiang.fields.filter((candidate) => candidate.step === 'agreement')) {
      await page.locator(`#section-${field.key}`).click();
      await page.locator(`#field-${field.key}`).fill(paragraph(field.label));
    }
    expect(await page.getByTestId('agreement-parties').textContent()).toContain(`牵头单位：${lead}`);
    await waitSaved(page);
    await shot(page, 'walk-08-agreement');

    // 检查: no errors left and every rule met.
    await page.getByRole('button', { name: /下一步：检查/ }).click();
    await page.locator('[data-testid="check-report"][aria-busy="false"]').waitFor();
    expect(await page.getByTestId('eligibility').textContent()).toBe('符合组建条件');
    expect(await page.getByTestId('step-check').textContent()).toContain('必填未填 0 项 · 填写有误 0 处');
    await shot(page, 'walk-09-check');

    // 导出与打印: preview, print three copies, export the folder.
    await page.getByRole('button', { name: /下一步：导出与打印/ }).click();
    const frame = page.frameLocator('[data-testid="preview-frame"]');
    await frame.getByText('组建申请表').first().waitFor();
    await shot(page, 'walk-10-export-preview-package');
    await page.locator('[data-document="agreement"]').click();
    await frame.getByText('违约责任追究方式').first().waitFor();
    await shot(page, 'walk-11-export-preview-agreement');
    await page.locator('[data-document="package"]').click();
    await frame.getByText('组建申请表').first().waitFor();
    // What the browser prints is the document itself, not the app around it.
    await page.evaluate(
      'window.print = () => { const root = document.querySelector(".print-root"); window.__printed = { text: root ? root.textContent : "", appHidden: getComputedStyle(document.getElementById("root")).display === "none" }; }',
    );
    // The browser's own dialog starts at one copy: the hint to set 3 is there before printing, not after.
    expect(await page.getByTestId('print-copies-hint').textContent()).toContain('请将“份数”设为 3');
    await page.getByRole('button', { name: /打印整套材料（3 份）/ }).click();
    await page.getByText('请在浏览器的打印对话框中将份数设为 3').waitFor();
    const printed = await page.evaluate<{ text: string; appHidden: boolean }>('window.__printed');
    expect(printed.appHidden).toBe(true);
    expect(printed.text).toContain('新疆维吾尔自治区现代煤化工创新联合体');
    expect(printed.text).toContain('违约责任追究方式');
    expect(await page.locator('.print-root').count()).toBe(0);

    // The browser version says where it writes, since it cannot ask.
    await expect.poll(() => page.getByTestId('export-where').textContent()).toContain(join(e2e.host.dataDir, '导出'));
    await page.getByRole('button', { name: /导出到数据文件夹/ }).click();
    const result = page.getByTestId('export-result');
    await result.waitFor({ timeout: 45_000 });
    await result.scrollIntoViewIfNeeded();
    await shot(page, 'walk-12-exported');
    const folder = join(e2e.host.dataDir, '导出', '新疆维吾尔自治区现代煤化工创新联合体');
    expect(existsSync(folder)).toBe(true);
    const files = readdirSync(folder);
    expect(files.filter((name) => name.endsWith('.docx')).length).toBeGreaterThanOrEqual(4);
    expect(files.some((name) => name.endsWith('.xlsx'))).toBe(true);
    expect(files.some((name) => name.includes('盖章清单'))).toBe(true);
    const pdf = files.find((name) => name.endsWith('.pdf'));
    expect(pdf).toBeDefined();
    expect(statSync(join(folder, pdf ?? '')).size).toBeGreaterThan(10_000);
    expect(await result.textContent()).toContain(folder);
    expect(errors).toEqual([]);
  }, 90_000);
});
