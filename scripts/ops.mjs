// `npm run ops -- <command> ...`: bundles the operations CLI (ops/, TypeScript) with esbuild into
// ops/dist/main.js, packages left external, and runs it with the given arguments.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'ops', 'dist', 'main.js');

export async function buildOps() {
  await build({
    entryPoints: [path.join(root, 'ops', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    // scripts/deploy-config.mjs reads import.meta only when it runs as an ES module.
    logOverride: { 'empty-import-meta': 'silent' },
  });
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildOps();
  const { status } = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(status ?? 1);
}
