import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../electron/core/api';
import { createCoreHandlers, dispatch } from '../../../electron/core/api';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import { openStoreSafely } from '../../../electron/core/storage/open-store';
import type { ContractHandlers } from '../../../electron/shared/contract';
import { makeTempDir } from '../../helpers/temp-dir';

/**
 * A save the disk refuses — data folder read-only, disk full — must fail whole with a Chinese sentence that
 * says what to do, leave the stored data as it was, and work again once the condition clears (the page
 * keeps the value on screen and retries it). The calls go through `dispatch`, as the page's calls do.
 */
let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

function setUp(options: { now?: () => Date; autoRevisionMinutes?: number } = {}) {
  const temp = makeTempDir();
  const store = DraftStore.open(join(temp.dir, 'drafts.sqlite'), options);
  cleanups.push(() => {
    store.close();
    temp.cleanup();
  });
  const deps: CoreDeps = { store, templates: [], appVersion: 'test', host: 'web' };
  const handlers = createCoreHandlers(deps) as ContractHandlers;
  const draft = store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
  store.setField(draft.id, 'consortiumName', '原来的名称');
  return { store, handlers, draftId: draft.id };
}

describe('a save the disk refuses', () => {
  it('reports a read-only data folder clearly, changes nothing, and saves once writable again', async () => {
    const { store, handlers, draftId } = setUp();
    store.setLimit('query_only', 1); // SQLite now refuses writes exactly as on a read-only folder
    const answer = await dispatch(handlers, 'drafts.setField', { draftId, key: 'consortiumName', value: '新名称' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'store.readOnly' } });
    if (!answer.ok) expect(answer.error.message).toMatch(/^数据文件夹为只读，未能保存刚才的修改。.*已填写的内容仍保留在屏幕上/);
    const rows = await dispatch(handlers, 'rows.add', { draftId, table: 'members', atIndex: null, rows: [{ name: '甲' }, { name: '乙' }] });
    expect(rows).toMatchObject({ ok: false, error: { code: 'store.readOnly' } });

    store.setLimit('query_only', 0);
    expect(store.getDraft(draftId).fields.consortiumName).toBe('原来的名称');
    expect(store.getDraft(draftId).tables.members).toEqual([]);
    // The page's retry of the same call now goes through.
    expect((await dispatch(handlers, 'drafts.setField', { draftId, key: 'consortiumName', value: '新名称' })).ok).toBe(true);
    expect(store.getDraft(draftId).fields.consortiumName).toBe('新名称');
  });

  it('reports a full disk clearly, keeps a big paste all-or-nothing, and saves once there is room', async () => {
    const { store, handlers, draftId } = setUp();
    const pages = store.pragma('page_count') as number;
    store.setLimit('max_page_count', pages + 2); // SQLite's own "disk is full" (SQLITE_FULL)
    const paste = Array.from({ length: 200 }, (_, i) => ({ name: `成员单位${i}`, role: '负责关键技术攻关'.repeat(30) }));
    const answer = await dispatch(handlers, 'rows.add', { draftId, table: 'members', atIndex: null, rows: paste });
    expect(answer).toMatchObject({ ok: false, error: { code: 'store.diskFull' } });
    if (!answer.ok) expect(answer.error.message).toMatch(/^磁盘空间不足，未能保存刚才的修改/);
    expect(store.getDraft(draftId).tables.members).toEqual([]);
    expect(store.pragma('integrity_check')).toBe('ok');

    store.setLimit('max_page_count', 1073741823);
    expect((await dispatch(handlers, 'rows.add', { draftId, table: 'members', atIndex: null, rows: paste })).ok).toBe(true);
    expect(store.getDraft(draftId).tables.members).toHaveLength(200);
  });

  it('does not fail (and so never repeats) an edit that was saved when only the revision after it did not fit', async () => {
    let clock = new Date('2026-03-01T08:00:00.000Z');
    const { store, handlers, draftId } = setUp({ now: () => clock, autoRevisionMinutes: 10 });
    store.addRows(draftId, 'members', null, Array.from({ length: 300 }, (_, i) => ({ name: `单位${i}`, role: '分工说明'.repeat(40) })));
    clock = new Date('2026-03-01T08:30:00.000Z'); // the next edit is due an automatic revision (a big snapshot)
    const pages = store.pragma('page_count') as number;
    store.setLimit('max_page_count', pages + 1);
    const answer = await dispatch(handlers, 'rows.add', { draftId, table: 'team', atIndex: null, rows: [{ name: '张三' }] });
    expect(answer.ok).toBe(true);
    expect(store.getDraft(draftId).tables.team).toHaveLength(1); // saved once, so the page has nothing to retry
    expect(store.listRevisions(draftId).filter((r) => r.cause === 'auto')).toEqual([]);
    store.setLimit('max_page_count', 1073741823);
    clock = new Date('2026-03-01T08:31:00.000Z');
    store.setField(draftId, 'goals', '下一次编辑');
    expect(store.listRevisions(draftId).filter((r) => r.cause === 'auto')).toHaveLength(1);
  });
});

/**
 * The same on a real, tiny filesystem: a 1 MB tmpfs that can be filled and remounted read-only. Mounting needs
 * root; without it the block re-runs itself in a private user and mount namespace (`unshare -rm`, which most
 * Linux kernels allow any user), where mounting a tmpfs is permitted. Only where neither works does it fail,
 * saying why — it never skips.
 */
function tryMount(dir: string, options: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const canMount = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = makeTempDir('lianheti-mount-probe-');
  const mounted = tryMount(probe.dir, 'size=64k');
  if (mounted) execFileSync('umount', [probe.dir]);
  probe.cleanup();
  return mounted;
})();
const smallDiskSuite = 'on a real small filesystem';

if (!canMount) {
  describe(`${smallDiskSuite} (in a private mount namespace)`, () => {
    it('passes both of its tests there', () => {
      if (process.platform !== 'linux') throw new Error('the small-filesystem tests need Linux (tmpfs): run npm test on Linux, as CI does');
      const temp = makeTempDir('lianheti-userns-');
      cleanups.push(temp.cleanup);
      const report = join(temp.dir, 'report.json');
      const vitest = join(__dirname, '../../../node_modules/vitest/vitest.mjs');
      const run = spawnSync(
        'unshare',
        ['--user', '--map-root-user', '--mount', process.execPath, vitest, 'run', __filename, '-t', smallDiskSuite, '--reporter=json', `--outputFile=${report}`],
        { encoding: 'utf8', timeout: 120_000 },
      );
      if (run.error || !existsSync(report)) {
        throw new Error(
          `cannot run the small-filesystem tests: mounting a tmpfs needs root, and a private user namespace (unshare -rm) is not allowed here (${run.error?.message ?? run.stderr.trim().split('\n')[0]}). Run npm test as root, or allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1).`,
        );
      }
      const result = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; testResults: { assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[] };
      const tests = result.testResults.flatMap((file) => file.assertionResults).filter((test) => test.fullName.startsWith(`${smallDiskSuite} `));
      expect(tests.map((test) => [test.fullName, test.status, test.failureMessages.join('\n')])).toEqual(tests.map((test) => [test.fullName, 'passed', '']));
      expect(tests).toHaveLength(2);
    }, 150_000);
  });
}

// Declared only where it can run, so that nothing is reported as skipped.
if (canMount) describe(smallDiskSuite, () => {
  function mountTiny(): string {
    const temp = makeTempDir('lianheti-tmpfs-');
    const dir = join(temp.dir, 'data');
    mkdirSync(dir);
    if (!tryMount(dir, 'size=1m')) throw new Error('mount failed');
    cleanups.push(() => {
      try {
        execFileSync('umount', ['-l', dir]);
      } finally {
        temp.cleanup();
      }
    });
    return dir;
  }

  it('a full disk fails the save with the Chinese message and the save succeeds after space is freed', async () => {
    const dir = mountTiny();
    const { store, backups } = await openStoreSafely(dir);
    cleanups.push(() => store.close());
    const handlers = createCoreHandlers({ store, backups, templates: [], appVersion: 'test', host: 'web' }) as ContractHandlers;
    const draft = store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    store.setField(draft.id, 'goals', '原来的目标');
    // Fill the disk to the last byte.
    const filler = join(dir, 'filler.bin');
    try {
      writeFileSync(filler, Buffer.alloc(2 * 1024 * 1024));
    } catch {
      // ENOSPC: the disk is now full, which is the point.
    }
    const big = '技术创新目标'.repeat(20_000);
    const answer = await dispatch(handlers, 'drafts.setField', { draftId: draft.id, key: 'goals', value: big });
    expect(answer).toMatchObject({ ok: false, error: { code: 'store.diskFull' } });
    const backup = await dispatch(handlers, 'backups.create', {});
    expect(backup).toMatchObject({ ok: false, error: { code: 'backup.diskFull' } });
    expect(store.getDraft(draft.id).fields.goals).toBe('原来的目标');

    rmSync(filler);
    expect((await dispatch(handlers, 'drafts.setField', { draftId: draft.id, key: 'goals', value: big })).ok).toBe(true);
    expect(store.getDraft(draft.id).fields.goals).toBe(big);
    expect(store.pragma('integrity_check')).toBe('ok');
  });

  it('a read-only data folder at start-up opens the drafts for viewing and refuses edits with the reason', async () => {
    const dir = mountTiny();
    const first = await openStoreSafely(dir);
    const draft = first.store.createDraft({ regionId: 'xinjiang', templateVersion: 1, fields: { consortiumName: '只读时也要看得到' } });
    first.store.close();
    const before = readFileSync(join(dir, 'drafts.sqlite'));
    execFileSync('mount', ['-o', 'remount,bind,ro', dir]);
    const opened = await openStoreSafely(dir);
    expect(opened.readOnly).toMatchObject({ code: 'store.readOnly', message: expect.stringMatching(/^数据文件夹 .* 为只读或没有写入权限：本次只能查看草稿，修改不会保存/) });
    expect(opened.recovered).toBeUndefined();
    const handlers = createCoreHandlers({ store: opened.store, backups: opened.backups, templates: loadRegionTemplates(), appVersion: 'test', host: 'web' }) as ContractHandlers;
    const listed = await dispatch(handlers, 'drafts.list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ id: draft.id, name: '只读时也要看得到' }] });
    expect(await dispatch(handlers, 'drafts.get', { id: draft.id })).toMatchObject({ ok: true });
    for (const [channel, payload] of [
      ['drafts.setField', { draftId: draft.id, key: 'goals', value: '新的目标' }],
      ['drafts.create', { regionId: 'xinjiang' }],
      ['rows.add', { draftId: draft.id, table: 'members', atIndex: null, rows: [{ name: '甲' }] }],
      ['revisions.create', { draftId: draft.id }],
      ['drafts.trash', { id: draft.id }],
    ] as const) {
      const answer = await dispatch(handlers, channel, payload);
      expect(answer, channel).toMatchObject({ ok: false, error: { code: 'store.readOnly', message: expect.stringMatching(/只能查看草稿，修改不会保存/) } });
    }
    const backup = await dispatch(handlers, 'backups.create', {});
    expect(backup).toMatchObject({ ok: false, error: { message: expect.stringMatching(/只读/) } });
    opened.store.close();
    execFileSync('mount', ['-o', 'remount,bind,rw', dir]);
    expect(readFileSync(join(dir, 'drafts.sqlite')).equals(before)).toBe(true); // viewing never touched the file
    const again = await openStoreSafely(dir);
    expect(again.readOnly).toBeUndefined();
    expect(again.store.listDrafts()).toHaveLength(1);
    again.store.close();
  });

  it('a full disk at start-up opens the drafts for viewing and says so', async () => {
    const dir = mountTiny();
    const first = await openStoreSafely(dir);
    first.store.createDraft({ regionId: 'xinjiang', templateVersion: 1, fields: { consortiumName: '磁盘满了' } });
    first.store.close();
    const filler = join(dir, 'filler.bin');
    try {
      writeFileSync(filler, Buffer.alloc(2 * 1024 * 1024));
    } catch {
      // ENOSPC: full, as intended.
    }
    const opened = await openStoreSafely(dir);
    cleanups.push(() => opened.store.close());
    // SQLite cannot even make its shared-memory file: the store is opened for viewing.
    expect(opened.readOnly?.code).toBe('store.diskFull');
    expect(opened.store.listDrafts().map((d) => d.name)).toEqual(['磁盘满了']);
    expect(() => opened.store.createDraft({ regionId: 'xinjiang', templateVersion: 1 })).toThrow(/^磁盘空间不足，数据文件无法写入：本次只能查看草稿/);
  });
});
