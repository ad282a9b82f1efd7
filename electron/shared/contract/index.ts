import type { z } from 'zod';
import type { ApiErrorPayload } from '../errors';
import { UserError } from '../errors';
import { checksContract } from './checks';
import { documentsContract } from './documents';
import { docxImportContract } from './docx-import';
import { draftsContract } from './drafts';
import { hostContract } from './host';
import { referenceContract } from './reference';
import { regionFilesContract } from './region-files';
import { maxProjectJsonChars, safetyContract } from './safety';
import { maxAbsorbBase64Chars, maxAbsorbFiles, workbooksContract } from './workbooks';

/**
 * The one contract between the renderer and the system, assembled from one module per capability. Each
 * entry is a channel: its input schema and (as a phantom type) its result. Electron's main process, the
 * preload bridge, the browser host and the renderer's client are all derived from it; adding a call means
 * adding an entry to a module here and one function to the matching module of core/api.
 */
export const contract = {
  ...draftsContract,
  ...checksContract,
  ...documentsContract,
  ...workbooksContract,
  ...docxImportContract,
  ...safetyContract,
  ...referenceContract,
  ...regionFilesContract,
  ...hostContract,
} as const;

export { maxRowsPerCall, maxValueLength } from './define';

/**
 * The largest request a host must accept so that every call the contract allows arrives (and is refused, if
 * it must be, with the contract's own message): a project file at its limit with every character escaped
 * once in JSON (2 bytes), or the largest absorb call, plus room for the rest of the call.
 */
export const maxRequestBytes = Math.max(2 * maxProjectJsonChars, maxAbsorbBase64Chars + maxAbsorbFiles * 1024) + 1024 * 1024;
export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelResult<C extends Channel> = Contract[C]['result'];
export const channels = Object.keys(contract) as Channel[];

/** What a handler returns over any transport: plain JSON, never a thrown object. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorPayload };

/** The implementation of a set of channels: one function each. */
export type HandlersFor<C extends Channel> = {
  [K in C]: (input: ChannelParsedInput<K>) => ChannelResult<K> | Promise<ChannelResult<K>>;
};
export type ContractHandlers = HandlersFor<Channel>;
/** Channels that depend on the host (window, printer, dialogs); the core implements all the others. */
export type HostChannel = Extract<Channel, `host.${string}`>;
export type CoreHandlers = HandlersFor<Exclude<Channel, HostChannel>>;
export type HostHandlers = HandlersFor<HostChannel>;

/** Validates a payload against its channel's schema, with a Chinese message naming the bad field. */
export function parseInput<C extends Channel>(channel: C, payload: unknown): ChannelParsedInput<C> {
  const parsed = contract[channel].input.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(整体)';
    throw new UserError(
      'payload.invalid',
      `请求数据不正确：${where} ${issue?.message ?? ''}`.trim(),
      `${channel}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data as ChannelParsedInput<C>;
}

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
