/** What crosses the process boundary when a call fails: a Chinese message for the user, a code for code. */
export interface ApiErrorPayload {
  code: string;
  /** Simplified Chinese, shown to the user as is. */
  message: string;
  /** Precise, English, for logs. */
  detail?: string;
}

/** An error whose message is meant for the user. Anything else is reported as an internal error. */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function toErrorPayload(error: unknown): ApiErrorPayload {
  if (error instanceof UserError) return { code: error.code, message: error.message, detail: error.detail };
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'internal', message: '操作失败，发生了内部错误。已记录详细信息，数据未被修改。', detail };
}
