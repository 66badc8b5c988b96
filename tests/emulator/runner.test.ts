// The function runner as CloudBase runs instances: one invocation at a time per worker thread, a pool
// that grows to its cap while further calls queue, crashed instances replaced, failures structured.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/server';

// Small functions written as deployed bundles are: a CommonJS file exporting `main`.
const FUNCTIONS: Record<string, string> = {
  probe: `
    const { threadId } = require('node:worker_threads');
    exports.main = async (event) => {
      const startedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, event.sleepMs || 0));
      return { threadId, startedAt, endedAt: Date.now(), openid: process.env.WX_OPENID ?? null, seq: process.env.TCB_SEQID, flag: process.env.PROBE_FLAG ?? null, offset: process.env.EMULATOR_NOW_OFFSET_MS };
    };`,
  // Makes a known number of service requests, to check they are attributed to the right call.
  counted: `
    const cloud = require(${JSON.stringify(require.resolve('wx-server-sdk'))});
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
    exports.main = async (event) => {
      const db = cloud.database();
      for (let i = 0; i < event.reads; i++) await db.collection('users').limit(1).get();
      await cloud.openapi.security.msgSecCheck({ openid: cloud.getWXContext().OPENID, scene: 2, version: 2, content: '你好' });
      return { reads: event.reads };
    };`,
  thrower: `exports.main = async () => { console.error('about to fail'); throw new TypeError('boom'); };`,
  crasher: `
    const { threadId } = require('node:worker_threads');
    exports.main = async (event) => {
      if (event.crash) setTimeout(() => { throw new Error('uncaught in a timer'); }, 0);
      if (event.crash) await new Promise(() => {});
      return { threadId };
    };`,
};

let emulator: Emulator;
let functionsRoot: string;
beforeAll(async () => {
  functionsRoot = mkdtempSync(path.join(os.tmpdir(), 'emulator-functions-'));
  for (const [name, source] of Object.entries(FUNCTIONS)) {
    mkdirSync(path.join(functionsRoot, name));
    writeFileSync(path.join(functionsRoot, name, 'index.js'), source);
  }
  writeFileSync(
    path.join(functionsRoot, 'probe', 'config.json'),
    JSON.stringify({
      triggers: [{ name: 'quarter-hour', type: 'timer', config: '0 */15 * * * * *' }],
    }),
  );
  emulator = await startEmulator({
    port: 0,
    memory: true,
    functionsRoot,
    schedule: false,
    maxInstances: 3,
    env: { PROBE_FLAG: 'passed-through' },
  });
});
afterAll(async () => {
  await emulator.stop();
  rmSync(functionsRoot, { recursive: true, force: true });
});

const invoke = async (name: string, event: unknown, openid?: string) => {
  const response = await fetch(`${emulator.url}/functions/${name}`, {
    method: 'POST',
    body: JSON.stringify(event),
    headers: openid ? { 'x-wx-openid': openid } : {},
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

test('concurrent calls spread over at most the cap of instances, each running one call at a time', async () => {
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) => invoke('probe', { sleepMs: 30 }, `user-${i}`)));
  const runs = results.map(({ status, body }) => {
    expect(status).toBe(200);
    return body as { threadId: number; startedAt: number; endedAt: number; openid: string };
  });
  runs.forEach((run, i) => expect(run.openid).toBe(`user-${i}`));
  const threads = new Set(runs.map((run) => run.threadId));
  expect(threads.size).toBeGreaterThan(1);
  expect(threads.size).toBeLessThanOrEqual(3);
  for (const thread of threads) {
    const mine = runs.filter((run) => run.threadId === thread).sort((a, b) => a.startedAt - b.startedAt);
    for (let i = 1; i < mine.length; i++) expect(mine[i].startedAt).toBeGreaterThanOrEqual(mine[i - 1].endedAt);
  }
});

test("each call carries its own TCB_SEQID and the emulator's environment; triggers carry no openid", async () => {
  const first = await invoke('probe', {}, 'a');
  const second = await invoke('probe', {}, 'b');
  expect(first.body.seq).not.toBe(second.body.seq);
  expect(first.body.flag).toBe('passed-through');
  const timer = await fetch(`${emulator.url}/_emulator/functions/probe/timer`, { method: 'POST' });
  expect(await timer.json()).toMatchObject({ openid: null });
});

test('a function that throws answers 500 with errCode and errMsg, like a failed callFunction', async () => {
  const { status, body } = await invoke('thrower', {}, 'a');
  expect(status).toBe(500);
  expect(body).toEqual({ errCode: -404011, errMsg: expect.stringContaining('TypeError: boom') });
  expect(emulator.runner.calls()[0]).toMatchObject({ function: 'thrower', status: 'error' });
  // Console output travels asynchronously from the worker; it lands on the call that wrote it.
  for (let i = 0; i < 50 && !emulator.runner.calls()[0].logs; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(emulator.runner.calls()[0].logs).toContain('about to fail');
});

test('a crashed instance fails its call and is replaced by a fresh one', async () => {
  const healthy = await invoke('crasher', {}, 'a');
  const crashed = await invoke('crasher', { crash: true }, 'a');
  expect(crashed.status).toBe(500);
  expect(crashed.body).toMatchObject({ errCode: -404011, errMsg: expect.stringContaining('uncaught in a timer') });
  const after = await invoke('crasher', {}, 'a');
  expect(after.status).toBe(200);
  expect(after.body.threadId).not.toBe(healthy.body.threadId);
});

test("a timer trigger fires when its cron matches the emulator's clock, in Beijing time", async () => {
  const fired = () => emulator.runner.calls().filter((call) => call.action === 'quarter-hour').length;
  const before = fired();
  emulator.runner.tick(new Date('2026-03-01T10:07:00+08:00'));
  emulator.runner.tick(new Date('2026-03-01T10:15:01+08:00'));
  expect(fired()).toBe(before);
  emulator.runner.tick(new Date('2026-03-01T10:15:00+08:00'));
  expect(fired()).toBe(before + 1);
  expect(emulator.runner.calls()[0]).toMatchObject({ function: 'probe', openid: null, action: 'quarter-hour' });
});

test("functions see the emulator's clock offset on every call", async () => {
  expect((await invoke('probe', {}, 'a')).body.offset).toBe('0');
  await fetch(`${emulator.url}/_emulator/clock`, { method: 'PUT', body: JSON.stringify({ advanceMs: 86_400_000 }) });
  expect((await invoke('probe', {}, 'a')).body.offset).toBe('86400000');
  await fetch(`${emulator.url}/_emulator/clock`, { method: 'PUT', body: JSON.stringify({ offsetMs: 0 }) });
});

test('database and open API requests are counted for the call that made them, even when calls overlap', async () => {
  const reads = [1, 2, 3, 4, 5, 6];
  const answers = await Promise.all(reads.map((n) => invoke('counted', { reads: n }, `counter-${n}`)));
  answers.forEach((answer) => expect(answer.status).toBe(200));
  const calls = emulator.runner.calls().filter((call) => call.function === 'counted');
  for (const n of reads) {
    expect(calls.find((call) => call.openid === `counter-${n}`)).toMatchObject({ databaseRequests: n, openapiRequests: 1, status: 'ok' });
  }
});
