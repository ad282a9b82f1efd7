import { contextBridge, ipcRenderer } from 'electron';
import { channels } from '../shared/contract';

/**
 * The page's only door to the system: `window.api.<namespace>.<method>(input)`, one function per contract
 * channel. Raw ipcRenderer is never exposed, so the page cannot name a channel the contract lacks.
 */
const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
for (const channel of channels) {
  const [namespace, method] = channel.split('.');
  api[namespace] ??= {};
  api[namespace][method] = (input: unknown) => ipcRenderer.invoke(channel, input);
}

contextBridge.exposeInMainWorld('api', api);
