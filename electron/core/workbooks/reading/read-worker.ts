import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { replyTo, type ReadJob } from './read-job';

/** The entry of a reading worker: one job from workerData, one reply, then the thread ends. */

/**
 * Reading yields to the app on a busy machine: this thread (not the process) gets a lower priority, so
 * the main thread's saves are scheduled first. Linux names a thread by /proc/thread-self; elsewhere the
 * thread keeps the normal priority.
 */
function lowerThreadPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not permitted: the limits still apply, only the scheduling is the system's.
  }
}

lowerThreadPriority();
// As JSON text: the main thread parses text several times faster than it takes in a structured clone of
// a 10 000-row preview, and every millisecond it spends there is one autosave waits for.
void replyTo(workerData as ReadJob).then((reply) => parentPort?.postMessage(JSON.stringify(reply)));
