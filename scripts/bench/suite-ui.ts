import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { storeFileName } from '../../electron/core/paths';
import { CheckSummaries } from '../../electron/core/api/summaries';
import { DraftStore } from '../../electron/core/storage/draft-store';
import { startWebHost } from '../../electron/webhost/server';
import { hasChromium, launchChromium } from '../../tests/helpers/browser';
import { templateFor, type BenchContext, type SuiteResult } from './context';
import { fillStore, generateDraft, sizes } from './generate';
import { figure } from './report';
import { median, percentile } from './stats';

/**
 * The UI in Chromium through the browser host (the real renderer and the real core over HTTP): how long
 * a keystroke takes to reach the screen in a grid cell with a 1 000-row team table on the page, and how
 * long the home screen takes to show its first rows with 200 drafts in the store.
 */

const repoRoot = join(__dirname, '../..');
const teamRows = 1_000;

/** Newest modification time under a folder (files only), to tell whether a build is older than its sources. */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * The built renderer, in the scratch folder. A full run builds it fresh with vite (never into out/, which
 * the tests may be reading at the same time); a quick run copies out/renderer when there is one, saying
 * whether it is older than the sources, since building takes half a quick run. (Copied, because a build
 * started elsewhere empties out/renderer while the page is loading from it.)
 */
function rendererFor(context: BenchContext): { dir: string; build: string } {
  const built = join(repoRoot, 'out', 'renderer');
  const dir = join(context.workDir, 'renderer');
  if (context.quick && existsSync(join(built, 'index.html'))) {
    const sources = Math.max(newestMtime(join(repoRoot, 'renderer')), newestMtime(join(repoRoot, 'electron', 'shared')));
    const upToDate = newestMtime(built) >= sources;
    try {
      cpSync(built, dir, { recursive: true });
      if (existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'assets'))) {
        return { dir, build: upToDate ? 'out/renderer (up to date)' : 'out/renderer (older than the sources)' };
      }
    } catch {
      // Being rebuilt right now: build our own below.
    }
    rmSync(dir, { recursive: true, force: true });
  }
  const start = performance.now();
  const result = spawnSync(
    process.execPath,
    [join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`vite build failed: ${(result.stderr || result.stdout).slice(0, 2000)}`);
  return { dir, build: `built in ${Math.round((performance.now() - start) / 1000)} s` };
}

/*
 * The probes run in the page, where Node's types do not apply: they are plain scripts, kept as strings.
 *
 * Keystrokes: every keydown's latency to the frame that shows it, measured two ways, as the browser allows:
 * the Event Timing API (PerformanceObserver 'event', durationThreshold 16 — the smallest it accepts, so only
 * slow events are reported, in 8 ms steps) and, for every keystroke, the time from the event to just after
 * the next animation frame (requestAnimationFrame, then a message posted from it, which runs once that
 * frame has been handed to the compositor).
 */
const keystrokeProbe = `(() => {
  const probe = { frames: [], events: [] };
  window.__benchKeys = probe;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.events.push({ name: entry.name, start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'event', durationThreshold: 16 });
  } catch (error) {
    // Without Event Timing the frame-based measure remains.
  }
  document.addEventListener('keydown', (event) => {
    const start = event.timeStamp;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => probe.frames.push({ start, latency: performance.now() - start });
      channel.port2.postMessage(null);
    });
  }, true);
})();`;

interface KeystrokeProbe {
  frames: Array<{ start: number; latency: number }>;
  events: Array<{ name: string; start: number; duration: number }>;
}

/**
 * Before any script of the page: notes when the first draft row of the home list has been drawn, and the
 * phases before it (document parsed, first React content, the drafts.list answer), to say what limits it.
 */
const homeProbe = `(() => {
  const phases = {};
  document.addEventListener('DOMContentLoaded', () => { phases.domContentLoaded = performance.now(); });
  const observer = new MutationObserver(() => {
    const root = document.getElementById('root');
    if (phases.firstContent === undefined && root && root.childElementCount > 0) phases.firstContent = performance.now();
    if (!document.querySelector('.ant-table-row')) return;
    observer.disconnect();
    phases.rowsInDom = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const now = performance.now();
        const list = performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/api/drafts.list'));
        const script = performance.getEntriesByType('resource').find((entry) => entry.initiatorType === 'script');
        phases.scriptLoaded = script ? script.responseEnd : undefined;
        phases.listRequested = list.length ? Math.min(...list.map((entry) => entry.startTime)) : undefined;
        phases.listAnswered = list.length ? Math.max(...list.map((entry) => entry.responseEnd)) : undefined;
        phases.drawn = now;
        window.__benchHomePhases = phases;
        window.__benchHome = now;
      };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

interface HomePhases {
  domContentLoaded?: number;
  scriptLoaded?: number;
  firstContent?: number;
  listRequested?: number;
  listAnswered?: number;
  rowsInDom?: number;
  drawn: number;
}

/**
 * Reads a value the probes left in the page, polling. (The page's Content-Security-Policy forbids eval, which
 * page.waitForFunction needs; evaluating through the DevTools protocol is not subject to it.)
 */
async function pollPage<T>(page: Page, expression: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = (await page.evaluate(expression)) as T | undefined | null;
    if (value !== undefined && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function homeRender(page: Page, url: string): Promise<HomePhases> {
  // Through about:blank, so that every load is a new document (going to the same URL would not reload it).
  await page.goto('about:blank');
  await page.goto(`${url}/#/`);
  return pollPage<HomePhases>(page, 'window.__benchHomePhases');
}

/**
 * The floor of the home screen: a page with no framework that asks the same host for the same drafts.list
 * and draws the first 20 drafts as table rows with the class the probe waits for. Navigation, one small
 * script, the core's answer and one layout and paint — what any home screen pays in this browser.
 */
function writeHomeFloor(rendererDir: string, token: string): string {
  const dir = join(rendererDir, 'bench-floor');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8"><title>floor</title></head><body><div id="root"></div><script src="floor.js"></script></body></html>');
  writeFileSync(
    join(dir, 'floor.js'),
    `fetch('/api/drafts.list', { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-token': ${JSON.stringify(token)} }, body: '{}' })
  .then((response) => response.json())
  .then((answer) => {
    const table = document.createElement('table');
    for (const draft of answer.value.slice(0, 20)) {
      const row = table.insertRow();
      row.className = 'ant-table-row';
      row.insertCell().textContent = draft.name || draft.id;
      row.insertCell().textContent = draft.leadUnit;
      row.insertCell().textContent = draft.regionId;
      row.insertCell().textContent = draft.updatedAt;
    }
    document.getElementById('root').appendChild(table);
  });`,
  );
  return '/bench-floor/index.html';
}

async function homeFloorRender(page: Page, url: string): Promise<HomePhases> {
  await page.goto('about:blank');
  await page.goto(url);
  return pollPage<HomePhases>(page, 'window.__benchHomePhases');
}

/** Medians of each phase's time since navigation began, rounded, for the figure's detail. */
function phaseMedians(samples: HomePhases[]): Record<string, number> {
  const keys: Array<keyof HomePhases> = ['scriptLoaded', 'domContentLoaded', 'firstContent', 'listRequested', 'listAnswered', 'rowsInDom', 'drawn'];
  const out: Record<string, number> = {};
  for (const key of keys) {
    const values = samples.map((sample) => sample[key]).filter((value): value is number => typeof value === 'number');
    if (values.length > 0) out[`${key}Ms`] = Math.round(median(values));
  }
  return out;
}

export async function benchUi(context: BenchContext): Promise<SuiteResult> {
  if (!hasChromium) return { figures: [], skipped: 'Chromium not found (set CHROMIUM_PATH)' };
  const homeDrafts = context.counts.storeDrafts;
  const renderer = rendererFor(context);

  // The store: 200 drafts on the home screen, one of them with a 1 000-row team table.
  const dataDir = join(context.workDir, 'ui-data');
  mkdirSync(dataDir, { recursive: true });
  const seedStore = DraftStore.open(join(dataDir, storeFileName));
  fillStore(seedStore, context.templates, homeDrafts - 1, sizes.S, 2_000);
  const bigDraft = seedStore.createDraft(
    generateDraft(templateFor(context, 'xinjiang'), { ...sizes.S, team: teamRows }, { seed: 2_999, unitOffset: 80_000 }),
  );
  // Summaries as a later start finds them: stored by the edits once they paused (a listing stores nothing).
  const summaries = new CheckSummaries(seedStore, context.templates);
  for (const draft of seedStore.listDrafts()) summaries.edited(draft.id);
  summaries.flush();
  seedStore.close();

  const host = await startWebHost({ dataDir, rendererDir: renderer.dir, appVersion: 'bench' });
  const browser = await launchChromium();
  try {
    const version = `Chromium ${browser.version()}`;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // Injected by the DevTools protocol into every new document, before the page's own scripts and outside its CSP.
    await page.addInitScript({ content: homeProbe });
    await page.addInitScript({ content: keystrokeProbe });

    // Home: a first load with the browser cold, then the measured loads; the summaries are kept (above).
    const firstHome = await homeRender(page, host.url);
    const homePhases: HomePhases[] = [];
    for (let i = -context.plan.warmup; i < context.plan.runs; i++) {
      const phases = await homeRender(page, host.url);
      if (i >= 0) homePhases.push(phases);
    }
    const homeSamples = homePhases.map((phases) => phases.drawn);

    // The floor, measured right after in the same browser, so that the ratio carries the machine's load.
    const floorPath = writeHomeFloor(renderer.dir, host.token);
    const floorSamples: number[] = [];
    for (let i = -context.plan.warmup; i < context.plan.runs; i++) {
      const phases = await homeFloorRender(page, `${host.url}${floorPath}`);
      if (i >= 0) floorSamples.push(phases.drawn);
    }

    // Keystrokes: a cell of the 1 000-row team table, typed into character by character.
    await page.goto(`${host.url}/#/draft/${encodeURIComponent(bigDraft.id)}/team`);
    const cell = page.locator('[data-testid="grid-team"] [data-cell="0:major"]');
    await cell.waitFor({ timeout: 60_000 });
    await cell.click();
    await page.keyboard.press('F2');
    await page.keyboard.press('End');
    await pollPage(page, 'window.__benchKeys');
    await page.evaluate('window.__benchKeys.frames.length = 0; window.__benchKeys.events.length = 0;');
    const keystrokes = context.counts.keystrokes;
    const text = 'abcdefghijklmnopqrstuvwxyz'.repeat(4).slice(0, keystrokes);
    // 60 ms apart: faster than most people type, slow enough that each key gets its own frame.
    await page.keyboard.type(text, { delay: 60 });
    await page.waitForTimeout(1_000);
    const probe = (await page.evaluate('window.__benchKeys')) as KeystrokeProbe;
    const typed = await page.locator('[data-testid="grid-team"] [data-cell="0:major"] input, [data-testid="grid-team"] [data-cell="0:major"] textarea').inputValue();
    if (!typed.endsWith(text)) throw new Error(`the cell holds "${typed.slice(-20)}", not what was typed`);
    const renderedRows = await page.locator('[data-testid="grid-team"] [role="row"]').count();

    // A keystroke's latency: the frame-based measure, or the Event Timing duration where it reported more.
    const latencies = probe.frames.slice(context.quick ? 2 : 5).map((frame) => {
      const timed = probe.events.filter((entry) => Math.abs(entry.start - frame.start) < 1).map((entry) => entry.duration);
      return Math.max(frame.latency, ...timed);
    });
    const longEvents = probe.events.filter((entry) => entry.name.startsWith('key') || entry.name === 'input' || entry.name === 'beforeinput');
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);

    const keyDetail = {
      keystrokes: latencies.length,
      p95Ms: Math.round(percentile(latencies, 95) * 10) / 10,
      maxMs: Math.round(Math.max(...latencies) * 10) / 10,
      eventTimingOver16ms: longEvents.length,
      eventTimingMaxMs: Math.max(0, ...longEvents.map((entry) => entry.duration)),
      rowsInDom: renderedRows,
      teamRows,
    };
    return {
      browser: version,
      figures: [
        figure({
          id: 'ui.keystroke.median',
          group: 'ui',
          label: `Keystroke to paint, grid cell with ${teamRows.toLocaleString('en')} team rows (median of ${latencies.length})`,
          value: median(latencies),
          unit: 'ms',
          target: { op: '<=', value: 16 },
          detail: keyDetail,
        }),
        figure({
          id: 'ui.keystroke.p95',
          group: 'ui',
          label: `Keystroke to paint, p95 of ${latencies.length}`,
          value: percentile(latencies, 95),
          unit: 'ms',
          detail: keyDetail,
        }),
        figure({
          id: 'ui.home.render',
          group: 'ui',
          label: `Home screen first render with ${homeDrafts} drafts (navigation to first rows drawn)`,
          value: median(homeSamples),
          unit: 'ms',
          target: { op: '<=', value: 1000 },
          samples: homeSamples,
          detail: {
            ...phaseMedians(homePhases),
            firstLoadMs: Math.round(firstHome.drawn),
            firstLoadListAnsweredMs: Math.round(firstHome.listAnswered ?? Number.NaN),
            renderer: renderer.build,
          },
        }),
        figure({
          id: 'ui.home.floor',
          group: 'ui',
          label: `Home floor: a framework-free page drawing the first 20 of the same drafts.list as table rows`,
          value: median(floorSamples),
          unit: 'ms',
          samples: floorSamples,
        }),
        figure({
          id: 'ui.home.ratio',
          group: 'ui',
          label: 'Home first render / floor',
          value: median(homeSamples) / median(floorSamples),
          unit: '×',
        }),
      ],
    };
  } finally {
    await browser.close();
    await host.close();
  }
}
