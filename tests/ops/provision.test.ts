// `npm run ops -- provision` against an emulator started empty, as a new CloudBase environment is:
// every collection of collections.json is created, a second run changes nothing and says so, and
// --dry-run says what it would do without doing it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { collectionCounts, ops } from './support';

const ROOT = path.resolve(__dirname, '..', '..');
const declared = (
  JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions/api/collections.json'), 'utf8')) as { collections: { name: string }[] }
).collections.map((c) => c.name);

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ empty: true });
});
afterAll(() => emulator.stop());

test('a new environment has no collections, so the function cannot work yet', async () => {
  expect(await collectionCounts(emulator.url)).toEqual({});
  const answer = await emulator.call('resident-1', 'me.get');
  expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
});

test('--dry-run lists every collection it would create and creates none', async () => {
  const { code, lines, output } = await ops(['provision', '--emulator', emulator.url, '--dry-run']);
  expect(code).toBe(0);
  expect(lines.filter((line) => line.includes('would     create collection')).map((line) => line.split(' ').pop())).toEqual(declared);
  expect(output).toContain(`dry run: ${declared.length} change(s) would be made to ${emulator.url}; nothing was written`);
  expect(await collectionCounts(emulator.url)).toEqual({});
});

test('provision creates every collection with its indexes; a second run changes nothing and says so', async () => {
  const first = await ops(['provision', '--emulator', emulator.url]);
  expect(first.code).toBe(0);
  expect(first.output).toContain(`provision ${emulator.url}: ${declared.length} change(s) made`);
  expect(Object.keys(await collectionCounts(emulator.url)).sort()).toEqual([...declared].sort());

  const second = await ops(['provision', '--emulator', emulator.url]);
  expect(second.code).toBe(0);
  expect(second.lines.some((line) => line.includes('done'))).toBe(false);
  expect(second.output).toContain(`provision ${emulator.url}: nothing to change (${declared.length} checked)`);

  // The function now works, and the unique indexes came with the collections: a second outbox record
  // with the same dedupe key is refused by the database itself.
  expect(await emulator.call('resident-1', 'me.get')).toMatchObject({ ok: true });
  const add = (doc: Record<string, unknown>) =>
    fetch(`${emulator.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.insertDocument', collectionName: 'outbox', data: [JSON.stringify(doc)] }),
    }).then((r) => r.json() as Promise<{ code?: string }>);
  expect((await add({ _id: 'a', dedupeKey: 'k' })).code).toBeUndefined();
  expect((await add({ _id: 'b', dedupeKey: 'k' })).code).toBe('DATABASE_DUPLICATE_WRITE');
});

test('the command line: one target exactly, and a refusal exits 1 with a message', async () => {
  expect(await ops(['provision'])).toMatchObject({ code: 1, output: 'ops: give exactly one of --env <envId> or --emulator <url>' });
  expect((await ops(['provision', '--env', 'yzt-prod-4g7x2k1c'])).output).toContain(
    'no credentials: set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY',
  );
  const keyInRepo = await ops(['provision', '--env', 'yzt-prod-4g7x2k1c', '--key-file', path.join(ROOT, 'key.json')]);
  expect(keyInRepo.output).toContain('lies inside the repository');
  expect((await ops(['deploy', '--emulator', emulator.url])).output).toContain('unknown command deploy');
  expect((await ops(['import-roster', '--emulator', emulator.url])).output).toContain('import-roster takes one argument (FILE)');
});

test('npm run ops builds the CLI and runs it', () => {
  const run = spawnSync(process.execPath, ['scripts/ops.mjs', 'provision', '--emulator', emulator.url, '--dry-run'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  expect(run.stdout).toContain(`provision ${emulator.url}: nothing to change (${declared.length} checked)`);
});
