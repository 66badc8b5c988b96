// Timer triggers: fired on demand through /_emulator, with the event CloudBase sends and no caller,
// and the emulator's clock that functions see moved forward for deadline tests.
import { startTestEmulator, type TestEmulator } from '../support/emulator';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

test("firing the timer runs the api function's jobs as the trigger, without an openid", async () => {
  const answer = (await emulator.timer()) as { timer: Record<string, unknown> };
  expect(Object.keys(answer.timer).length).toBeGreaterThan(0);
  for (const report of Object.values(answer.timer)) expect(report).not.toHaveProperty('error');
  const [call] = await emulator.calls();
  expect(call).toMatchObject({ function: 'api', openid: null, action: 'tick', status: 'ok' });
});

test('the clock moves forward for the functions too', async () => {
  const read = async () => (await (await fetch(`${emulator.url}/_emulator/clock`)).json()) as { offsetMs: number; now: string };
  const before = await read();
  await emulator.advanceClock(3 * 24 * 3600_000);
  const after = await read();
  expect(after.offsetMs - before.offsetMs).toBe(3 * 24 * 3600_000);
  expect(Date.parse(after.now) - Date.now()).toBeGreaterThan(3 * 24 * 3600_000 - 60_000);
});

test('an unknown function has no timer to fire', async () => {
  const response = await fetch(`${emulator.url}/_emulator/functions/nope/timer`, { method: 'POST' });
  expect(response.status).toBe(404);
});
