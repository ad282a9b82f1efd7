import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ContractHandlers } from '../shared/contract';
import { channels } from '../shared/contract';
import { dispatch } from '../core/api';

/**
 * Registers exactly one handler per contract channel. Each checks who is calling (only our own window's
 * top frame, loaded from app://), validates the payload with the contract's schema and calls the core.
 */
export function registerContractHandlers(
  ipc: Pick<IpcMain, 'handle'>,
  handlers: ContractHandlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  log: (line: string) => void,
): void {
  for (const channel of channels) {
    ipc.handle(channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        log(`refused ${channel} from ${event.senderFrame?.url ?? 'unknown frame'}`);
        return { ok: false, error: { code: 'sender.refused', message: '拒绝了来自未知页面的请求。' } };
      }
      return dispatch(handlers, channel, payload, log);
    });
  }
}

/** Only the app's own page, in the top frame, may call the core. */
export function isAppFrameUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === 'renderer';
  } catch {
    return false;
  }
}
