import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBackup, listBackups } from '../../../electron/core/storage/backups';
import { openStoreSafely } from '../../../electron/core/storage/open-store';
import { makeTempDir } from '../../helpers/temp-dir';

/**
 * Kills a process that is saving edits with SIGKILL at random moments, again and again, and reopens the
 * store after each kill the way the app starts: it must be intact (integrity_check) and hold every save
 * the process reported as done. CRASH_ROUNDS sets the number of kills (scripts/crash-loop.ts runs many);
 * CRASH_LAUNCHER=tsx runs the child through tsx instead of a prebuilt bundle (slower to start, same code).
 */
const rounds = Number(process.env.CRASH_ROUNDS ?? 50);
const launcher = process.env.CRASH_LAUNCHER === 'tsx' ? 'tsx' : 'bundle';
const childSource = resolve(__dirname, '../../fixtures/crash-child.ts');

let temp: ReturnType<typeof makeTempDir>;
let childArgs: string[] = [];
beforeAll(() => {
  temp = makeTempDir('lianheti-crash-');
  if (launcher === 'tsx') {
    childArgs = ['--import', 'tsx', childSource];
  } else {
    // One bundle instead of tsx's loader in each of the many child processes: the child starts in a
    // fraction of the time, which is what lets 50 rounds fit in the test suite.
    const bundle = join(temp.dir, 'crash-child.cjs');
    buildSync({ entryPoints: [childSource], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, external: ['better-sqlite3'], logLevel: 'error' });
    childArgs = [bundle];
  }
});
afterAll(() => temp.cleanup());

interface RoundOutcome {
  saved: string[];
  recovered: boolean;
  exitSignal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the child until it has saved for a random while, then SIGKILLs it. */
function runRound(dataDir: string, round: number, random: () => number): Promise<RoundOutcome> {
  return new Promise((resolveRound, reject) => {
    const child = spawn(process.execPath, [...childArgs, dataDir, String(round)], {
      cwd: resolve(__dirname, '../../..'),
      // The bundle sits in a temp folder; the native module is found in the project's node_modules.
      env: { ...process.env, NODE_PATH: resolve(__dirname, '../../../node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    const safety = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (killTimer === undefined && stdout.includes('ready\n')) {
        // Anywhere from the first save to a few hundred: mid-transaction, mid-fsync, mid-backup.
        killTimer = setTimeout(() => child.kill('SIGKILL'), Math.floor(random() * 120));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(safety);
      clearTimeout(killTimer);
      const lines = stdout.split('\n');
      resolveRound({
        saved: lines.filter((line) => line.startsWith('saved ')).map((line) => line.slice('saved '.length)),
        recovered: lines.some((line) => line.startsWith('recovered')),
        exitSignal: signal,
        stderr,
      });
    });
  });
}

/** A small deterministic generator, so a failing run can be repeated with CRASH_SEED. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('crash safety', () => {
  it(`keeps the store intact and every reported save through ${rounds} SIGKILLs`, async () => {
    const dataDir = join(temp.dir, 'data');
    mkdirSync(dataDir, { recursive: true });
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
    const random = seeded(seed);
    const reported: string[] = [];
    let killedWhileSaving = 0;

    for (let round = 1; round <= rounds; round += 1) {
      const outcome = await runRound(dataDir, round, random);
      expect(outcome.recovered, `round ${round} (seed ${seed}): start-up found the store damaged`).toBe(false);
      expect(outcome.exitSignal, `round ${round} (seed ${seed}) ended without being killed: ${outcome.stderr}`).toBe('SIGKILL');
      reported.push(...outcome.saved);
      if (outcome.saved.length > 0) killedWhileSaving += 1;

      // Reopen exactly as the app does after a crash.
      const { store, recovered } = await openStoreSafely(dataDir);
      try {
        expect(recovered, `round ${round} (seed ${seed})`).toBeUndefined();
        expect(store.pragma('integrity_check')).toBe('ok');
        const draft = store.getDraft('crash-draft');
        const members = new Set(draft.tables.members.map((row) => row.values.name));
        const missing = reported.filter((saveId) => {
          const isRow = Number(saveId.split('n')[1]) % 4 === 3;
          return isRow ? !members.has(saveId) || !members.has(`${saveId}b`) : !draft.fields[`f${saveId}`]?.startsWith(`${saveId}：`);
        });
        expect(missing, `round ${round} (seed ${seed}): saves reported done but missing`).toEqual([]);
        // A row pasted as a pair is there whole or not at all.
        for (const row of draft.tables.members) {
          if (!row.values.name.endsWith('b')) expect(members.has(`${row.values.name}b`)).toBe(true);
        }
      } finally {
        store.close();
      }
    }

    // Whatever the kills interrupted, nothing that looks like a backup is broken.
    const backups = listBackups(join(dataDir, 'backups'));
    expect(backups.length).toBeGreaterThan(0);
    for (const backup of backups) expect(checkBackup(backup.file), backup.fileName).toMatchObject({ ok: true });
    expect(reported.length).toBeGreaterThan(rounds);
    expect(killedWhileSaving).toBeGreaterThan(rounds / 2);
  }, Math.max(120_000, rounds * 5_000));
});
