import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { E2E } from './support';
import { openPage, rowsOf, seedDraft, shot, startE2E, stopE2E, waitSaved } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

describe('nothing the user typed is lost', () => {
  it('keeps what was typed through a reload in the middle of the walk, even while saving fails', async () => {
    const draft = seedDraft(e2e.host, 'xinjiang', {}, { team: [{ name: '马志远' }] });
    const { page, errors } = await openPage(e2e);
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/basic`);
    await page.locator('#field-consortiumName').fill('新疆现代煤化工创新联合体');
    await waitSaved(page);

    // A team cell and a text typed and the page reloaded at once, before the autosave's pause has passed.
    await page.locator('[data-step="team"]').click();
    await page.getByRole('textbox', { name: '姓名，第 1 行' }).click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('56');
    await page.locator('[data-step="texts"]').click();
    await page.locator('#field-goals').fill('用3—5年时间突破一批产业共性关键技术。');
    await page.reload();
    await expect.poll(() => page.locator('#field-goals').inputValue()).toBe('用3—5年时间突破一批产业共性关键技术。');
    expect(page.url()).toContain('/texts');
    await waitSaved(page);
    expect(e2e.host.store.getDraft(draft.id).fields.goals).toBe('用3—5年时间突破一批产业共性关键技术。');
    expect(rowsOf(e2e.host, draft.id, 'team')[0]).toEqual({ name: '马志远', age: '56' });

    // Saving fails (the service refuses): the reason and a retry are shown, the text stays on screen…
    await page.route('**/api/drafts.setField', (route) => route.abort('connectionrefused'));
    await page.locator('#field-goals').fill('用3—5年时间突破一批产业共性关键技术，培养引进高层次人才30名。');
    const state = page.getByTestId('save-state');
    await state.getByText(/保存失败：无法连接到本机服务/).waitFor();
    await state.getByRole('button', { name: /重\s?试/ }).waitFor();
    await shot(page, 'safety-01-save-failed');
    // …and survives a reload while the service is still down.
    await page.reload();
    await expect
      .poll(() => page.locator('#field-goals').inputValue())
      .toBe('用3—5年时间突破一批产业共性关键技术，培养引进高层次人才30名。');
    await page.getByText(/已找回上次未来得及保存的 1 处修改/).waitFor();
    await shot(page, 'safety-02-recovered-after-reload');
    expect(e2e.host.store.getDraft(draft.id).fields.goals).toBe('用3—5年时间突破一批产业共性关键技术。');

    // The service is back: retry writes it.
    await page.unroute('**/api/drafts.setField');
    await state.getByRole('button', { name: /重\s?试/ }).click();
    await waitSaved(page);
    expect(e2e.host.store.getDraft(draft.id).fields.goals).toBe('用3—5年时间突破一批产业共性关键技术，培养引进高层次人才30名。');
    expect(errors).toEqual([]);
  });

  it('restores a revision, keeping the state before the restore as a revision of its own', async () => {
    const draft = seedDraft(e2e.host, 'xinjiang', { consortiumName: '初稿名称创新联合体' });
    const { page, errors } = await openPage(e2e);
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/basic`);
    const name = page.locator('#field-consortiumName');
    await expect.poll(() => name.inputValue()).toBe('初稿名称创新联合体');

    await page.getByRole('button', { name: /历史版本/ }).click();
    await page.getByText('还没有历史版本').waitFor();
    await page.getByLabel('版本说明').fill('初稿');
    await page.getByRole('button', { name: /保存当前版本/ }).click();
    await page.getByTestId('revision').getByText('初稿').waitFor();
    await page.keyboard.press('Escape');

    await name.fill('改过的名称创新联合体');
    await waitSaved(page);
    await page.getByRole('button', { name: /历史版本/ }).click();
    const first = page.getByTestId('revision').filter({ hasText: '初稿' });
    await first.getByRole('button', { name: /恢\s?复/ }).click();
    await page.getByRole('button', { name: /^恢\s?复$/ }).last().click();
    await page.getByText(/已恢复到/).waitFor();
    await expect.poll(() => page.getByTestId('revision').count()).toBe(2);
    expect(await page.getByTestId('revision').first().textContent()).toContain('恢复前');
    await shot(page, 'safety-03-revision-restored');
    await page.keyboard.press('Escape');

    await expect.poll(() => name.inputValue()).toBe('初稿名称创新联合体');
    expect(e2e.host.store.getDraft(draft.id).fields.consortiumName).toBe('初稿名称创新联合体');
    const kept = e2e.host.store.listRevisions(draft.id).find((revision) => revision.cause === 'before-restore');
    expect(kept).toBeDefined();
    expect(errors).toEqual([]);
  });

  it('moves a draft to the trash and restores it from there', async () => {
    const draft = seedDraft(e2e.host, 'guangxi', { consortiumName: '广西回收站测试创新联合体' });
    const { page, errors } = await openPage(e2e);
    await page.goto(e2e.host.url);
    const row = page.getByRole('row').filter({ hasText: '广西回收站测试创新联合体' });
    await row.getByRole('button', { name: /删\s?除/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /删\s?除/ }).click();
    await page.getByText('已移到回收站').waitFor();
    expect(e2e.host.store.getDraft(draft.id).deletedAt).not.toBeNull();
    await expect.poll(() => row.count()).toBe(0);

    await page.getByRole('tab', { name: /回收站（1）/ }).click();
    const trashed = page.getByRole('row').filter({ hasText: '广西回收站测试创新联合体' });
    await trashed.waitFor();
    await shot(page, 'safety-04-trash');
    await trashed.getByRole('button', { name: /恢\s?复/ }).click();
    await page.getByText('已从回收站恢复').waitFor();
    expect(e2e.host.store.getDraft(draft.id).deletedAt).toBeNull();
    await page.getByRole('tab', { name: /草稿/ }).click();
    await page.getByRole('row').filter({ hasText: '广西回收站测试创新联合体' }).waitFor();
    await shot(page, 'safety-05-restored-from-trash');
    expect(errors).toEqual([]);
  });
});
