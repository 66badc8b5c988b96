// `npm run release`: what it refuses before building anything. (The build itself, a miniprogram-ci
// compile of about a minute, was checked by hand: README, Deployment step 7.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yzt-release-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function release(args: string[], config: unknown, env: Record<string, string> = {}) {
  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  const run = spawnSync(process.execPath, ['scripts/release.mjs', ...args], {
    cwd: ROOT,
    env: { ...process.env, YIZHENGTONG_CONFIG: file, MINIPROGRAM_PRIVATE_KEY_PATH: '', ...env },
    encoding: 'utf8',
  });
  return { status: run.status, stderr: run.stderr };
}

const good = { envId: 'yzt-prod-4g7x2k1c', appid: 'wx0123456789abcdef' };

test('a release names its version and what changed', () => {
  expect(release(['--desc', '首个体验版'], good)).toMatchObject({
    status: 1,
    stderr: expect.stringContaining('--version X.Y.Z is required'),
  });
  expect(release(['--version', '1.0.0'], good)).toMatchObject({
    status: 1,
    stderr: expect.stringContaining('--desc "what changed" is required'),
  });
});

test('a release needs the whole configuration and says which key is wrong', () => {
  const run = release(['--version', '1.0.0', '--desc', '首个体验版'], { ...good, envId: '' });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('release: configuration:');
  expect(run.stderr).toContain('envId is missing');
});

test('a key path that does not exist is named', () => {
  const run = release(['--version', '1.0.0', '--desc', '首个体验版'], good, {
    MINIPROGRAM_PRIVATE_KEY_PATH: path.join(dir, 'missing.key'),
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('MINIPROGRAM_PRIVATE_KEY_PATH=');
  expect(run.stderr).toContain('no such file');
});
