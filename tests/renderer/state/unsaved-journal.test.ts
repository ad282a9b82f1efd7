// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The unsaved journal: edits not yet confirmed on disk survive a reload of the page in local storage.
 * A "reload" here is a fresh copy of the module (its in-memory cache gone) over the same local storage.
 */
type JournalModule = typeof import('../../../renderer/src/state/unsaved-journal');

async function freshPage(): Promise<JournalModule> {
  vi.resetModules();
  return import('../../../renderer/src/state/unsaved-journal');
}

beforeEach(() => localStorage.clear());
afterEach(() => vi.restoreAllMocks());

describe('the unsaved journal', () => {
  it('gives back, after a reload, the fields and cells typed but not saved', async () => {
    const page = await freshPage();
    page.noteField('d1', 'goals', '三年内突破关键技术');
    page.noteCells('d1', [
      { table: 'members', rowId: 'r1', column: 'name', value: '新疆天衡能源化工集团有限公司' },
      { table: 'members', rowId: 'r1', column: 'uscc', value: '91650100000000004X' },
    ]);
    const reloaded = await freshPage();
    const journal = reloaded.readJournal('d1');
    expect(journal.fields).toEqual({ goals: '三年内突破关键技术' });
    expect(Object.values(journal.cells).map((cell) => [cell.rowId, cell.column, cell.value])).toEqual([
      ['r1', 'name', '新疆天衡能源化工集团有限公司'],
      ['r1', 'uscc', '91650100000000004X'],
    ]);
    // Each draft has its own journal.
    expect(reloaded.readJournal('d2')).toEqual({ fields: {}, cells: {} });
  });

  it('forgets an edit once its write succeeded, but not when a newer value was typed meanwhile', async () => {
    const page = await freshPage();
    page.noteField('d1', 'goals', '旧');
    page.noteField('d1', 'goals', '新');
    // The write of 「旧」 comes back: 「新」 is still not on disk and must stay.
    page.settleField('d1', 'goals', '旧');
    expect((await freshPage()).readJournal('d1').fields).toEqual({ goals: '新' });
    page.settleField('d1', 'goals', '新');
    expect(localStorage.getItem('lianheti.unsaved.d1')).toBeNull();

    const cell = { table: 'team' as const, rowId: 'r9', column: 'age', value: '42' };
    page.noteCells('d1', [cell]);
    page.noteCells('d1', [{ ...cell, value: '43' }]);
    page.settleCells('d1', [cell]);
    expect(Object.values((await freshPage()).readJournal('d1').cells).map((c) => c.value)).toEqual(['43']);
    page.settleCells('d1', [{ ...cell, value: '43' }]);
    expect(localStorage.getItem('lianheti.unsaved.d1')).toBeNull();
  });

  it('clears a draft’s journal when asked (after a restore), and only that draft’s', async () => {
    const page = await freshPage();
    page.noteField('d1', 'goals', '一');
    page.noteField('d2', 'goals', '二');
    page.clearJournal('d1');
    const reloaded = await freshPage();
    expect(reloaded.readJournal('d1').fields).toEqual({});
    expect(reloaded.readJournal('d2').fields).toEqual({ goals: '二' });
  });

  it('reads a damaged entry as empty, and keeps working when local storage refuses to store', async () => {
    localStorage.setItem('lianheti.unsaved.d1', '{"fields": {"goals": "截断');
    const page = await freshPage();
    expect(page.readJournal('d1')).toEqual({ fields: {}, cells: {} });
    vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    expect(() => page.noteField('d3', 'goals', '很长的文字')).not.toThrow();
    // The queue still holds the edit; the journal simply has no copy.
    expect(localStorage.getItem('lianheti.unsaved.d3')).toBeNull();
  });
});
