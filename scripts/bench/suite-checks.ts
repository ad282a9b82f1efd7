import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { storeCheckContext } from '../../electron/core/api/checks';
import { CheckSummaries } from '../../electron/core/api/summaries';
import { checkDraft } from '../../electron/core/checks/check-draft';
import { DraftStore } from '../../electron/core/storage/draft-store';
import type { RegionTemplate } from '../../electron/shared/region-template';
import { contractCaller, type BenchContext, type SuiteResult } from './context';
import { fillStore, generateDraft, scaleSize, sizes, type DraftSize } from './generate';
import { figure, type Figure } from './report';
import { median, timeRuns } from './stats';

/**
 * Validation and eligibility (检查): every value against its definition and every rule of the region,
 * with the cross-draft rules asking the store, as the 检查 step and the home list run them.
 */

/** Checks each given region's draft of `size` in a store that also holds other drafts; medians per region. */
async function timeChecks(context: BenchContext, templates: RegionTemplate[], store: DraftStore, size: DraftSize, seed: number) {
  const perRegion: Record<string, number> = {};
  const samplesByRegion: Record<string, number[]> = {};
  for (const template of templates) {
    const created = store.createDraft(generateDraft(template, size, { seed, unitOffset: seed * 10_000 }));
    const draft = store.getDraft(created.id);
    const checkContext = storeCheckContext(store);
    const samples = await timeRuns({ ...context.plan, minTotalMs: context.quick ? 300 : 1_000 }, () => {
      const report = checkDraft(template, draft, checkContext);
      if (report.eligible !== 'pass') throw new Error(`${template.id}: generated draft not eligible`);
    });
    perRegion[template.id] = median(samples);
    samplesByRegion[template.id] = samples;
  }
  // The slowest region is the figure: its rules are the ones a user of that region waits for.
  const [slowest] = Object.entries(perRegion).sort((a, b) => b[1] - a[1]);
  return { slowestRegion: slowest[0], value: slowest[1], samples: samplesByRegion[slowest[0]], perRegion };
}

export async function benchChecks(context: BenchContext): Promise<SuiteResult> {
  const dir = join(context.workDir, 'checks');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const store = DraftStore.open(join(dir, 'drafts.sqlite'));
  try {
    // Twenty other drafts, so that 「一个成员单位最多参加3个联合体」 and 「牵头单位仅限牵头一个」 have a store to ask.
    fillStore(store, context.templates, 20, sizes.S, 3_000);
    const figures: Figure[] = [];

    const xl = await timeChecks(context, context.templates, store, sizes.XL, 41);
    const roundedPerRegion = Object.fromEntries(Object.entries(xl.perRegion).map(([id, ms]) => [id, Math.round(ms * 10) / 10]));
    figures.push(
      figure({
        id: 'checks.XL',
        group: 'checks',
        label: `Validation + eligibility of an XL draft (checkDraft, slowest region: ${xl.slowestRegion})`,
        value: xl.value,
        unit: 'ms',
        target: { op: '<=', value: 50 },
        samples: xl.samples,
        detail: { ...sizes.XL, ...roundedPerRegion },
      }),
    );

    // The same through the contract, as the 检查 step calls it: read the draft, check, keep the summary in memory.
    const template = context.templates.find((candidate) => candidate.id === xl.slowestRegion) ?? context.templates[0];
    const draft = store.createDraft(generateDraft(template, sizes.XL, { seed: 43, unitOffset: 430_000 }));
    const call = contractCaller(store, context.templates);
    const runSamples = await timeRuns({ ...context.plan, minTotalMs: context.quick ? 300 : 1_000 }, () => call('checks.run', { draftId: draft.id }));
    figures.push(
      figure({
        id: 'checks.XL.contract',
        group: 'checks',
        label: `checks.run on an XL draft (read from SQLite + check; ${template.id}), asked only by the 检查 step`,
        value: median(runSamples),
        unit: 'ms',
        samples: runSamples,
      }),
    );

    // An edit that answers with the check summary of what it wrote, as the first save of a burst of typing does
    // (later saves within the second skip the check): the write, the read and the check, every time here.
    const summaries = new CheckSummaries(store, context.templates, undefined, 60_000, 0);
    const edit = contractCaller(store, context.templates, { summaries });
    let n = 0;
    const editSamples = await timeRuns({ ...context.plan, minTotalMs: context.quick ? 300 : 1_000 }, async () => {
      const answer = await edit('drafts.setField', { draftId: draft.id, key: 'goals', value: `技术创新目标 ${++n}` });
      if (!answer.summary) throw new Error('drafts.setField answered without a check summary');
    });
    summaries.flush();
    figures.push(
      figure({
        id: 'checks.XL.edit',
        group: 'checks',
        label: `drafts.setField answering with its check summary on an XL draft (write + read + check; ${template.id}), at most once a second per draft`,
        value: median(editSamples),
        unit: 'ms',
        samples: editSamples,
      }),
    );

    // Scaling: 1×, 4× and 10× the L size, always in one region (广西: the most rules, two of them asking the
    // store about every member), so that the ratios compare like with like. The three sizes are checked in
    // turns (1×, 4×, 10×, 1×, …) rather than one after another, so that the machine's busy moments fall on
    // all three alike: measured one after another, a 5 ms median at 1× moved the 4× ratio by ±30 % between runs.
    const scalingTemplate = context.templates.find((candidate) => candidate.id === 'guangxi') ?? context.templates[0];
    const factors = [1, 4, 10];
    const scaled = factors.map((factor) => {
      const created = store.createDraft(generateDraft(scalingTemplate, scaleSize(sizes.L, factor), { seed: 50 + factor, unitOffset: (50 + factor) * 10_000 }));
      return store.getDraft(created.id);
    });
    const scalingContext = storeCheckContext(store);
    const checkScaled = (index: number) => {
      const report = checkDraft(scalingTemplate, scaled[index], scalingContext);
      if (report.eligible !== 'pass') throw new Error(`${scalingTemplate.id} ×${factors[index]}: generated draft not eligible`);
    };
    const perFactor: number[][] = factors.map(() => []);
    // A turn checks all three once; as many turns as the largest needs for its own minimum measured time.
    const turns = await timeRuns({ ...context.plan, minTotalMs: context.quick ? 300 : 1_000 }, () => {
      for (let index = 0; index < factors.length; index++) {
        const start = performance.now();
        checkScaled(index);
        perFactor[index].push(performance.now() - start);
      }
    });
    // The warm-up turns pushed samples too: keep only the measured turns.
    for (const samples of perFactor) samples.splice(0, samples.length - turns.length);
    const times = perFactor.map((samples) => median(samples));
    for (const [index, factor] of factors.entries()) {
      figures.push(
        figure({
          id: `scaling.checks.${factor}x`,
          group: 'scaling',
          label: `Validation at ${factor}× L (${scaleSize(sizes.L, factor).team} team rows; ${scalingTemplate.id})`,
          value: times[index],
          unit: 'ms',
          samples: perFactor[index],
        }),
      );
    }
    figures.push(
      figure({ id: 'scaling.checks.4x.ratio', group: 'scaling', label: 'Validation time ratio 4× / 1× L (linear = 4)', value: times[1] / times[0], unit: '×', target: { op: '<=', value: 4.4 } }),
      figure({ id: 'scaling.checks.10x.ratio', group: 'scaling', label: 'Validation time ratio 10× / 1× L (linear = 10)', value: times[2] / times[0], unit: '×', target: { op: '<=', value: 11 } }),
    );
    return { figures };
  } finally {
    store.close();
  }
}
