// Packs the mini-program's npm packages into miniprogram/miniprogram_npm with miniprogram-ci's
// packNpmManually, the official route (what DevTools' "构建 npm" does), so DevTools opens the project
// without a build step and the page tests render the same TDesign files that ship.
//
// The root package.json's `dependencies` are the mini-program's alone (the function is bundled and the
// emulator is a dev tool, so their packages are devDependencies), which keeps DevTools' own "构建 npm"
// right too. We still pack from a staging package.json that lists only MINIPROGRAM_PACKAGES, each
// linked from the root node_modules, so a stray dependency can never reach the mini-program.
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** npm packages the mini-program uses; packNpmManually packs each one's `miniprogram` dist or its main entry. */
export const MINIPROGRAM_PACKAGES = ['tdesign-miniprogram', 'dayjs'];

/**
 * Files required by sub-path that packNpmManually does not follow from a package's main entry.
 * dayjs's plugins and locale are self-contained UMD files (the locale requires 'dayjs' itself), so
 * they are copied beside the packed index.js where WeChat resolves `require('dayjs/plugin/utc')`.
 */
const SUB_PATH_FILES = {
  dayjs: ['plugin/utc.js', 'plugin/customParseFormat.js', 'plugin/relativeTime.js', 'locale/zh-cn.js'],
};

/** Skips the work when the packed copy already matches the installed versions (`--force` repacks). */
export async function packMiniprogramNpm({ quiet = false, force = false } = {}) {
  const distRoot = path.join(root, 'miniprogram');
  const stampFile = path.join(distRoot, 'miniprogram_npm', '.packed.json');
  const stamp = JSON.stringify({
    ...Object.fromEntries(MINIPROGRAM_PACKAGES.map((name) => [name, installedVersion(name)])),
    SUB_PATH_FILES,
  });
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    if (!quiet) console.log('miniprogram/miniprogram_npm is up to date');
    return null;
  }

  // Outside any node_modules: packNpmManually maps every `node_modules` in the path to `miniprogram_npm`.
  const stage = mkdtempSync(path.join(os.tmpdir(), 'miniprogram-pack-'));
  mkdirSync(path.join(stage, 'node_modules'), { recursive: true });
  const rootPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const dependencies = {};
  for (const name of MINIPROGRAM_PACKAGES) {
    const installed = path.join(root, 'node_modules', name);
    dependencies[name] = rootPackage.dependencies?.[name] ?? '*';
    symlinkSync(installed, path.join(stage, 'node_modules', name), 'dir');
  }
  writeFileSync(path.join(stage, 'package.json'), JSON.stringify({ name: 'miniprogram-pack', private: true, dependencies }, null, 2));

  rmSync(path.join(distRoot, 'miniprogram_npm'), { recursive: true, force: true });
  const ci = require('miniprogram-ci');
  let result;
  try {
    result = await ci.packNpmManually({ packageJsonPath: path.join(stage, 'package.json'), miniprogramNpmDistDir: distRoot });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const missing = MINIPROGRAM_PACKAGES.filter((name) => !existsSync(path.join(distRoot, 'miniprogram_npm', name)));
  if (missing.length > 0) {
    throw new Error(`packNpmManually did not pack ${missing.join(', ')} (${JSON.stringify(result)})`);
  }
  for (const [name, files] of Object.entries(SUB_PATH_FILES)) {
    for (const file of files) {
      const target = path.join(distRoot, 'miniprogram_npm', name, file);
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(path.join(root, 'node_modules', name, file), target);
    }
  }
  writeFileSync(stampFile, stamp);
  if (!quiet) console.log(`packed ${MINIPROGRAM_PACKAGES.join(', ')} into miniprogram/miniprogram_npm`);
  return result;
}

function installedVersion(name) {
  const file = path.join(root, 'node_modules', name, 'package.json');
  if (!existsSync(file)) throw new Error(`${name} is not installed; run npm ci first`);
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await packMiniprogramNpm({ force: process.argv.includes('--force') });
}
