import type { HandlersFor } from '../../shared/contract';
import type { safetyContract } from '../../shared/contract/safety';
import type { CoreDeps } from './deps';

export function safetyHandlers(_deps: CoreDeps): HandlersFor<keyof typeof safetyContract> {
  return {};
}
