import { useEffect, useState } from 'react';
import type { RegionTemplate } from '../../../electron/shared/region-template';
import { api } from '../api/client';

let cache: Promise<RegionTemplate[]> | null = null;

/** Region templates are data from the core, loaded once per page. */
export function useRegions(): RegionTemplate[] | null {
  const [regions, setRegions] = useState<RegionTemplate[] | null>(null);
  useEffect(() => {
    cache ??= api['regions.list']({});
    let live = true;
    void cache.then((list) => live && setRegions(list));
    return () => {
      live = false;
    };
  }, []);
  return regions;
}
