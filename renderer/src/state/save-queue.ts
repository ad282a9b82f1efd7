import { useSyncExternalStore } from 'react';
import { ApiError } from '../api/client';

export type SaveState =
  | { kind: 'idle' }
  /**
   * Edits are queued. `writing` is set while a write is under way; while the user is still typing (the
   * writes wait for a pause) it is not, and the indicator stands still: a spinning icon would make the
   * compositor draw every frame, so each keystroke would wait for the next frame instead of being drawn at once.
   */
  | { kind: 'saving'; writing?: true }
  | { kind: 'saved'; at: Date }
  | { kind: 'failed'; message: string };

type Write = () => Promise<unknown>;

/**
 * Autosave: each edit is queued under a key (a field, a cell, a pasted row) and written shortly after typing
 * pauses. Writes run one at a time in the order of the latest edit to each key, so the newest value always
 * wins. A failed write stays queued, the reason is shown, and it is retried, so nothing typed is dropped.
 *
 * There is one queue for the page rather than one per screen, so that leaving a draft while a write is
 * pending does not cancel it.
 */
export class SaveQueue {
  private readonly pending = new Map<string, Write>();
  private readonly listeners = new Set<() => void>();
  private state: SaveState = { kind: 'idle' };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<boolean> | null = null;

  constructor(
    private readonly delayMs = 250,
    private readonly retryMs = 5000,
  ) {}

  getState = (): SaveState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  hasPending(): boolean {
    return this.pending.size > 0;
  }

  enqueue(key: string, write: Write): void {
    // Re-inserting moves the key to the end: a later edit is written after earlier edits to other keys.
    this.pending.delete(key);
    this.pending.set(key, write);
    if (this.state.kind !== 'failed' && this.state.kind !== 'saving') this.setState({ kind: 'saving' });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Writes everything queued now; resolves true when all is on disk, false when a write failed. */
  flush(): Promise<boolean> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<boolean> {
    while (this.pending.size > 0) {
      const [key, write] = this.pending.entries().next().value as [string, Write];
      if (this.state.kind !== 'failed') this.setState({ kind: 'saving', writing: true });
      try {
        await write();
        // Only drop the entry if no newer edit replaced it while writing.
        if (this.pending.get(key) === write) this.pending.delete(key);
      } catch (error) {
        const message =
          error instanceof ApiError ? error.message : '无法保存，请检查磁盘空间或文件权限，或确认程序仍在运行';
        this.setState({ kind: 'failed', message });
        if (this.retryTimer) clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => void this.flush(), this.retryMs);
        return false;
      }
    }
    this.setState({ kind: 'saved', at: new Date() });
    return true;
  }

  private setState(state: SaveState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

export const saveQueue = new SaveQueue();

export function useSaveState(queue: SaveQueue = saveQueue): SaveState {
  return useSyncExternalStore(queue.subscribe, queue.getState);
}
