import type { HandlersFor } from '../../shared/contract';
import type { referenceContract } from '../../shared/contract/reference';
import { lookupCode, searchCodes } from '../regions/code-tables';

export function referenceHandlers(): HandlersFor<keyof typeof referenceContract> {
  return {
    'codes.search': ({ kind, query, limit }) => searchCodes(kind, query, limit),
    'codes.lookup': ({ kind, code }) => lookupCode(kind, code),
  };
}
