import { ServiceRegistry, type EmulatorService } from '../../emulator/services';
import { startTestEmulator } from '../support/emulator';

// The local CloudBase is a set of services of one shape, started in order and stopped in reverse.

function recorder(log: string[], name: string, failOnStart = false): EmulatorService {
  return {
    name,
    async start() {
      if (failOnStart) throw new Error('port in use');
      log.push(`start ${name}`);
    },
    async stop() {
      log.push(`stop ${name}`);
    },
    info: () => ({ ready: true }),
  };
}

test('services start in order and stop in reverse order', async () => {
  const log: string[] = [];
  const registry = new ServiceRegistry(['database', 'gateway', 'functions'].map((name) => recorder(log, name)));
  await registry.start();
  expect(registry.info().map((s) => [s.name, s.running])).toEqual([
    ['database', true],
    ['gateway', true],
    ['functions', true],
  ]);
  await registry.stop();
  expect(log).toEqual(['start database', 'start gateway', 'start functions', 'stop functions', 'stop gateway', 'stop database']);
});

test('a service that cannot start stops those already started and names itself', async () => {
  const log: string[] = [];
  const registry = new ServiceRegistry([recorder(log, 'database'), recorder(log, 'gateway', true), recorder(log, 'functions')]);
  await expect(registry.start()).rejects.toThrow('emulator service gateway failed to start: port in use');
  expect(log).toEqual(['start database', 'stop database']);
});

test('the running emulator lists its services', async () => {
  const emulator = await startTestEmulator({ seed: true });
  try {
    const response = await fetch(`${emulator.url}/_emulator/services`);
    const { items } = (await response.json()) as {
      items: Array<{ name: string; running: boolean; documents?: number; functions?: string[] }>;
    };
    expect(items.map((s) => s.name)).toEqual(['database', 'storage', 'openapi', 'gateway', 'functions', 'scheduler']);
    expect(items.every((s) => s.running)).toBe(true);
    expect(items.find((s) => s.name === 'database')!.documents).toBeGreaterThan(70);
    expect(items.find((s) => s.name === 'functions')!.functions).toContain('api');
  } finally {
    await emulator.stop();
  }
});
