import type { HandlersFor } from '../../shared/contract';
import type { documentsContract } from '../../shared/contract/documents';
import type { CoreDeps } from './deps';

export function documentsHandlers(_deps: CoreDeps): HandlersFor<keyof typeof documentsContract> {
  return {};
}
