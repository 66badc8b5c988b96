// Shared set-up of the directory and identity tests. (Not a test file itself.)
import type { DelegateInput } from '../../typings/contract';
import type { startTestEmulator } from '../support/emulator';

export type TestEmulator = Awaited<ReturnType<typeof startTestEmulator>>;
export type Result = { ok: boolean; data?: any; error?: { code: string; message: string; field?: string } };

export const STAFF = 'staff-openid';

export async function ok<T = any>(promise: Promise<Result>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.data as T;
}

export async function failure(promise: Promise<Result>): Promise<{ code: string; message: string; field?: string }> {
  const result = await promise;
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result.error!;
}

export async function newGroup(emulator: TestEmulator, name = '城乡建设'): Promise<string> {
  return (
    await ok<{ id: string }>(
      emulator.call(STAFF, 'admin.groups.create', { name, duty: '老旧小区改造', liaison: { name: '周敏', title: '工委委员' } }),
    )
  ).id;
}

export async function newStation(emulator: TestEmulator, name = '清风社区代表联络站'): Promise<string> {
  return (
    await ok<{ id: string }>(
      emulator.call(STAFF, 'admin.stations.create', { kind: 'station', name, address: '清风路 102 号', hours: '周二 9:00–11:30' }),
    )
  ).id;
}

export async function newDelegate(
  emulator: TestEmulator,
  fields: DelegateInput,
): Promise<{ id: string; bindCode: string; expiresAt: string }> {
  return ok(emulator.call(STAFF, 'admin.delegates.create', fields));
}

/** Documents of a collection, for "nothing changed" assertions. */
export async function snapshot(emulator: TestEmulator, ...names: string[]): Promise<string> {
  const parts = await Promise.all(names.map(async (name) => JSON.stringify(await emulator.collection(name))));
  return parts.join('\n');
}
