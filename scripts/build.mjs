// Builds what runs: the `api` function as one self-contained file (wx-server-sdk included, so a
// deploy needs no cloud-side npm install), the emulator for `npm start`, and its browser preview of the
// mini-program (emulator/preview/build.mjs).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPreview } from '../emulator/preview/build.mjs';

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
    plugins: [leaveOutUnusedSdkParts],
  });
}

// Cold start is dominated by compiling the bundle, so parts of the SDK the function never calls stay
// out: CloudBase AI (and its streams polyfill, and @cloudbase/app with the mini-program adapter, which
// only the AI client reads) and the data-model/MySQL client are only reached through methods we do not
// use, xml2js only by storage uploads (the function uploads nothing) and jsonwebtoken only by custom
// login tickets (createTicket); a stand-in throws if one ever is. Together 250 KB of a 1 MB bundle. mime-db is a 280 KB table that
// form-data consults for file names; the function sends no named files, so a few types suffice.
const UNUSED_SDK_PARTS = [
  '@cloudbase/ai',
  'web-streams-polyfill',
  '@cloudbase/wx-cloud-client-sdk',
  'xml2js',
  'jsonwebtoken',
  '@cloudbase/app',
];
const leaveOutUnusedSdkParts = {
  name: 'leave-out-unused-sdk-parts',
  setup(b) {
    const filter = new RegExp(`^(${[...UNUSED_SDK_PARTS, 'mime-db'].map((m) => m.replace(/[/.-]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'left-out' }));
    // zod's namespace export carries every locale (~300 KB); messages are ours, in Chinese, so only
    // the default English one, which zod registers itself, stays.
    b.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: 'zod-locales', namespace: 'left-out' } : undefined,
    );
    b.onLoad({ filter: /^zod-locales$/, namespace: 'left-out' }, () => ({ loader: 'js', contents: 'export {};' }));
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      loader: 'js',
      contents: args.path === 'mime-db' ? MIME_SUBSET : UNUSED_STAND_IN(args.path),
    }));
  },
};
const UNUSED_STAND_IN = (name) => `
function leftOut() { throw new Error(${JSON.stringify(`${name} is left out of the api bundle (scripts/build.mjs)`)}); }
module.exports = new Proxy(leftOut, { get: (_t, key) => (key === '__esModule' ? false : leftOut) });`;
const MIME_SUBSET = `module.exports = ${JSON.stringify({
  'application/json': { extensions: ['json'], compressible: true },
  'application/octet-stream': { extensions: ['bin'] },
  'image/png': { extensions: ['png'] },
  'image/jpeg': { extensions: ['jpeg', 'jpg'] },
  'text/plain': { extensions: ['txt'], charset: 'UTF-8' },
  'text/csv': { extensions: ['csv'] },
})};`;

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
    // scripts/deploy-config.mjs (the deployment's settings for local runs) reads import.meta only as an ES module.
    logOverride: { 'empty-import-meta': 'silent' },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await Promise.all([buildFunction('api'), buildEmulator(), buildPreview()]);
  console.log('built cloudfunctions/api/index.js, emulator/dist and the preview (emulator/dist/preview)');
}
