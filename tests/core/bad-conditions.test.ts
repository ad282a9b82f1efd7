import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckSummaries, createCoreHandlers, dispatch } from '../../electron/core/api';
import { removeStaleWorkFolders } from '../../electron/core/documents/export-package';
import { describeFailure } from '../../electron/core/os-errors';
import { loadRegionTemplates } from '../../electron/core/regions/templates';
import { BackupService } from '../../electron/core/storage/backups';
import { DraftStore, maxRowsPerTable } from '../../electron/core/storage/draft-store';
import { openStoreSafely } from '../../electron/core/storage/open-store';
import type { Channel, ContractHandlers } from '../../electron/shared/contract';
import { maxFileNameBytes, packagePdfName, safeFileName } from '../../electron/shared/documents/export-names';
import { makeTempDir } from '../helpers/temp-dir';

/**
 * Bad conditions rather than bad input: a disk that is full or read-only, names that do not fit, a table
 * pasted past its limit, a folder the page should not reach. Each is made for real in the test (a tmpfs
 * mounted small or read-only — this suite runs as root on Linux, where chmod would not stop anything — a
 * real failing system call) and sent through the contract's `dispatch` as the page sends it. Each ends in a
 * Chinese sentence that says why, never 「内部错误」, and never in changed data.
 */
const templates = loadRegionTemplates();
const root = resolve(__dirname, '../..');
let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

const chinese = /[\u4e00-\u9fff]/;
const internal = /内部错误/;

function setUp(options: { exportDir?: string } = {}) {
  const temp = makeTempDir();
  const store = DraftStore.open(join(temp.dir, 'drafts.sqlite'));
  const backups = new BackupService(store);
  const summaries = new CheckSummaries(store, templates);
  cleanups.push(() => {
    store.close();
    temp.cleanup();
  });
  const handlers = createCoreHandlers({ store, backups, summaries, templates, appVersion: 'test', host: 'web', ...options }) as ContractHandlers;
  const draft = store.createDraft({ regionId: 'xinjiang', templateVersion: 1, fields: { consortiumName: '原有的联合体' } });
  store.addRows(draft.id, 'members', null, [{ name: '原有的单位', unitType: '企业', tier: '牵头单位' }]);
  const snapshot = () => ({ drafts: store.listDrafts().map((d) => store.getDraft(d.id)), revisions: store.revisionCount() });
  return { store, handlers, summaries, draftId: draft.id, snapshot, dir: temp.dir };
}

async function refused(handlers: ContractHandlers, channel: Channel, payload: unknown) {
  const answer = await dispatch(handlers, channel, payload);
  expect(answer.ok, `${channel} should fail`).toBe(false);
  if (answer.ok) throw new Error('unreachable');
  expect(answer.error.message, channel).toMatch(chinese);
  expect(answer.error.message, channel).not.toMatch(internal);
  return answer.error;
}

function tryMount(dir: string, options: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A small real filesystem, unmounted after the test. */
function mountTiny(options = 'size=1m'): string {
  const temp = makeTempDir('lianheti-tmpfs-');
  const dir = join(temp.dir, 'disk');
  mkdirSync(dir);
  if (!tryMount(dir, options)) throw new Error('mounting a tmpfs failed: these tests need root on Linux (as in CI)');
  cleanups.push(() => {
    try {
      execFileSync('umount', ['-l', dir]);
    } finally {
      temp.cleanup();
    }
  });
  return dir;
}

/** Fills a mounted disk to the last byte. */
function fill(dir: string): void {
  try {
    writeFileSync(join(dir, 'filler.bin'), Buffer.alloc(64 * 1024 * 1024));
  } catch {
    // ENOSPC: full, which is the point.
  }
}

describe('every system error reads as Chinese, with the precise error kept for the log', () => {
  // Each case makes the error for real; the mapping must say it in Chinese and keep the code in `detail`.
  const cases: Array<[string, () => unknown]> = [
    ['ENOSPC', () => {
      const disk = mountTiny('size=64k');
      fill(disk);
      writeFileSync(join(disk, 'more.txt'), 'x'.repeat(8192));
    }],
    ['EROFS', () => {
      const disk = mountTiny();
      execFileSync('mount', ['-o', 'remount,ro', disk]);
      writeFileSync(join(disk, 'x.txt'), 'x');
    }],
    ['EACCES', () => {
      // noexec is enforced for root too: running a program from such a disk is refused with EACCES.
      const disk = mountTiny('size=1m,noexec');
      const program = join(disk, 'program.sh');
      writeFileSync(program, '#!/bin/sh\necho hi\n');
      chmodSync(program, 0o755);
      const run = spawnSync(program);
      throw run.error;
    }],
    ['EPERM', () => {
      const temp = makeTempDir();
      cleanups.push(temp.cleanup);
      linkSync(temp.dir, join(temp.dir, 'hard-link-to-a-folder'));
    }],
    ['ENAMETOOLONG', () => writeFileSync(join(tmpdir(), `${'名'.repeat(100)}.txt`), 'x')],
    ['EISDIR', () => readFileSync(tmpdir())],
    ['ENOTDIR', () => {
      const temp = makeTempDir();
      cleanups.push(temp.cleanup);
      writeFileSync(join(temp.dir, 'a-file'), 'x');
      mkdirSync(join(temp.dir, 'a-file', 'inside'));
    }],
    ['ENOENT', () => readFileSync(join(tmpdir(), 'lianheti-does-not-exist', 'x.json'))],
  ];

  for (const [code, make] of cases) {
    it(`${code}`, () => {
      let caught: unknown = null;
      try {
        make();
      } catch (error) {
        caught = error;
      }
      expect((caught as NodeJS.ErrnoException | null)?.code).toBe(code);
      const described = describeFailure(caught);
      expect(described?.message).toMatch(chinese);
      expect(described?.message).not.toMatch(/ENO|EROFS|EACCES|EPERM|EISDIR/);
      expect(described?.detail).toContain(code);
    });
  }

  it('EADDRINUSE', async () => {
    const first = createServer();
    await new Promise<void>((resolveListen) => first.listen(0, '127.0.0.1', resolveListen));
    cleanups.push(() => first.close());
    const port = (first.address() as { port: number }).port;
    const second = createServer();
    const error = await new Promise<unknown>((resolveError) => {
      second.once('error', resolveError);
      second.listen(port, '127.0.0.1');
    });
    expect(describeFailure(error)?.message).toMatch(/^操作未完成.*端口已被其他程序占用/);
  });

  it('EMFILE', () => {
    // A child with a low open-file limit opens files until the system refuses one.
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const script = join(temp.dir, 'open-files.mjs');
    writeFileSync(
      script,
      `import { openSync } from 'node:fs';
       import { describeFailure } from ${JSON.stringify(join(root, 'electron/core/os-errors.ts'))};
       try { for (let i = 0; i < 10000; i++) openSync('/dev/null', 'r'); } catch (error) {
         console.log(JSON.stringify({ code: error.code, message: describeFailure(error)?.message }));
       }`,
    );
    const run = spawnSync('sh', ['-c', 'ulimit -n 256 && exec "$0" --import tsx "$1"', process.execPath, script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    const answer = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { code?: string; message?: string };
    expect(answer.code).toBe('EMFILE');
    expect(answer.message).toMatch(/同时打开的文件过多/);
  });

  it('reaches the page through dispatch: an export into a read-only or full folder, or a path through a file', async () => {
    const { store, handlers, draftId, snapshot, dir } = setUp();
    const before = snapshot();
    const readOnly = mountTiny();
    execFileSync('mount', ['-o', 'remount,ro', readOnly]);
    const full = mountTiny('size=256k');
    fill(full);
    writeFileSync(join(dir, 'a-file'), 'x');
    const expectations: Array<[string, RegExp]> = [
      [readOnly, /只读/],
      [full, /磁盘空间不足/],
      [join(dir, 'a-file', 'inside'), /不是文件夹/],
      [join(dir, '长'.repeat(90)), /过长/],
    ];
    for (const [target, message] of expectations) {
      const error = await refused(handlers, 'documents.export', { draftId, dir: target, pdf: false });
      expect(error.message, target).toMatch(message);
    }
    // The exports took their revisions (the store is fine); the drafts themselves are as they were.
    expect(snapshot().drafts).toEqual(before.drafts);
    expect(store.pragma('integrity_check')).toBe('ok');
  });
});

describe('a disk that fills up while the app runs', () => {
  it('drafts stay listed, and creating, versioning and exporting say the disk is full', async () => {
    const disk = mountTiny('size=2m');
    const { store, backups } = await openStoreSafely(join(disk, 'data'));
    cleanups.push(() => store.close());
    const handlers = createCoreHandlers({ store, backups, templates, appVersion: 'test', host: 'electron' }) as ContractHandlers;
    const draft = store.createDraft({ regionId: 'xinjiang', templateVersion: 1, fields: { consortiumName: '满盘时的联合体', goals: '目标'.repeat(2000) } });
    const before = store.getDraft(draft.id);
    fill(disk);
    expect(await dispatch(handlers, 'drafts.list', {})).toMatchObject({ ok: true, value: [{ id: draft.id }] });
    for (const [channel, payload] of [
      ['drafts.create', { regionId: 'xinjiang' }],
      ['revisions.create', { draftId: draft.id }],
      ['documents.export', { draftId: draft.id, dir: join(disk, '导出'), pdf: false }],
      ['workbooks.export', { draftId: draft.id }],
    ] as const) {
      const error = await refused(handlers, channel, payload);
      expect(error.message, channel).toMatch(/磁盘空间不足/);
    }
    expect(store.getDraft(draft.id)).toEqual(before);
    expect(store.pragma('integrity_check')).toBe('ok');
  });
});

describe('reads never write', () => {
  it('drafts.list shows current figures for a store that refuses every write, and stores nothing', async () => {
    const { store, handlers, draftId } = setUp();
    store.setField(draftId, 'goals', '编辑后尚未检查');
    expect(store.listDrafts()[0].completeness).toBeNull();
    store.setLimit('query_only', 1); // any write now fails, as on a read-only disk
    const changes = store.totalChanges();
    const answer = await dispatch(handlers, 'drafts.list', {});
    expect(answer).toMatchObject({ ok: true, value: [{ id: draftId, completeness: expect.any(Number), eligible: expect.any(String) }] });
    expect(await dispatch(handlers, 'checks.run', { draftId })).toMatchObject({ ok: true });
    expect(store.totalChanges()).toBe(changes);
    expect(store.listDrafts()[0].completeness).toBeNull(); // computed for the list, not stored
  });

  it('an edit stores its draft’s summary once editing pauses, and only then', async () => {
    const { store, handlers, summaries, draftId } = setUp();
    expect((await dispatch(handlers, 'drafts.setField', { draftId, key: 'goals', value: '新的目标' })).ok).toBe(true);
    expect(store.listDrafts()[0].completeness).toBeNull();
    summaries.flush();
    const stored = store.listDrafts()[0];
    expect(stored.completeness).toEqual(expect.any(Number));
    const listed = await dispatch(handlers, 'drafts.list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ completeness: stored.completeness, eligible: stored.eligible }] });
  });
});

describe('summaries after checks.run', () => {
  it('the page’s own check of the edited draft is what gets stored when editing pauses', async () => {
    const { store, handlers, summaries, draftId } = setUp();
    await dispatch(handlers, 'rows.add', { draftId, table: 'members', atIndex: null, rows: [{ name: '第二家单位', unitType: '高校' }] });
    const report = await dispatch(handlers, 'checks.run', { draftId });
    expect(store.listDrafts()[0].completeness).toBeNull(); // checks.run is a read
    summaries.flush();
    if (!report.ok) throw new Error(report.error.message);
    const { completeness, eligible } = report.value as { completeness: number; eligible: string };
    expect(store.listDrafts()[0]).toMatchObject({ completeness, eligible });
  });
});

describe('a read-only store', () => {
  it('exports documents and the Excel list without a revision, and refuses what would change it', async () => {
    const disk = mountTiny('size=4m');
    const first = await openStoreSafely(disk);
    const draft = first.store.createDraft({ regionId: 'xinjiang', templateVersion: 1, fields: { consortiumName: '只读的联合体' } });
    first.store.close();
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    const opened = await openStoreSafely(disk);
    cleanups.push(() => opened.store.close());
    const out = makeTempDir();
    cleanups.push(out.cleanup);
    const handlers = createCoreHandlers({ store: opened.store, backups: opened.backups, templates, appVersion: 'test', host: 'electron' }) as ContractHandlers;
    const exported = await dispatch(handlers, 'documents.export', { draftId: draft.id, dir: out.dir, pdf: false });
    expect(exported).toMatchObject({ ok: true });
    expect(readdirSync(join(out.dir, '只读的联合体')).some((name) => name.endsWith('.docx'))).toBe(true);
    expect(await dispatch(handlers, 'workbooks.export', { draftId: draft.id })).toMatchObject({ ok: true });
    for (const [channel, payload] of [
      ['revisions.create', { draftId: draft.id }],
      ['drafts.duplicate', { id: draft.id }],
      ['projects.import', { json: '{}', decisions: ['new'] }],
      ['backups.restore', { fileName: 'drafts-20260101T000000000Z-manual.sqlite' }],
    ] as const) {
      const error = await refused(handlers, channel, payload);
      expect(error.code, channel).toBe('store.readOnly');
    }
  });
});

describe('a read-only store after a crash', () => {
  it('shows the edits the crash left in the -wal file', async () => {
    const live = makeTempDir();
    cleanups.push(live.cleanup);
    const store = DraftStore.open(join(live.dir, 'drafts.sqlite'));
    cleanups.push(() => store.close());
    const draft = store.createDraft({ regionId: 'xinjiang', templateVersion: 1, fields: { consortiumName: '崩溃之前' } });
    store.setField(draft.id, 'consortiumName', '崩溃前的最后一次修改');
    // The files as a crash leaves them (the connection still open, the last edits only in -wal), on a disk
    // that is read-only when the app starts again.
    const disk = mountTiny('size=4m');
    for (const name of readdirSync(live.dir)) writeFileSync(join(disk, name), readFileSync(join(live.dir, name)));
    expect(readdirSync(disk).sort()).toEqual(['drafts.sqlite', 'drafts.sqlite-shm', 'drafts.sqlite-wal']);
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    const opened = await openStoreSafely(disk);
    cleanups.push(() => opened.store.close());
    expect(opened.readOnly?.code).toBe('store.readOnly');
    expect(opened.store.getDraft(draft.id).fields.consortiumName).toBe('崩溃前的最后一次修改');
    expect(() => opened.store.setField(draft.id, 'goals', 'x')).toThrow(/只能查看草稿/);
  });
});

describe('the browser host writes files only into its export folder', () => {
  it('workbooks.collectionFiles outside it, or through a link out of it, is refused; inside it works', async () => {
    const exportRoot = makeTempDir();
    cleanups.push(exportRoot.cleanup);
    const { store, handlers, draftId } = setUp({ exportDir: exportRoot.dir });
    store.addRows(draftId, 'members', null, [{ name: '第二家单位', unitType: '高校', tier: '核心层单位' }]);
    const elsewhere = makeTempDir();
    cleanups.push(elsewhere.cleanup);
    symlinkSync(elsewhere.dir, join(exportRoot.dir, 'link-out'));
    for (const dir of [elsewhere.dir, '/etc/cron.d', join(exportRoot.dir, '..', 'beside'), join(exportRoot.dir, 'link-out')]) {
      const error = await refused(handlers, 'workbooks.collectionFiles', { draftId, dir });
      expect(error.message, dir).toBe('浏览器版只能导出到固定的导出文件夹。');
    }
    expect(readdirSync(elsewhere.dir)).toEqual([]);
    const inside = await dispatch(handlers, 'workbooks.collectionFiles', { draftId, dir: join(exportRoot.dir, '信息采集') });
    expect(inside).toMatchObject({ ok: true });
    expect(readdirSync(join(exportRoot.dir, '信息采集'))).toHaveLength(2);
  });
});

describe('names that fit', () => {
  const longNames: Array<[string, string]> = [
    ['74 CJK characters', `${'新疆现代煤化工产业技术创新'.repeat(6)}联合体一`.slice(0, 74)],
    ['120 CJK characters', '甲'.repeat(120)],
    ['80 four-byte characters', '𠀀'.repeat(80)],
    ['80 emoji with skin tones', '👍🏽'.repeat(40)],
  ];
  const bytes = (name: string) => Buffer.byteLength(name, 'utf8');

  for (const [kind, name] of longNames) {
    it(`${kind}: every export name, with its suffix and a temporary .part, fits 255 bytes`, () => {
      for (const suffix of [undefined, '（申报材料）.pdf', '-20260301.lhtproj.json']) {
        const stem = safeFileName(name, '未命名', suffix);
        expect(bytes(stem) + bytes(suffix ?? '-成员单位及科研团队平台名单.xlsx') + 12).toBeLessThanOrEqual(maxFileNameBytes);
        expect(stem).toMatch(/-[0-9a-f]{8}$/); // cut, so it carries the whole name's hash
        expect(safeFileName(name, '未命名', suffix)).toBe(stem); // stable
        expect(stem).not.toMatch(/[\ud800-\udfff]$/); // never half a character
      }
      expect(bytes(packagePdfName(name)) + 12).toBeLessThanOrEqual(maxFileNameBytes);
    });
  }

  it('two long names that start alike stay two names', () => {
    const a = safeFileName(`${'甲'.repeat(100)}一`, 'x');
    const b = safeFileName(`${'甲'.repeat(100)}二`, 'x');
    expect(a).not.toBe(b);
  });

  it('a short name is left as it is, with no hash', () => {
    expect(safeFileName('新疆现代煤化工创新联合体', 'x')).toBe('新疆现代煤化工创新联合体');
  });

  const invisible: Array<[string, string]> = [
    ['right-to-left override', '\u202e联合体gpj.exe'],
    ['left-to-right and pop', '\u202a联合体\u202c'],
    ['isolates', '\u2066联合体\u2069\u2067甲\u2068乙'],
    ['marks', '\u200e联合体\u200f\u061c'],
    ['zero-width space, joiners, no-break and word joiner', '联\u200b合\u200c体\u200d\ufeff甲\u2060'],
  ];
  for (const [kind, name] of invisible) {
    it(`${kind} are removed`, () => {
      const safe = safeFileName(name, '未命名');
      expect(safe).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\ufeff\u2060]/);
      expect(safe).toContain('联');
    });
  }
  it('a name of nothing but invisible characters falls back', () => {
    expect(safeFileName('\u202e\u200b\ufeff', '未命名联合体')).toBe('未命名联合体');
  });

  it('a consortium of 80 four-byte characters exports its whole package, PDF included, and its collection files', async () => {
    const exportRoot = makeTempDir();
    cleanups.push(exportRoot.cleanup);
    const { store, handlers, draftId } = setUp({ exportDir: exportRoot.dir });
    const name = '𠀀'.repeat(80);
    store.setField(draftId, 'consortiumName', name);
    store.addRows(draftId, 'members', null, [{ name: '𠀁'.repeat(100), unitType: '高校', tier: '核心层单位' }]);
    const answer = await dispatch(handlers, 'documents.export', { draftId, dir: exportRoot.dir, pdf: true });
    expect(answer).toMatchObject({ ok: true, value: { skipped: [] } });
    if (!answer.ok) return;
    const result = answer.value as { folder: string; files: Array<{ name: string; format: string }> };
    expect(result.files.some((file) => file.format === 'pdf')).toBe(true);
    for (const file of readdirSync(result.folder)) expect(bytes(file)).toBeLessThanOrEqual(maxFileNameBytes);
    expect(readdirSync(result.folder).filter((file) => file.endsWith('.part'))).toEqual([]);

    const collected = await dispatch(handlers, 'workbooks.collectionFiles', { draftId, dir: join(exportRoot.dir, '采集') });
    expect(collected).toMatchObject({ ok: true });
    for (const file of readdirSync(join(exportRoot.dir, '采集'))) expect(bytes(file)).toBeLessThanOrEqual(maxFileNameBytes);
    const project = await dispatch(handlers, 'projects.export', { draftIds: [draftId] });
    expect(project.ok && bytes((project.value as { fileName: string }).fileName)).toBeLessThanOrEqual(maxFileNameBytes);
  }, 120_000);
});

describe('limits that agree', () => {
  it(`a table holds at most ${maxRowsPerTable} rows: a paste past it is refused whole, naming the table`, async () => {
    const { store, handlers, draftId } = setUp();
    const paste = (n: number, from: number) => Array.from({ length: n }, (_, i) => ({ name: `研究人员${from + i}` }));
    expect((await dispatch(handlers, 'rows.add', { draftId, table: 'team', atIndex: null, rows: paste(6000, 0) })).ok).toBe(true);
    const error = await refused(handlers, 'rows.add', { draftId, table: 'team', atIndex: null, rows: paste(6000, 6000) });
    expect(error).toMatchObject({ code: 'table.full' });
    expect(error.message).toBe(`科研团队表最多 ${maxRowsPerTable} 行，现有 6000 行，不能再添加 6000 行，未保存这些行。请删去不需要的行后再试。`);
    expect(store.getDraft(draftId).tables.team).toHaveLength(6000);
    // What the table holds can always be exported as a project file and read back.
    const exported = await dispatch(handlers, 'projects.export', { draftIds: [draftId] });
    expect(exported.ok).toBe(true);
  });

  it('stale work folders of interrupted exports are removed, young ones (an export running now) kept', () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const old = join(temp.dir, 'lianheti-pdf-old123');
    const oldStore = join(temp.dir, 'lianheti-cli-export-old456');
    const young = join(temp.dir, 'lianheti-pdf-young789');
    const unrelated = join(temp.dir, 'someone-elses');
    for (const dir of [old, oldStore, young, unrelated]) mkdirSync(dir);
    writeFileSync(join(oldStore, 'drafts.sqlite'), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    for (const dir of [old, oldStore, unrelated]) utimesSync(dir, twoHoursAgo, twoHoursAgo);
    expect(removeStaleWorkFolders(Date.now(), 3600_000, temp.dir).sort()).toEqual([oldStore, old].sort());
    expect([old, oldStore].map(existsSync)).toEqual([false, false]);
    expect([young, unrelated].map(existsSync)).toEqual([true, true]);
  });
});
