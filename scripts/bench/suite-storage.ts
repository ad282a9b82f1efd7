import Database from 'better-sqlite3';
import { closeSync, fdatasyncSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CheckSummaries } from '../../electron/core/api/summaries';
import { DraftStore } from '../../electron/core/storage/draft-store';
import { contractCaller, templateFor, type BenchContext, type SuiteResult } from './context';
import { fillStore, generateDraft, sizes } from './generate';
import { figure } from './report';
import { mebibyte, median, percentile, timeRuns } from './stats';

/**
 * Autosave and opening the store: what the user feels on every keystroke that reaches the disk, and when
 * the app starts. Both go through the contract (validate → core handler → store), the path the page takes.
 */

/** Text typed into 技术创新目标 one character at a time, as an autosave per keystroke would write it. */
const typedText =
  '联合体聚焦产业共性关键技术，以企业为主体、市场为导向、产学研用深度融合，用三至五年时间突破一批卡脖子技术，建成中试验证平台三个以上，申请发明专利四十件以上，制定国家或行业标准三项以上，培养引进高层次人才三十名以上。';

function freshDir(context: BenchContext, name: string): string {
  const dir = join(context.workDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function benchAutosave(context: BenchContext): Promise<SuiteResult> {
  const edits = context.counts.autosaveEdits;
  const warmupEdits = Math.min(200, edits);
  const dir = freshDir(context, 'autosave');
  const store = DraftStore.open(join(dir, 'drafts.sqlite'));
  try {
    const synchronous = store.pragma('synchronous');
    const journal = store.pragma('journal_mode');
    const template = templateFor(context, 'xinjiang');
    // A store like a user's: a few drafts beside the one being edited, which is large (XL) so that any
    // cost that grows with the draft shows up in the latency.
    fillStore(store, context.templates, 4, sizes.S, 500);
    const draft = store.createDraft(generateDraft(template, sizes.XL, { seed: 7, unitOffset: 20_000 }));
    const call = contractCaller(store, context.templates);

    const teamRows = draft.tables.team;
    // The floor: what a durable commit costs at least on this disk. SQLite's WAL reuses the same stretch of
    // its file after each checkpoint, so the floor overwrites a preallocated file too (an append would also
    // pay for the file-size change): one page-sized write, then fdatasync.
    const floorFd = openSync(join(dir, 'fsync-floor'), 'w+');
    const page = Buffer.alloc(4096, 7);
    const floorPages = 1024;
    for (let n = 0; n < floorPages; n++) writeSync(floorFd, page, 0, page.length, n * page.length);
    fdatasyncSync(floorFd);

    const edit = {
      // Scalar fields: one setField per keystroke, the value growing as the user types.
      field: (i: number) =>
        call('drafts.setField', { draftId: draft.id, key: 'goals', value: typedText.slice(0, 1 + (i % typedText.length)) }),
      // Table cells: one rows.update per edit in the 3 000-row team table, as the grid saves a cell.
      cell: (i: number) =>
        call('rows.update', { draftId: draft.id, table: 'team', rowId: teamRows[i % teamRows.length].id, values: { major: `材料科学与工程${i & 7}` } }),
      floor: (i: number) => {
        writeSync(floorFd, page, 0, page.length, (i % floorPages) * page.length);
        fdatasyncSync(floorFd);
      },
    };
    const latencies: Record<keyof typeof edit, number[]> = { field: [], cell: [], floor: [] };
    // The three run in turns of a few hundred edits, so that the disk's slow moments (other programs'
    // writes) fall on all three alike and the floor is comparable with the edits.
    const turn = 250;
    try {
      for (let done = -warmupEdits; done < edits; done += turn) {
        for (const kind of ['field', 'cell', 'floor'] as const) {
          for (let i = done; i < Math.min(done + turn, edits); i++) {
            const start = performance.now();
            await edit[kind](i + warmupEdits);
            if (i >= 0) latencies[kind].push(performance.now() - start);
          }
        }
      }
    } finally {
      closeSync(floorFd);
    }
    const fieldLatencies = latencies.field;
    const cellLatencies = latencies.cell;
    const floorLatencies = latencies.floor;

    const detail = {
      edits,
      synchronous: String(synchronous),
      journalMode: String(journal),
      draftRows: draft.tables.members.length + draft.tables.team.length + draft.tables.platforms.length,
    };
    const target = { op: '<=' as const, value: 5 };
    return {
      figures: [
        figure({ id: 'autosave.field.median', group: 'autosave', label: `Autosave, one field (drafts.setField), median of ${edits}`, value: median(fieldLatencies), unit: 'ms', detail }),
        figure({ id: 'autosave.field.p99', group: 'autosave', label: `Autosave, one field (drafts.setField), p99 of ${edits}`, value: percentile(fieldLatencies, 99), unit: 'ms', target, detail: { ...detail, maxMs: Math.max(...fieldLatencies) } }),
        figure({ id: 'autosave.floor.median', group: 'autosave', label: `Autosave floor: 4 KiB overwrite + fdatasync on the same disk, median of ${edits}`, value: median(floorLatencies), unit: 'ms' }),
        figure({ id: 'autosave.floor.p99', group: 'autosave', label: `Autosave floor: 4 KiB overwrite + fdatasync, p99 of ${edits}`, value: percentile(floorLatencies, 99), unit: 'ms', detail: { maxMs: Math.max(...floorLatencies) } }),
        figure({ id: 'autosave.cell.median', group: 'autosave', label: `Autosave, one team-table cell (rows.update), median of ${edits}`, value: median(cellLatencies), unit: 'ms', detail }),
        figure({ id: 'autosave.cell.p99', group: 'autosave', label: `Autosave, one team-table cell (rows.update), p99 of ${edits}`, value: percentile(cellLatencies, 99), unit: 'ms', target, detail: { ...detail, maxMs: Math.max(...cellLatencies) } }),
      ],
    };
  } finally {
    store.close();
  }
}

export async function benchColdOpen(context: BenchContext): Promise<SuiteResult> {
  const draftCount = context.counts.storeDrafts;
  const dir = freshDir(context, 'cold-open');
  const file = join(dir, 'drafts.sqlite');
  const generateStart = performance.now();
  const seedStore = DraftStore.open(file);
  fillStore(seedStore, context.templates, draftCount, sizes.S, 1_000);
  seedStore.close();
  const generateMs = performance.now() - generateStart;
  const fileBytes = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);

  const openAndList = async () => {
    const store = DraftStore.open(file);
    try {
      const list = await contractCaller(store, context.templates)('drafts.list', {});
      if (list.length !== draftCount) throw new Error(`listed ${list.length} drafts, expected ${draftCount}`);
      return list;
    } finally {
      store.close();
    }
  };
  // Forgets the kept check summaries, as they are after generation (or after an upgrade): the listing
  // then checks every draft, as the home screen does the first time it sees them.
  const forgetSummaries = () => {
    const db = new Database(file);
    db.prepare('UPDATE draft SET completeness = NULL, eligible = NULL, checked_at = NULL').run();
    db.close();
  };

  const firstRuns = context.quick ? { warmup: 0, runs: 2 } : { warmup: 1, runs: 5 };
  const firstSamples: number[] = [];
  for (let i = -firstRuns.warmup; i < firstRuns.runs; i++) {
    forgetSummaries();
    const start = performance.now();
    const list = await openAndList();
    const elapsed = performance.now() - start;
    if (list.some((summary) => summary.completeness === null)) throw new Error('the first listing left drafts unchecked');
    if (i >= 0) firstSamples.push(elapsed);
  }
  // A listing never stores what it computed (reads never write): the summaries a later start finds are the ones the
  // edits stored once they paused. Kept here the same way, by CheckSummaries, for every draft.
  const keepSummaries = () => {
    const store = DraftStore.open(file);
    try {
      const summaries = new CheckSummaries(store, context.templates);
      for (const draft of store.listDrafts()) summaries.edited(draft.id);
      summaries.flush();
      if (store.listDrafts().some((draft) => draft.completeness === null)) throw new Error('a draft was left without its stored summary');
    } finally {
      store.close();
    }
  };
  keepSummaries();
  const laterSamples = await timeRuns({ ...context.plan, minTotalMs: context.quick ? 200 : 500 }, openAndList);

  const detail = { drafts: draftCount, draftSize: 'S', fileMiB: Math.round((fileBytes / mebibyte) * 10) / 10, generateMs: Math.round(generateMs) };
  return {
    figures: [
      figure({
        id: 'coldOpen.later',
        group: 'coldOpen',
        label: `Cold open, ${draftCount} drafts: DraftStore.open + drafts.list (summaries kept)`,
        value: median(laterSamples),
        unit: 'ms',
        target: { op: '<=', value: 100 },
        samples: laterSamples,
        detail,
      }),
      figure({
        id: 'coldOpen.first',
        group: 'coldOpen',
        label: `First listing of a fresh ${draftCount}-draft store (every draft checked, in memory: a read stores nothing)`,
        value: median(firstSamples),
        unit: 'ms',
        samples: firstSamples,
        detail,
      }),
    ],
  };
}
