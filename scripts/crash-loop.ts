/**
 * The full crash loop: many more SIGKILL rounds than `npm test` runs, with the child started through tsx
 * (`node --import tsx tests/fixtures/crash-child.ts`) exactly as a developer would run it.
 *
 *   npx tsx scripts/crash-loop.ts            # 300 rounds
 *   npx tsx scripts/crash-loop.ts 1000       # any number
 *   CRASH_SEED=1234 npx tsx scripts/crash-loop.ts 300   # repeat a failing sequence of kill delays
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');
const rounds = Number(process.argv[2] ?? 300);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('usage: tsx scripts/crash-loop.ts [rounds]');
  process.exit(2);
}
console.log(`crash loop: ${rounds} SIGKILL rounds (child via tsx)…`);
const run = spawnSync(
  process.execPath,
  [resolve(root, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/core/storage/crash-safety.test.ts'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, CRASH_ROUNDS: String(rounds), CRASH_LAUNCHER: 'tsx' } },
);
process.exit(run.status ?? 1);
