// Faults switched at run time: the function answers a structured error and leaves nothing half
// written; switched off, the same call goes through.
import { startTestEmulator, STAFF_OPENID, type TestEmulator } from '../support/emulator';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterEach(() => emulator.setFaults({ databaseErrorRate: 0, transactionConflictRate: 0, openapiErrorRate: 0, latencyMs: 0 }));
afterAll(() => emulator.stop());

const readFaults = async () => (await (await fetch(`${emulator.url}/_emulator/faults`)).json()) as Record<string, number>;

test('faults are read and set over /_emulator/faults; bad settings are refused', async () => {
  expect(await readFaults()).toEqual({
    databaseErrorRate: 0,
    transactionConflictRate: 0,
    writeConflictRate: 0,
    failFastConflicts: false,
    openapiErrorRate: 0,
    latencyMs: 0,
  });
  await emulator.setFaults({ transactionConflictRate: 0.25, latencyMs: 5 });
  expect(await readFaults()).toMatchObject({ transactionConflictRate: 0.25, latencyMs: 5, databaseErrorRate: 0 });
  for (const bad of [
    { databaseErrorRate: 2 },
    { writeConflictRate: -0.1 },
    { failFastConflicts: 'yes' },
    { latencyMs: -1 },
    { somethingElse: 1 },
  ]) {
    const response = await fetch(`${emulator.url}/_emulator/faults`, { method: 'PUT', body: JSON.stringify(bad) });
    expect(response.status).toBe(400);
  }
  expect(await readFaults()).toMatchObject({ transactionConflictRate: 0.25, latencyMs: 5 });
});

test('with every database request failing, a write answers a structured error and writes nothing', async () => {
  await emulator.setFaults({ databaseErrorRate: 1 });
  const answer = await emulator.call(STAFF_OPENID, 'admin.staff.grant', { openid: 'new-staff' });
  expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
  await emulator.setFaults({ databaseErrorRate: 0 });
  expect((await emulator.collection('users')).filter((user) => user._id === 'new-staff' || user.openid === 'new-staff')).toEqual([]);
});

test('with every transaction refused as a conflict, nothing is written; without faults the same write succeeds', async () => {
  await emulator.setFaults({ transactionConflictRate: 1 });
  const refused = await emulator.call('profile-writer', 'me.update', { nickname: '王阿姨' });
  expect(refused.ok).toBe(false);
  const before = await emulator.collection('users');
  expect(JSON.stringify(before)).not.toContain('王阿姨');
  await emulator.setFaults({ transactionConflictRate: 0 });
  expect(await emulator.call('profile-writer', 'me.update', { nickname: '王阿姨' })).toMatchObject({ ok: true });
  expect(JSON.stringify(await emulator.collection('users'))).toContain('王阿姨');
});

test('latency slows requests but changes no answer', async () => {
  await emulator.setFaults({ latencyMs: 20 });
  expect(await emulator.call('slow-reader', 'me.get')).toMatchObject({ ok: true, data: { openid: 'slow-reader' } });
});
