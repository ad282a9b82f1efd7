import type { Channel, ChannelInput, ChannelResult, Envelope } from '../../../electron/shared/contract';
import { channels } from '../../../electron/shared/contract';
import type { ApiErrorPayload } from '../../../electron/shared/errors';

/** A call that failed, with the Chinese message the core chose for the user. */
export class ApiError extends Error {
  constructor(readonly payload: ApiErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
  }
}

type Transport = (channel: Channel, input: unknown) => Promise<Envelope<unknown>>;

/** The preload's bridge: `window.api.<namespace>.<method>(input)`, built from the same contract. */
type BridgeApi = Record<string, Record<string, (input: unknown) => Promise<Envelope<unknown>>>>;

declare global {
  interface Window {
    api?: BridgeApi;
  }
}

function bridgeTransport(bridge: BridgeApi): Transport {
  return (channel, input) => {
    const [namespace, method] = channel.split('.');
    return bridge[namespace][method](input);
  };
}

/** In the browser host the contract travels over HTTP to 127.0.0.1 with the per-run token. */
function httpTransport(token: string): Transport {
  return async (channel, input) => {
    let response: Response;
    try {
      response = await fetch(`api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Api-Token': token },
        body: JSON.stringify(input ?? {}),
      });
    } catch (error) {
      return { ok: false, error: { code: 'transport', message: '无法连接到本机服务，请确认程序仍在运行。', detail: String(error) } };
    }
    if (!response.ok) {
      return { ok: false, error: { code: 'transport', message: `本机服务拒绝了请求（${response.status}）。`, detail: await response.text() } };
    }
    return (await response.json()) as Envelope<unknown>;
  };
}

export type Api = { [C in Channel]: (input: ChannelInput<C>) => Promise<ChannelResult<C>> };

function createApi(transport: Transport): Api {
  const api = {} as Record<Channel, (input: unknown) => Promise<unknown>>;
  for (const channel of channels) {
    api[channel] = async (input) => {
      const envelope = await transport(channel, input);
      if (!envelope.ok) throw new ApiError(envelope.error);
      return envelope.value;
    };
  }
  return api as Api;
}

function chooseTransport(): Transport {
  if (window.api) return bridgeTransport(window.api);
  const token = document.querySelector('meta[name="lianheti-api-token"]')?.getAttribute('content') ?? '';
  return httpTransport(token);
}

/** The renderer's only way to the system; nothing else knows whether it runs in Electron or a browser. */
export const api: Api = createApi(chooseTransport());
export const isBrowserHost = !window.api;
