import type { HandlersFor } from '../../shared/contract';
import type { workbooksContract } from '../../shared/contract/workbooks';
import type { CoreDeps } from './deps';

export function workbooksHandlers(_deps: CoreDeps): HandlersFor<keyof typeof workbooksContract> {
  return {};
}
