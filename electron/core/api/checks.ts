import type { HandlersFor } from '../../shared/contract';
import type { checksContract } from '../../shared/contract/checks';
import type { CoreDeps } from './deps';

export function checksHandlers(_deps: CoreDeps): HandlersFor<keyof typeof checksContract> {
  return {};
}
