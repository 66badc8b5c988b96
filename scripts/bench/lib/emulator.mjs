// What every benchmark needs of a started emulator: spawn it (in memory, no seed) on its own port,
// wait for it, talk to its gateway as a given openid, and run work with bounded concurrency.
// In scripts/bench/lib/ so that `npm run bench` (which runs scripts/bench/*.mjs) does not run it.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A port nobody listens on now, unless BENCH_PORT says otherwise: two runs never share an emulator. */
export async function benchPort() {
  if (process.env.BENCH_PORT) return Number(process.env.BENCH_PORT);
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts emulator/dist/main.js (build first) and resolves once its gateway answers. */
export async function startEmulator({ port, env = {} }) {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(ROOT, 'emulator/dist/main.js'), '--memory', '--no-seed'], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const send = (method) => async (pathname, body, openid) => {
    const response = await fetch(`${base}${pathname}`, {
      method,
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: JSON.stringify(body),
    });
    return response.json();
  };
  const post = send('POST');
  const put = send('PUT');
  const get = async (pathname) => (await fetch(`${base}${pathname}`)).json();
  const call = async (openid, action, payload) => {
    const result = await post('/functions/api', { action, payload }, openid);
    if (!result.ok) throw new Error(`${action} failed: ${JSON.stringify(result.error)}`);
    return result.data;
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error('the emulator exited before it was ready');
    if (i >= 300) {
      child.kill();
      throw new Error('the emulator did not start');
    }
    try {
      await get('/_emulator/faults');
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return { base, post, put, get, call, stop: () => child.kill() };
}

/** Runs `work` and says how long it took. */
export async function timed(work) {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** Runs `work` on every item, at most `limit` at a time. */
export async function pool(items, limit, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
