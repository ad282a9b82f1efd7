import { useEffect, useState } from 'react';
import type { RegionEntry } from '../../../electron/shared/contract/region-files';
import type { RegionTemplate } from '../../../electron/shared/region-template';
import { api } from '../api/client';

let cache: Promise<RegionTemplate[]> | null = null;
let entriesCache: Promise<RegionEntry[]> | null = null;
/** Every mounted reader, told when a region file was loaded or removed. */
const listeners = new Set<() => void>();

/** Region templates are data from the core, loaded once per page and again after a region file changed them. */
export function useRegions(): RegionTemplate[] | null {
  return useCached(readRegions);
}
const readRegions = () => (cache ??= api['regions.list']({}));

/** The regions with where each comes from (built-in or 来自文件), its version and the drafts that use it. */
export function useRegionEntries(): RegionEntry[] | null {
  return useCached(readEntries);
}
const readEntries = () => (entriesCache ??= api['regionFiles.list']({}));

/** After loading or removing a region file: every list of regions on the page is read again. */
export function reloadRegions(): void {
  cache = null;
  entriesCache = null;
  for (const listener of listeners) listener();
}

function useCached<T>(read: () => Promise<T>): T | null {
  const [value, setValue] = useState<T | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const listener = () => setGeneration((count) => count + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  useEffect(() => {
    let live = true;
    // A new generation (a region file loaded or removed) reads the list again.
    read().then(
      (list) => live && setValue(list),
      () => live && setValue(null),
    );
    return () => {
      live = false;
    };
  }, [read, generation]);
  return value;
}
