import { parentPort, workerData } from 'node:worker_threads';
import { replyTo, type ReadJob } from './read-job';

/** The entry of a reading worker: one job from workerData, one reply, then the thread ends. */
void replyTo(workerData as ReadJob).then((reply) => parentPort?.postMessage(reply));
