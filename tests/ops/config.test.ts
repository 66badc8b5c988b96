// The deployment's one configuration (yizhengtong.config.json): what generation makes of it, the
// messages a wrong file gets (each names its key), and the rule that trial and release builds never
// reach the local emulator. Generation runs in its own node process (an ES module), as the build runs it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveConfig, type Deployment } from '../../miniprogram/services/deployment';

const ROOT = path.resolve(__dirname, '..', '..');
const example = JSON.parse(readFileSync(path.join(ROOT, 'yizhengtong.config.example.json'), 'utf8'));
const filled = {
  ...example,
  envId: 'yzt-prod-4g7x2k1c',
  appid: 'wx0123456789abcdef',
  streetName: '湖塘街道',
  templateIds: { newMessage: 'tmpl-a', messageUpdate: 'tmpl-b', reminder: '', voteResult: 'tmpl-d' },
  adminOpenids: ['oStaff_0123456789'],
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yzt-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileWith(content: unknown): string {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** The generated deployment for a configuration file, without writing the repository's files. */
function generated(file: string | null, release: boolean): { status: number; deployment?: Deployment; stderr: string } {
  const script = `import { generatedFiles } from './scripts/generate.mjs';
    try { const text = generatedFiles({ release: ${release} })['miniprogram/generated/deployment.ts'];
      console.log(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)); }
    catch (error) { console.error(error.message); process.exit(1); }`;
  const env = { ...process.env, YIZHENGTONG_CONFIG: file ?? path.join(dir, 'absent.json') };
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: run.status ?? -1, deployment: run.status === 0 ? JSON.parse(run.stdout) : undefined, stderr: run.stderr };
}

test('a filled configuration generates the client deployment: env id and template ids in one place', () => {
  const { deployment } = generated(fileWith(filled), false);
  expect(deployment).toEqual({
    envId: 'yzt-prod-4g7x2k1c',
    appid: 'wx0123456789abcdef',
    streetName: '湖塘街道',
    templateIds: { newMessage: 'tmpl-a', messageUpdate: 'tmpl-b', voteResult: 'tmpl-d' },
    develop: { useEmulator: false, emulatorGateway: 'http://127.0.0.1:8787', emulatorOpenid: 'demo-resident' },
  });
});

test('a release build never reaches the emulator, even when the file allows it in DevTools', () => {
  const file = fileWith({ ...filled, develop: { ...filled.develop, useEmulator: true } });
  expect(generated(file, false).deployment!.develop.useEmulator).toBe(true);
  expect(generated(file, true).deployment!.develop.useEmulator).toBe(false);
});

test('the client uses the emulator only in the develop version, and only when the deployment says so', () => {
  const deployment: Deployment = {
    envId: 'yzt-prod-4g7x2k1c',
    streetName: '湖塘街道',
    templateIds: { newMessage: 'tmpl-a' },
    develop: { useEmulator: true, emulatorGateway: 'http://127.0.0.1:8787', emulatorOpenid: 'demo-resident' },
  };
  expect(resolveConfig(deployment, 'develop').mode).toBe('local');
  for (const version of ['trial', 'release'] as const) {
    expect(resolveConfig(deployment, version)).toMatchObject({
      mode: 'cloud',
      envId: 'yzt-prod-4g7x2k1c',
      templateIds: { newMessage: 'tmpl-a' },
    });
  }
  expect(resolveConfig({ ...deployment, develop: { ...deployment.develop, useEmulator: false } }, 'develop').mode).toBe('cloud');
});

test('the committee is named after the configured street, and generically when the street is not named', () => {
  const deployment: Deployment = {
    envId: 'yzt-prod-4g7x2k1c',
    streetName: '湖塘街道',
    templateIds: {},
    develop: { useEmulator: false, emulatorGateway: 'http://127.0.0.1:8787', emulatorOpenid: 'demo-resident' },
  };
  expect(resolveConfig(deployment, 'release').committee).toBe('湖塘街道人大工委');
  expect(resolveConfig({ ...deployment, streetName: '' }, 'release').committee).toBe('街道人大工委');
  expect(generated(fileWith({ ...filled, streetName: undefined }), false).deployment!.streetName).toBe('');
});

test('without a configuration a fresh clone builds for local development; a release build stops and says what to do', () => {
  expect(generated(null, false).deployment).toMatchObject({ envId: '', develop: { useEmulator: true } });
  const release = generated(null, true);
  expect(release.status).toBe(1);
  expect(release.stderr).toContain('not found: copy yizhengtong.config.example.json to yizhengtong.config.json');
});

test('the example as it is stops the build, naming each placeholder', () => {
  const { status, stderr } = generated(fileWith(example), true);
  expect(status).toBe(1);
  expect(stderr).toContain('envId is still the example\'s placeholder "your-env-id"');
  expect(stderr).toContain('appid is still the example\'s placeholder "wx0000000000000000"');
  expect(stderr).toContain('streetName is still the example\'s placeholder "某某街道"');
});

test.each([
  ['{ "envId": ', 'is not valid JSON'],
  [{ ...filled, envId: undefined }, 'envId is missing'],
  [{ ...filled, appid: 'wx123' }, 'appid "wx123" is malformed'],
  [{ ...filled, templateIds: { ...filled.templateIds, newMessage: 42 } }, 'templateIds.newMessage must be a string'],
  [{ ...filled, templateIds: { newMesage: 'x' } }, 'templateIds.newMesage is not a template key'],
  [{ ...filled, adminOpenids: 'oStaff_0123456789' }, 'adminOpenids must be a list of openids'],
  [{ ...filled, secrets: ['VOTER_KEY_SECRET'] }, 'secrets must list BIND_CODE_PEPPER'],
  [{ ...filled, function: { env: { BIND_CODE_PEPPER: 'in-the-repo-by-mistake' } } }, 'function.env.BIND_CODE_PEPPER is a secret'],
  [{ ...filled, function: { timeout: 3 } }, 'function.timeout is not a known key'],
  [{ ...filled, develop: { useEmulator: 'yes' } }, 'develop.useEmulator must be true or false'],
  [{ ...filled, envid: 'x' }, 'envid is not a known key'],
  [{ ...filled, streetName: 'Hutang' }, 'streetName "Hutang" is malformed'],
])('a malformed configuration stops the build and names the key (%#)', (content, message) => {
  const { status, stderr } = generated(fileWith(content), false);
  expect(status).toBe(1);
  expect(stderr).toContain(message);
});

test('the build script itself exits with the message, before writing anything', () => {
  const file = fileWith({ ...filled, appid: 'not-an-appid' });
  const before = readFileSync(path.join(ROOT, 'miniprogram/generated/deployment.ts'), 'utf8');
  const run = spawnSync(process.execPath, ['scripts/generate.mjs', '--release'], {
    cwd: ROOT,
    env: { ...process.env, YIZHENGTONG_CONFIG: file },
    encoding: 'utf8',
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/^configuration: .*config-.*\.json: appid "not-an-appid" is malformed/);
  expect(readFileSync(path.join(ROOT, 'miniprogram/generated/deployment.ts'), 'utf8')).toBe(before);
});

test('the function may run long enough for a send that waits on checks, a transaction and a notice', () => {
  const settings = JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions/api/config.json'), 'utf8'));
  expect(settings.timeout).toBeGreaterThanOrEqual(20);
});

test("npm start runs the function with the configuration's settings (here: its staff); the shell's own variables win", async () => {
  const file = fileWith({ ...filled, adminOpenids: ['oStaff_from_config'] });
  const start = async (extra: Record<string, string>) => {
    const env: NodeJS.ProcessEnv = { ...process.env, YIZHENGTONG_CONFIG: file };
    delete env.ADMIN_OPENIDS;
    delete env.TEMPLATE_IDS;
    Object.assign(env, extra);
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'emulator/dist/main.js'), '--memory', '--no-seed', '--no-schedule', '--port', '0'],
      {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const call = async (openid: string, action: string) =>
      (await (
        await fetch(`${url}/functions/api`, {
          method: 'POST',
          headers: { 'x-wx-openid': openid },
          body: JSON.stringify({ action, payload: {} }),
        })
      ).json()) as { ok: boolean; error?: { code: string } };
    return { call, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill())) };
  };
  const configured = await start({});
  try {
    expect(await configured.call('oStaff_from_config', 'admin.staff.list')).toMatchObject({ ok: true });
    expect(await configured.call('oSomeone_else', 'admin.staff.list')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  } finally {
    await configured.stop();
  }
  const overridden = await start({ ADMIN_OPENIDS: 'oShell_staff' });
  try {
    expect(await overridden.call('oShell_staff', 'admin.staff.list')).toMatchObject({ ok: true });
    expect(await overridden.call('oStaff_from_config', 'admin.staff.list')).toMatchObject({ ok: false });
  } finally {
    await overridden.stop();
  }
});
