import type { Channel, ContractHandlers, CoreHandlers, Envelope } from '../../shared/contract';
import { parseInput } from '../../shared/contract';
import { toErrorPayload } from '../../shared/errors';
import { describeFailure } from '../os-errors';
import { RegionLibrary } from '../regions/region-library';
import type { CoreDeps } from './deps';
import { checksHandlers } from './checks';
import { documentsHandlers } from './documents';
import { docxImportHandlers } from './docx-import';
import { draftHandlers } from './drafts';
import { referenceHandlers } from './reference';
import { regionFileHandlers } from './region-files';
import { safetyHandlers } from './safety';
import { CheckSummaries } from './summaries';
import { workbooksHandlers } from './workbooks';

export type { CoreDeps } from './deps';
export { CheckSummaries } from './summaries';

/** One core function per contract channel, gathered from one module per capability. */
export function createCoreHandlers(given: CoreDeps): CoreHandlers {
  // One list of regions for every handler: the library's, which loading and removing a region file update.
  const regions = given.regions ?? new RegionLibrary(given.store, given.templates, given.log);
  const deps: CoreDeps = {
    ...given,
    regions,
    templates: regions.templates,
    summaries: given.summaries ?? new CheckSummaries(given.store, regions.templates, given.log),
  };
  return {
    ...draftHandlers(deps),
    ...checksHandlers(deps),
    ...documentsHandlers(deps),
    ...workbooksHandlers(deps),
    ...docxImportHandlers(deps),
    ...safetyHandlers(deps),
    ...referenceHandlers(),
    ...regionFileHandlers(regions),
  };
}

/** Validate → call → envelope: the whole of what a host does with a request. */
export async function dispatch(
  handlers: ContractHandlers,
  channel: Channel,
  payload: unknown,
  log?: (line: string) => void,
): Promise<Envelope<unknown>> {
  try {
    const input = parseInput(channel, payload);
    const handler = handlers[channel] as (input: unknown) => unknown;
    return { ok: true, value: await handler(input) };
  } catch (error) {
    // A disk or SQLite refusal reads as what it is (磁盘空间不足 …); only a bug stays 「内部错误」.
    const payloadError = toErrorPayload(describeFailure(error) ?? error);
    log?.(`[${new Date().toISOString()}] ${channel} failed: ${payloadError.code} ${payloadError.detail ?? payloadError.message}`);
    return { ok: false, error: payloadError };
  }
}
