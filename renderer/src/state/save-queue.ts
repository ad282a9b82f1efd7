import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'failed'; message: string };

/**
 * Autosave: each edit is queued under a key (a field, or a row's cells) and written shortly after typing
 * pauses. Writes for one key never overlap and the newest value always wins. A failed write keeps the value
 * queued, shows why, and is retried, so what the user typed is never dropped.
 */
export function useSaveQueue(delayMs = 250) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const pending = useRef(new Map<string, () => Promise<unknown>>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const running = useRef(false);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(async (): Promise<void> => {
    if (running.current) return;
    running.current = true;
    try {
      while (pending.current.size > 0) {
        const [key, write] = pending.current.entries().next().value as [string, () => Promise<unknown>];
        setState({ kind: 'saving' });
        try {
          await write();
          // Only drop the entry if no newer edit replaced it while writing.
          if (pending.current.get(key) === write) pending.current.delete(key);
        } catch (error) {
          const message = error instanceof ApiError ? error.message : '无法保存，请检查磁盘空间或文件权限';
          setState({ kind: 'failed', message });
          if (retryTimer.current) clearTimeout(retryTimer.current);
          retryTimer.current = setTimeout(() => void flush(), 5000);
          return;
        }
      }
      setState({ kind: 'saved', at: new Date() });
    } finally {
      running.current = false;
    }
  }, []);

  const enqueue = useCallback(
    (key: string, write: () => Promise<unknown>) => {
      pending.current.set(key, write);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delayMs);
    },
    [delayMs, flush],
  );

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (retryTimer.current) clearTimeout(retryTimer.current);
    },
    [],
  );

  return { state, enqueue, flush, hasPending: () => pending.current.size > 0 };
}
