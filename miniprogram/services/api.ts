import type { ActionName, DataOf, ErrorCode, PayloadOf } from '../../typings/contract';
import { send } from './transport';

// The typed client: `call('me.get', {})` is checked against the shared contract in typings/contract.

export const NETWORK_MESSAGE = '网络不给力，请稍后重试';

/** A call that did not succeed: the server's error, or NETWORK when no answer arrived. */
export class ApiCallError extends Error {
  readonly code: ErrorCode | 'NETWORK';
  readonly field?: string;

  constructor(error: { code: ErrorCode | 'NETWORK'; message: string; field?: string }) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.field = error.field;
  }
}

export async function call<A extends ActionName>(action: A, payload: PayloadOf<A>): Promise<DataOf<A>> {
  const result = await sendWithOneRetry(action, payload);
  if (result.ok) return result.data as DataOf<A>;
  throw new ApiCallError(result.error);
}

/** The person-readable text of any failure, for a toast or an error state. */
export function messageOf(error: unknown): string {
  return error instanceof ApiCallError ? error.message : '出了点问题，请稍后重试';
}

// A lost answer is retried once. Writes are designed to be idempotent (messages carry a requestId,
// a ballot's id is campaignId:openid), so a retry cannot double an action whose first attempt landed.
async function sendWithOneRetry(action: string, payload: unknown) {
  try {
    return await send(action, payload);
  } catch {
    try {
      return await send(action, payload);
    } catch {
      throw new ApiCallError({ code: 'NETWORK', message: NETWORK_MESSAGE });
    }
  }
}
