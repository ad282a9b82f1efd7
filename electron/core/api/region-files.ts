import type { HandlersFor } from '../../shared/contract';
import type { regionFilesContract } from '../../shared/contract/region-files';
import type { RegionLibrary } from '../regions/region-library';

/** Region files (地区模板文件): list, load, remove, straight onto the library. */
export function regionFileHandlers(regions: RegionLibrary): HandlersFor<keyof typeof regionFilesContract> {
  return {
    'regionFiles.list': () => regions.list(),
    'regionFiles.load': ({ fileName, text }) => regions.load(fileName, text),
    'regionFiles.remove': ({ id }) => (regions.remove(id), { ok: true as const }),
  };
}
