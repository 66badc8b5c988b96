// What `npm start` promises scripts: the CLI prints its URL and honours --memory/--no-seed; the store
// persists under its data folder, demo data goes only into an empty store, and --reset empties it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../emulator/server';

const ROOT = path.resolve(__dirname, '..', '..');
const count = async (url: string, name: string) => {
  const { items } = (await (await fetch(`${url}/_emulator/collections`)).json()) as { items: Array<{ name: string; count: number }> };
  return items.find((c) => c.name === name)?.count;
};

test('the CLI prints its URL and serves an empty in-memory store with --memory --no-seed', async () => {
  const child = spawn(process.execPath, [path.join(ROOT, 'emulator/dist/main.js'), '--memory', '--no-seed', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    expect(await count(url, 'delegates')).toBe(0);
    const page = await fetch(`${url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
  } finally {
    child.kill();
  }
});

test('data persists across restarts, the demo seed fills only an empty store, and reset empties it', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'emulator-data-'));
  const start = (options: { seed?: boolean; reset?: boolean }) => startEmulator({ port: 0, dataDir, schedule: false, ...options });
  try {
    let emulator = await start({ seed: true });
    expect(await count(emulator.url, 'delegates')).toBe(70);
    await emulator.database.insertMany('groups', [{ _id: 'added-by-test', name: '测试小组', streetId: 'default' }]);
    await emulator.stop();

    emulator = await start({ seed: true });
    expect(await count(emulator.url, 'delegates')).toBe(70);
    expect(emulator.database.readCollection('groups').map((group) => group._id)).toContain('added-by-test');
    await emulator.stop();

    emulator = await start({ reset: true, seed: false });
    expect(emulator.database.isEmpty()).toBe(true);
    await emulator.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
