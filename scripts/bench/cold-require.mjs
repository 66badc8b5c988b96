// Benchmark: cold `require` of the bundled `api` function (one file, wx-server-sdk inside) against a
// cold `require('wx-server-sdk')` from node_modules, side by side in one run, alternating, each in a
// fresh node process. Then proves the bundle runs on its own: copied into an empty folder (no
// node_modules anywhere above it), its `main` answers `me.get` against a started emulator.
//
//   node scripts/build.mjs && node scripts/bench/cold-require.mjs      (or: npm run bench -- cold)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { benchPort, startEmulator } from './lib/emulator.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const bundle = path.join(ROOT, 'cloudfunctions', 'api', 'index.js');
if (!existsSync(bundle)) throw new Error('cloudfunctions/api/index.js is missing: run node scripts/build.mjs first');

const folder = mkdtempSync(path.join(os.tmpdir(), 'api-bundle-'));
copyFileSync(bundle, path.join(folder, 'index.js'));
const sdk = path.join(ROOT, 'node_modules', 'wx-server-sdk');

// The same function deployed the other way: our code compiled, packages left in node_modules (what a
// cloud-side npm install would run). It sits inside the repository so node_modules resolves.
const unbundledDir = mkdtempSync(path.join(ROOT, '.bench-unbundled-'));
const unbundledFunction = path.join(unbundledDir, 'index.js');
await build({
  entryPoints: [path.join(ROOT, 'cloudfunctions', 'api', 'index.ts')],
  outfile: unbundledFunction,
  bundle: true,
  packages: 'external',
  platform: 'node',
  target: 'node16',
  format: 'cjs',
  logLevel: 'warning',
});

const CALLER_ENV = { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: 'bench-resident', WX_APPID: 'wx-bench' };

/**
 * Milliseconds a fresh process spends requiring the bundle and answering its first call, a ballot
 * refused for its payload: the registry loads the voting capability for it (app/registry.ts), and
 * the refusal comes before any database request, so no server is needed.
 */
function coldFirstCall(cwd) {
  const script = `const t = process.hrtime.bigint(); require('./index.js').main({ action: 'votes.cast', payload: {} }, {}).then((r) => {
    if (r.ok || r.error.code !== 'INVALID_ARGUMENT') throw new Error(JSON.stringify(r));
    process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6)); });`;
  const run = spawnSync(process.execPath, ['-e', script], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...CALLER_ENV, SILENCE: 'true' },
  });
  if (run.status !== 0) throw new Error(`the bundle's first call failed: ${run.stderr}`);
  return Number(run.stdout);
}

/** Milliseconds a fresh node process spends in one `require` of `target`. */
function coldRequire(target, cwd) {
  const script = `const t = process.hrtime.bigint(); require(${JSON.stringify(target)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8', env: { ...process.env, SILENCE: 'true' } });
  if (run.status !== 0) throw new Error(`require(${target}) failed: ${run.stderr}`);
  return Number(run.stdout);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

try {
  // One warm-up of each so the file cache is equally hot for both.
  coldRequire('./index.js', folder);
  coldRequire(sdk, ROOT);
  coldRequire(unbundledFunction, ROOT);
  const bundled = [];
  const unbundled = [];
  const unbundledApi = [];
  const firstCall = [];
  coldFirstCall(folder);
  for (let i = 0; i < RUNS; i++) {
    bundled.push(coldRequire('./index.js', folder));
    firstCall.push(coldFirstCall(folder));
    unbundled.push(coldRequire(sdk, ROOT));
    unbundledApi.push(coldRequire(unbundledFunction, ROOT));
  }
  const size = statSync(bundle).size;
  const gzipped = gzipSync(readFileSync(bundle)).length;
  const b = median(bundled);
  const u = median(unbundled);
  console.log(`cold require, median of ${RUNS} fresh processes each, alternating:`);
  console.log(
    `  api bundle (cloudfunctions/api/index.js) ${b.toFixed(1)} ms   [min ${Math.min(...bundled).toFixed(1)}, max ${Math.max(...bundled).toFixed(1)}]`,
  );
  console.log(
    `  wx-server-sdk from node_modules          ${u.toFixed(1)} ms   [min ${Math.min(...unbundled).toFixed(1)}, max ${Math.max(...unbundled).toFixed(1)}]`,
  );
  const c = median(firstCall);
  console.log(
    `  api bundle + its first call (votes.cast)  ${c.toFixed(1)} ms   [min ${Math.min(...firstCall).toFixed(1)}, max ${Math.max(...firstCall).toFixed(1)}]`,
  );
  const f = median(unbundledApi);
  console.log(
    `  api unbundled (packages in node_modules) ${f.toFixed(1)} ms   [min ${Math.min(...unbundledApi).toFixed(1)}, max ${Math.max(...unbundledApi).toFixed(1)}]`,
  );
  console.log(`  ratio bundle / SDK alone                 ${(b / u).toFixed(2)}x   (budget ≤ 0.50x)`);
  console.log(`  ratio bundle + first call / SDK alone    ${(c / u).toFixed(2)}x`);
  console.log(`  ratio unbundled SDK / bundle             ${(u / b).toFixed(2)}x`);
  console.log(`  ratio unbundled api / bundle             ${(f / b).toFixed(2)}x`);
  console.log(`  bundle size                              ${(size / 1024).toFixed(0)} KiB (${(gzipped / 1024).toFixed(0)} KiB gzipped)`);

  // The bundle alone, against a live emulator: what a deploy without cloud-side npm install runs.
  const emulator = await startEmulator({ port: await benchPort(), env: { ADMIN_OPENIDS: 'bench-staff' } });
  try {
    const script = `require('./index.js').main({ action: 'me.get', payload: {} }, {}).then((r) => process.stdout.write(JSON.stringify(r)));`;
    const run = spawnSync(process.execPath, ['-e', script], {
      cwd: folder,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        ...JSON.parse(readFileSync(path.join(ROOT, 'emulator', 'functions', 'platform-env.json'), 'utf8')),
        TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${emulator.base}/admin` }),
        WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
        WX_OPENID: 'bench-staff',
        WX_APPID: 'wx-bench',
        ADMIN_OPENIDS: 'bench-staff',
      },
    });
    const answer = run.status === 0 ? JSON.parse(run.stdout) : undefined;
    const works = answer?.ok === true && answer.data.openid === 'bench-staff' && answer.data.roles.includes('staff');
    console.log(`  bundle from an empty folder (${folder}): me.get ${works ? 'answered' : 'FAILED'} ${run.stdout || run.stderr}`);
    if (!works) process.exitCode = 1;
  } finally {
    emulator.stop();
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
  rmSync(unbundledDir, { recursive: true, force: true });
}
