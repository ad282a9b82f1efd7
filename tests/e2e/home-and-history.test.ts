import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { E2E } from './support';
import { openPage, seedDraft, shotAt, startE2E, stopE2E } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

describe('home, the copy to another region and the history, at the sizes office screens have', () => {
  it('labels every command of a draft on one line and tells drafts with the same name apart', async () => {
    const name = { consortiumName: '内蒙古自治区煤基新材料创新联合体' };
    const first = seedDraft(e2e.host, 'neimenggu', name, { members: [{ name: '内蒙古天衡化工有限公司' }] });
    seedDraft(e2e.host, 'neimenggu', name, { members: [{ name: '内蒙古稀土研究院' }] });
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    await page.goto(`${e2e.host.url}/#/`);
    const row = page.locator(`tr[data-row-key="${first.id}"]`);
    await row.waitFor();
    const names = ['打开', '复制', '转其他地区', '保存为项目文件', '删除'];
    const tops: number[] = [];
    for (const name of names) {
      const button = row.getByRole('button', { name: new RegExp(`^${name.split('').join('\\s?')}$`) });
      const box = await button.boundingBox();
      expect(box, name).not.toBeNull();
      tops.push(Math.round(box?.y ?? 0));
    }
    // All on one line: the same top for each.
    expect(new Set(tops).size).toBe(1);
    // Two drafts of one name: the lead unit and when each was made are shown under it.
    expect(await row.textContent()).toContain('牵头单位：内蒙古天衡化工有限公司');
    expect(await row.textContent()).toMatch(/创建于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} · 另有同名草稿/);
    await shotAt(page, 'home-10-labelled-actions', 1366, 768);
    await shotAt(page, 'home-10-labelled-actions', 1920, 1080);
    expect(errors).toEqual([]);
  });

  it('keeps 复制 in view at 1366 × 768, shows choices by their names and says the name needs changing', async () => {
    const draft = seedDraft(e2e.host, 'neimenggu', { consortiumName: '内蒙古自治区稀土新材料创新联合体', techFields: 'B,A,D' });
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    await page.goto(`${e2e.host.url}/#/`);
    const row = page.locator(`tr[data-row-key="${draft.id}"]`);
    await row.getByRole('button', { name: /转其他地区/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('新疆', { exact: true }).click();
    await dialog.getByText(/新疆需要补填/).waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).not.toContain('B,A,D');
    expect(text).toContain('B.化工、A.新能源、D.节能环保');
    expect(await dialog.getByTestId('copy-name-hint').textContent()).toContain('其中含“内蒙古”');
    expect(await dialog.getByTestId('copy-name-hint').textContent()).toContain('新疆维吾尔自治区××××创新联合体');
    const button = dialog.getByRole('button', { name: /复制为新疆申报/ });
    const box = await button.boundingBox();
    expect((box?.y ?? 9999) + (box?.height ?? 0)).toBeLessThanOrEqual(768);
    await shotAt(page, 'home-11-copy-dialog', 1366, 768);
    await shotAt(page, 'home-11-copy-dialog', 1920, 1080);
    expect(errors).toEqual([]);
  });

  it('numbers the versions in the history, writes each moment one way, and does not repeat the cause', async () => {
    const draft = seedDraft(e2e.host, 'xinjiang', { consortiumName: '历史版本测试联合体' });
    const auto = e2e.host.store.createRevision(draft.id, 'auto', '定时自动保存的版本');
    e2e.host.store.setField(draft.id, 'contactName', '张三');
    e2e.host.store.setField(draft.id, 'goals', '突破关键技术');
    e2e.host.store.addRows(draft.id, 'members', null, [{ name: '新疆能源集团' }, { name: '新疆大学' }]);
    e2e.host.store.createRevision(draft.id, 'manual', '报送前定稿');
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/basic`);
    await page.getByRole('button', { name: /历史版本/ }).click();
    const history = page.getByTestId('history');
    const entries = history.getByTestId('revision');
    await expect.poll(() => entries.count()).toBe(2);
    const autoEntry = entries.filter({ hasText: `#${auto.id}` });
    const autoText = (await autoEntry.textContent()) ?? '';
    expect(autoText.match(/定时自动保存/g)).toHaveLength(1);
    expect(autoText).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await entries.filter({ hasText: '报送前定稿' }).count()).toBe(1);
    // Each version says in one line what it changed against the one below it.
    expect(await autoEntry.getByTestId('revision-changes').textContent()).toBe('最早的版本：基本信息 1 项');
    expect(await entries.filter({ hasText: '报送前定稿' }).getByTestId('revision-changes').textContent()).toBe(
      '基本信息 1 项、文字材料 1 项、成员单位 +2 行',
    );

    // Restoring names the version by its number; the version taken before it refers to that number too.
    await autoEntry.getByRole('button', { name: /恢\s?复/ }).click();
    await page.getByText(`恢复到版本 #${auto.id}？`).waitFor();
    await page.getByRole('button', { name: /^恢\s?复$/ }).last().click();
    await page.getByText(new RegExp(`已恢复到版本 #${auto.id}（\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}）`)).waitFor();
    await expect.poll(() => entries.count()).toBe(3);
    expect(await entries.first().textContent()).toContain(`恢复到版本 #${auto.id} 之前`);
    expect(await entries.first().getByTestId('revision-changes').textContent()).toBe('与上一版本相同');
    await shotAt(page, 'history-01-numbered', 1366, 768);
    await shotAt(page, 'history-01-numbered', 1920, 1080);
    expect(errors).toEqual([]);
  });
});
