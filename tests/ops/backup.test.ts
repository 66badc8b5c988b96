// `npm run ops -- backup DIR` and `restore DIR`: a street's data (the demo seed plus what the function
// wrote) backed up and restored into a new, empty environment gives the same documents, dates as dates;
// a restore never mixes into data that is already there.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { collectionCounts, ops } from './support';

let source: TestEmulator;
let dir: string;
beforeAll(async () => {
  source = await startTestEmulator({ seed: true });
  dir = mkdtempSync(path.join(os.tmpdir(), 'yzt-backup-'));
  // Something the function itself wrote, with server dates and a nested record.
  const sent = await source.call('demo-resident', 'me.update', { nickname: '王阿姨', community: '长江社区' });
  expect(sent.ok).toBe(true);
});
afterAll(async () => {
  await source.stop();
  rmSync(dir, { recursive: true, force: true });
});

const byId = (docs: Record<string, unknown>[]) => [...docs].sort((a, b) => String(a._id).localeCompare(String(b._id)));

test('backup then restore into an empty environment gives the same documents', async () => {
  const folder = path.join(dir, 'backup');
  const dry = await ops(['backup', folder, '--emulator', source.url, '--dry-run']);
  expect(dry.output).toMatch(/dry run: \d+ document\(s\) in \d+ collection\(s\) would be written to .*; nothing was written/);
  expect(existsSync(folder)).toBe(false);

  const saved = await ops(['backup', folder, '--emulator', source.url]);
  expect(saved.code).toBe(0);
  const counts = await collectionCounts(source.url);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(20);
  expect(saved.output).toContain(`backup ${source.url}: ${total} document(s) in ${Object.keys(counts).length} collection(s)`);
  expect(readdirSync(folder)).toContain('delegates.jsonl');
  expect(readFileSync(path.join(folder, 'delegates.jsonl'), 'utf8')).toContain('{"$date":"');

  const target = await startTestEmulator({ empty: true });
  try {
    expect((await ops(['restore', folder, '--emulator', target.url])).output).toContain(
      'delegates does not exist (run ops provision first)',
    );
    expect((await ops(['provision', '--emulator', target.url])).code).toBe(0);
    const dryRestore = await ops(['restore', folder, '--emulator', target.url, '--dry-run']);
    expect(dryRestore.output).toContain(`dry run: ${total} document(s) from ${source.url} would be restored`);
    expect(Object.values(await collectionCounts(target.url)).every((count) => count === 0)).toBe(true);

    const restored = await ops(['restore', folder, '--emulator', target.url]);
    expect(restored.code).toBe(0);
    expect(await collectionCounts(target.url)).toEqual(counts);
    for (const name of Object.keys(counts)) expect(byId(await target.collection(name))).toEqual(byId(await source.collection(name)));
    // The restored street works: the function reads what came back.
    const delegates = await target.call('demo-resident', 'delegates.list', {});
    expect(delegates.ok && delegates.data.items.length).toBeGreaterThan(0);

    // A second restore would mix two copies: refused, nothing written.
    const again = await ops(['restore', folder, '--emulator', target.url]);
    expect(again.code).toBe(1);
    expect(again.output).toContain('restore goes only into empty collections; nothing was written');
    expect(await collectionCounts(target.url)).toEqual(counts);
  } finally {
    await target.stop();
  }
});

test('a backup goes into a new folder only', async () => {
  const result = await ops(['backup', path.join(dir, 'backup'), '--emulator', source.url]);
  expect(result).toMatchObject({ code: 1 });
  expect(result.output).toContain('is not empty: back up into a new folder');
});
