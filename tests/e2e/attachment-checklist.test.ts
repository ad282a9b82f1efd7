import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Values } from '../../electron/shared/draft';
import type { TableId } from '../../electron/shared/region-template';
import { openPage, seedDraft, shot, startE2E, stopE2E, waitSaved, type E2E } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

const example = JSON.parse(readFileSync(join(__dirname, '../../resources/examples/neimenggu.json'), 'utf8')).drafts[0];

describe('Inner Mongolia’s 附件材料清单 in the walk', () => {
  it('ticks each attachment on the export step, notes what was prepared, and the checklist follows', async () => {
    const fields: Values = { ...example.fields, attachmentsReady: '' };
    const draft = seedDraft(e2e.host, 'neimenggu', fields, example.tables as Partial<Record<TableId, Values[]>>);
    const { page, errors } = await openPage(e2e);
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/export`);
    const card = page.getByTestId('export-fields');
    await card.waitFor();
    const checklist = page.locator('[data-document="attachmentChecklist"]');
    await checklist.getByText('缺 3 项').waitFor();

    const box = (name: string) => card.getByRole('checkbox', { name });
    for (const name of ['各成员单位取得成果扫描件', '创新平台批复文件、牌匾、场地照片', '研发团队主要成员职称证或学历证扫描件']) {
      await box(name).check();
    }
    await card.getByLabel('附件材料准备说明').fill('成果扫描件：发明专利证书12份、标准文本3份；平台批复文件2份；职称证8份。');
    await waitSaved(page);
    await checklist.getByText('齐全').waitFor();
    await shot(page, 'attachments-01-ticked');

    await page.reload();
    await card.waitFor();
    expect(await box('创新平台批复文件、牌匾、场地照片').isChecked()).toBe(true);
    expect(await box('其他相关材料').isChecked()).toBe(false);
    const saved = e2e.host.store.getDraft(draft.id);
    expect(saved?.fields.attachmentsReady).toBe('1,2,3');
    expect(saved?.fields.attachmentsNote).toContain('发明专利证书12份');
    expect(errors).toEqual([]);
  });
});
