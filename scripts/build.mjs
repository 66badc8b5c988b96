// Builds what runs: the `api` function as one self-contained file (wx-server-sdk included, so a
// deploy needs no cloud-side npm install), and the emulator for `npm start`.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => path.join(root, ...p);

export async function buildFunction(name = 'api') {
  await build({
    entryPoints: [at('cloudfunctions', name, 'index.ts')],
    outfile: at('cloudfunctions', name, 'index.js'),
    bundle: true,
    platform: 'node',
    // CloudBase's Node.js 16 runtime is the oldest we deploy to.
    target: 'node16',
    format: 'cjs',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

export async function buildEmulator() {
  const entries = ['main.ts', 'functions/worker.ts'].map((f) => at('emulator', f)).filter((f) => existsSync(f));
  if (entries.length === 0) return;
  await build({
    entryPoints: entries,
    outdir: at('emulator', 'dist'),
    outbase: at('emulator'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // The emulator runs beside node_modules: keep packages external, bundle only our own code.
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await Promise.all([buildFunction('api'), buildEmulator()]);
  console.log('built cloudfunctions/api/index.js and emulator/dist');
}
