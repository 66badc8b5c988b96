import type { ActionName, DataOf, ErrorCode, PayloadOf } from '../../typings/contract';
import { RETRYABLE_ACTIONS, SEND_ONCE_ACTIONS } from '../generated/contract';
import { config } from './config';
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

const RETRYABLE = new Set<string>(RETRYABLE_ACTIONS);
const SEND_ONCE = new Set<string>(SEND_ONCE_ACTIONS);

export async function call<A extends ActionName>(action: A, payload: PayloadOf<A>): Promise<DataOf<A>> {
  // A retryable write gets its key here unless the page keeps one for a whole draft (compose): the
  // retry below then repeats the same key, and the server answers it with the first answer.
  const keyed =
    RETRYABLE.has(action) && !(payload as { requestId?: string }).requestId ? { ...payload, requestId: newRequestId() } : payload;
  const result = SEND_ONCE.has(action) ? await sendOnce(action, keyed) : await sendWithOneRetry(action, keyed);
  if (result.ok) return result.data as DataOf<A>;
  throw new ApiCallError(result.error);
}

/** The person-readable text of any failure, for a toast or an error state. */
export function messageOf(error: unknown): string {
  return error instanceof ApiCallError ? error.message : '出了点问题，请稍后重试';
}

/** A fresh idempotency key (docs/architecture.md#writes-the-command-shape). */
export function newRequestId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

// A lost answer is retried once, after a short pause: reads freely, writes with the same requestId (the server answers the
// repeat with the first answer), a ballot because its id is one per voter. Writes that would count
// twice or issue a second secret are sent once (sendOnce) and report the lost answer instead.
async function sendOnce(action: string, payload: unknown) {
  try {
    return await send(action, payload);
  } catch {
    throw new ApiCallError({ code: 'NETWORK', message: NETWORK_MESSAGE });
  }
}

/** A moment before the retry, a little different each time: a network that just dropped has time to return. */
const RETRY_PAUSE_MS = 400;

async function sendWithOneRetry(action: string, payload: unknown) {
  try {
    return await send(action, payload);
  } catch {
    const pause = config.retryPauseMs ?? RETRY_PAUSE_MS;
    await new Promise((resolve) => setTimeout(resolve, pause + Math.random() * pause));
    try {
      return await send(action, payload);
    } catch {
      throw new ApiCallError({ code: 'NETWORK', message: NETWORK_MESSAGE });
    }
  }
}
