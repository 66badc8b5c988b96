// The directory's page tests run against the emulator seeded with the demo street (emulator/seed/demo.ts):
// 5 groups, 9 stations, 70 delegates (d01 周建国 bound to demo-delegate; d02 陆文静 with code YZTD-2468).
// (Not a test file itself.)
import { startTestEmulator, type TestEmulator } from '../support/emulator';

/** Starts the seeded emulator before the file's tests and stops it after; call at the top of a file. */
export function useDemoBackend(): () => TestEmulator {
  let emulator: TestEmulator | undefined;
  // Rendering a page with TDesign is slow on a shared machine; this bounds a hang, it measures nothing.
  jest.setTimeout(60_000);
  beforeAll(async () => {
    // Workaround: the emulator's database calls unref() on an interval timer, which jsdom's setInterval
    // lacks; until the emulator takes its timers from node:timers, these suites hand it Node's.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (globalThis as { setInterval: unknown }).setInterval = require('node:timers').setInterval;
    emulator = await startTestEmulator({ seed: true });
  });
  afterAll(() => emulator?.stop());
  return () => {
    if (!emulator) throw new Error('the demo backend has not started');
    return emulator;
  };
}
