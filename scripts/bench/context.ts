import { createCoreHandlers, dispatch, type CoreDeps } from '../../electron/core/api';
import type { DraftStore } from '../../electron/core/storage/draft-store';
import type { Channel, ChannelInput, ChannelResult, ContractHandlers, HostHandlers } from '../../electron/shared/contract';
import type { RegionTemplate } from '../../electron/shared/region-template';
import type { Figure } from './report';
import type { RunPlan } from './stats';

/** How much each suite does; the numbers in a full run, fewer in a quick one. */
export interface BenchCounts {
  /** Single-field and single-cell autosaves timed (each). */
  autosaveEdits: number;
  /** Drafts in the store opened cold and listed on the home screen. */
  storeDrafts: number;
  /** Rows of the Excel rosters imported. */
  rosterRows: number;
  /** Keys typed into the grid cell. */
  keystrokes: number;
}

export const fullCounts: BenchCounts = { autosaveEdits: 10_000, storeDrafts: 200, rosterRows: 10_000, keystrokes: 80 };
export const quickCounts: BenchCounts = { autosaveEdits: 1_000, storeDrafts: 200, rosterRows: 10_000, keystrokes: 30 };

/** What every suite gets from the entry script. */
export interface BenchContext {
  templates: RegionTemplate[];
  plan: RunPlan;
  quick: boolean;
  counts: BenchCounts;
  /** A scratch folder on the same disk as the user's data would be (fsync costs are real there). */
  workDir: string;
  log: (line: string) => void;
}

export interface SuiteResult {
  figures: Figure[];
  /** Set when the suite could not run at all; the figures are then empty. */
  skipped?: string;
  /** The browser's version, for the machine line (the UI suite). */
  browser?: string;
}

/** The host-side channels answered the way the browser host answers them: the core is what is measured. */
const hostStubs: HostHandlers = {
  'host.print': () => ({ printed: false, fallback: 'browser' }),
  'host.savePdf': () => ({ file: null, fallback: 'browser' }),
  'host.chooseExportFolder': () => ({ dir: null }),
  'host.openFolder': () => ({ opened: false }),
};

/**
 * The contract as a host serves it: validate the payload, call the core handler, wrap the result. The
 * same path the renderer's calls take, minus the transport.
 */
export function contractCaller(store: DraftStore, templates: RegionTemplate[], extra: Partial<CoreDeps> = {}) {
  const handlers: ContractHandlers = {
    ...createCoreHandlers({ store, templates, appVersion: 'bench', host: 'web', ...extra }),
    ...hostStubs,
  };
  return async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>> {
    const envelope = await dispatch(handlers, channel, input);
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.detail ?? envelope.error.message}`);
    return envelope.value as ChannelResult<C>;
  };
}

export function templateFor(context: Pick<BenchContext, 'templates'>, regionId: string): RegionTemplate {
  const found = context.templates.find((template) => template.id === regionId);
  if (!found) throw new Error(`no region template ${regionId}`);
  return found;
}
