// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../renderer/src/api/client';
import { SaveQueue, useSaveState } from '../../../renderer/src/state/save-queue';

/** Autosave as the page uses it: a real queue with its timers, writes that record what reached "disk". */
afterEach(() => {
  vi.useRealTimers();
});

function disk() {
  const written: string[] = [];
  let failing: Error | null = null;
  return {
    written,
    fail: (error: Error | null) => (failing = error),
    write: (what: string) => async () => {
      await Promise.resolve();
      if (failing) throw failing;
      written.push(what);
    },
  };
}

describe('the save queue', () => {
  it('writes edits shortly after typing pauses, newest value per key, in the order of each key’s last edit', async () => {
    vi.useFakeTimers();
    const queue = new SaveQueue(250, 5000);
    const { written, write } = disk();
    queue.enqueue('goals', write('goals=技'));
    queue.enqueue('name', write('name=甲'));
    queue.enqueue('goals', write('goals=技术'));
    expect(queue.getState()).toEqual({ kind: 'saving' });
    await vi.advanceTimersByTimeAsync(200);
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    // Only the newest 「goals」 is written, after 「name」, whose last edit came first.
    expect(written).toEqual(['name=甲', 'goals=技术']);
    expect(queue.getState().kind).toBe('saved');
    expect(queue.hasPending()).toBe(false);
  });

  it('says a write is under way only while one is, not while edits wait for typing to pause', async () => {
    vi.useFakeTimers();
    const queue = new SaveQueue(250, 5000);
    let release: () => void = () => undefined;
    queue.enqueue('goals', () => new Promise<void>((done) => (release = done)));
    await vi.advanceTimersByTimeAsync(100);
    queue.enqueue('goals', () => new Promise<void>((done) => (release = done)));
    // Still typing: queued, nothing being written, so the indicator's icon stands still.
    expect(queue.getState()).toEqual({ kind: 'saving' });
    await vi.advanceTimersByTimeAsync(250);
    expect(queue.getState()).toEqual({ kind: 'saving', writing: true });
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.getState().kind).toBe('saved');
  });

  it('keeps an edit made while the previous value of the same key is being written, and writes it next', async () => {
    const queue = new SaveQueue(0, 5000);
    const written: string[] = [];
    let release: () => void = () => undefined;
    queue.enqueue('goals', () => new Promise<void>((done) => (release = () => (written.push('first'), done()))));
    const flushing = queue.flush();
    await Promise.resolve();
    queue.enqueue('goals', async () => void written.push('second'));
    release();
    expect(await flushing).toBe(true);
    expect(written).toEqual(['first', 'second']);
  });

  it('shows why a save failed, keeps the edit and everything after it, and retries until it is on disk', async () => {
    vi.useFakeTimers();
    const queue = new SaveQueue(10, 5000);
    const { written, write, fail } = disk();
    fail(new ApiError({ code: 'store.diskFull', message: '磁盘空间已满，无法保存。' }));
    queue.enqueue('goals', write('goals=目标'));
    await vi.advanceTimersByTimeAsync(20);
    expect(queue.getState()).toEqual({ kind: 'failed', message: '磁盘空间已满，无法保存。' });
    // Typing goes on while the disk is full: it queues behind the failed edit, and the failure stays shown.
    queue.enqueue('name', write('name=甲'));
    await vi.advanceTimersByTimeAsync(20);
    expect(queue.getState().kind).toBe('failed');
    expect(written).toEqual([]);
    expect(queue.hasPending()).toBe(true);
    fail(null);
    await vi.advanceTimersByTimeAsync(5000);
    expect(written).toEqual(['goals=目标', 'name=甲']);
    expect(queue.getState().kind).toBe('saved');
  });

  it('says in Chinese that saving failed when the error carries no message for the user', async () => {
    const queue = new SaveQueue(0, 60_000);
    queue.enqueue('goals', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await queue.flush()).toBe(false);
    expect(queue.getState()).toEqual({ kind: 'failed', message: '无法保存，请检查磁盘空间或文件权限，或确认程序仍在运行' });
    queue.enqueue('goals', async () => undefined);
    expect(await queue.flush()).toBe(true);
  });

  it('is what the page shows: useSaveState follows saving, failed and saved', async () => {
    const queue = new SaveQueue(0, 60_000);
    const { result } = renderHook(() => useSaveState(queue));
    expect(result.current).toEqual({ kind: 'idle' });
    const { write, fail } = disk();
    fail(new ApiError({ code: 'store.readOnly', message: '数据文件夹为只读，无法保存。' }));
    act(() => queue.enqueue('goals', write('x')));
    expect(result.current).toEqual({ kind: 'saving' });
    await act(() => queue.flush());
    expect(result.current).toEqual({ kind: 'failed', message: '数据文件夹为只读，无法保存。' });
    fail(null);
    await act(() => queue.flush());
    expect(result.current.kind).toBe('saved');
  });
});
