// Shared set-up of the messages tests: a group, delegates bound to openids, a helper to send.
// (Not a test file itself: jest only runs *.test.ts.)
import type { startTestEmulator } from '../support/emulator';

type TestEmulator = Awaited<ReturnType<typeof startTestEmulator>>;

export const STAFF = 'staff-openid';

export async function ok<T = any>(promise: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.data as T;
}

/** Creates a group (when none given) and a delegate bound to `openid`; answers the delegate's id. */
export async function boundDelegate(
  emulator: TestEmulator,
  openid: string,
  name = '王代表',
  groupId?: string,
): Promise<{ delegateId: string; groupId: string }> {
  const group = groupId ?? (await ok<{ id: string }>(emulator.call(STAFF, 'admin.groups.create', { name: `${name}所在小组` }))).id;
  const { id, bindCode } = await ok<{ id: string; bindCode: string }>(
    emulator.call(STAFF, 'admin.delegates.create', { name, groupId: group }),
  );
  await ok(emulator.call(openid, 'delegates.bind', { code: bindCode }));
  return { delegateId: id, groupId: group };
}

let counter = 0;
export const newRequestId = () => `req-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** A valid send payload, with overrides; typed loosely because tests also send what the contract forbids. */
export function draft(delegateId: string, over: Record<string, unknown> = {}): any {
  return {
    delegateId,
    category: '环境卫生',
    title: '小区东门路灯不亮',
    body: '东门外的路灯坏了两个星期，晚上出行不安全。',
    requestId: newRequestId(),
    ...over,
  };
}
