// npm run size: what WeChat measures. Lists the files reachable from miniprogram/app.json, per package,
// and prints each package's size against WeChat's 2 MB limit (our budget for the main package: 1 MB).
//
// Reachable means what DevTools would upload with "ignoreUploadUnusedFiles": app.* and sitemap, every
// page, the components in their usingComponents (recursively, miniprogram_npm included), the JS they
// require, wxss @imports, wxml imports/includes/wxs, wxs requires and local images. A file belongs to
// the subpackage whose root contains it, otherwise to the main package (where WeChat puts it).
// TypeScript is measured as the JS esbuild compiles it to, an estimate of DevTools' TypeScript plugin.
//
// Options: --json prints the report as JSON; --list prints every file with its size.
import { transformSync } from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mpRoot = path.join(root, 'miniprogram');
const KB = 1024;
const MB = 1024 * KB;
export const PACKAGE_LIMIT = 2 * MB;
export const MAIN_BUDGET = 1 * MB;
export const TOTAL_LIMIT = 20 * MB;

export function measure() {
  const app = readJson(path.join(mpRoot, 'app.json'));
  const subPackages = app.subPackages ?? app.subpackages ?? [];
  const files = new Map(); // relative path → bytes
  const missing = [];
  const visited = new Set();

  const add = (absolute, bytes) => {
    files.set(rel(absolute), bytes ?? statSync(absolute).size);
  };
  const visitFile = (absolute, from) => {
    if (visited.has(absolute)) return;
    visited.add(absolute);
    if (!existsSync(absolute)) {
      missing.push(`${rel(absolute)} (from ${from})`);
      return;
    }
    const ext = path.extname(absolute);
    const source = ['.json', '.wxml', '.wxss', '.wxs', '.ts', '.js'].includes(ext) ? readFileSync(absolute, 'utf8') : '';
    if (ext === '.ts') {
      const js = compileTs(source, absolute);
      add(absolute, Buffer.byteLength(js));
      for (const spec of requiresOf(js)) visitScript(resolveScript(absolute, spec), absolute);
    } else if (ext === '.js') {
      add(absolute);
      for (const spec of requiresOf(compileJs(source, absolute))) visitScript(resolveScript(absolute, spec), absolute);
    } else if (ext === '.wxss') {
      add(absolute);
      for (const spec of matchAll(source, /@import\s+["']([^"']+)["']/g)) visitFile(resolveRelative(absolute, spec), absolute);
      for (const spec of matchAll(source, /url\(\s*["']?([^"')]+)["']?\s*\)/g)) visitAsset(absolute, spec);
    } else if (ext === '.wxml') {
      add(absolute);
      for (const spec of matchAll(source, /<(?:import|include|wxs)\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/g))
        visitFile(resolveRelative(absolute, spec), absolute);
      for (const spec of matchAll(source, /\bsrc\s*=\s*["']([^"'{}]+\.(?:png|jpe?g|gif|svg|webp))["']/g)) visitAsset(absolute, spec);
    } else if (ext === '.wxs') {
      add(absolute);
      for (const spec of matchAll(source, /require\(\s*["']([^"']+)["']\s*\)/g)) visitFile(resolveRelative(absolute, spec), absolute);
    } else if (ext === '.json') {
      add(absolute);
      const json = JSON.parse(source);
      for (const target of Object.values(json.usingComponents ?? {})) {
        if (typeof target === 'string' && !target.startsWith('plugin://')) visitComponent(resolveComponent(absolute, target), absolute);
      }
    } else {
      add(absolute);
    }
  };
  const visitScript = (absolute, from) => {
    if (absolute) visitFile(absolute, from);
  };
  const visitAsset = (from, spec) => {
    if (/^(https?:|data:|\/\/)/.test(spec)) return;
    visitFile(spec.startsWith('/') ? path.join(mpRoot, spec) : path.resolve(path.dirname(from), spec), from);
  };
  // A page or component is its four files; the script may be .ts (compiled by DevTools) or .js.
  const visitComponent = (base, from) => {
    if (!base) return;
    visitFile(`${base}.json`, from);
    visitFile(`${base}.wxml`, from);
    if (existsSync(`${base}.wxss`)) visitFile(`${base}.wxss`, from);
    visitFile(existsSync(`${base}.ts`) ? `${base}.ts` : `${base}.js`, from);
  };

  for (const file of ['app.json', 'app.wxss', 'sitemap.json']) visitFile(path.join(mpRoot, file), 'app');
  visitFile(existsSync(path.join(mpRoot, 'app.ts')) ? path.join(mpRoot, 'app.ts') : path.join(mpRoot, 'app.js'), 'app');
  for (const item of app.tabBar?.list ?? []) {
    for (const icon of [item.iconPath, item.selectedIconPath]) if (icon) visitFile(path.join(mpRoot, icon), 'app.json tabBar');
  }
  for (const page of app.pages ?? []) visitComponent(path.join(mpRoot, page), 'app.json');
  for (const sub of subPackages)
    for (const page of sub.pages ?? []) visitComponent(path.join(mpRoot, sub.root, page), `app.json ${sub.root}`);

  const packages = [
    { name: 'main', root: '', files: [] },
    ...subPackages.map((sub) => ({ name: sub.name ?? sub.root, root: normalizeRoot(sub.root), files: [] })),
  ];
  for (const [file, bytes] of [...files].sort()) {
    const owner = packages.find((p) => p.root && file.startsWith(p.root)) ?? packages[0];
    owner.files.push({ file, bytes });
  }
  const report = packages.map((p) => ({
    name: p.name,
    root: p.root || '/',
    files: p.files,
    bytes: p.files.reduce((sum, f) => sum + f.bytes, 0),
    limit: p.name === 'main' ? MAIN_BUDGET : PACKAGE_LIMIT,
  }));
  return { packages: report, total: report.reduce((sum, p) => sum + p.bytes, 0), missing };
}

// ---- resolution ----------------------------------------------------------------------------------

function resolveRelative(from, spec) {
  return spec.startsWith('/') ? path.join(mpRoot, spec) : path.resolve(path.dirname(from), spec);
}

/** A usingComponents value: absolute from the mini-program root, relative, or an npm path. */
function resolveComponent(fromJson, target) {
  if (target.startsWith('/')) return path.join(mpRoot, target);
  if (target.startsWith('.')) return path.resolve(path.dirname(fromJson), target);
  for (const dir of npmDirs(path.dirname(fromJson))) {
    for (const base of [path.join(dir, target), path.join(dir, target, 'index')]) if (existsSync(`${base}.json`)) return base;
  }
  return path.join(mpRoot, 'miniprogram_npm', target); // reported as missing
}

/** A require/import specifier of a script, as the mini-program runtime resolves it. */
function resolveScript(from, spec) {
  const candidates = (base) => [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts'), path.join(base, 'index.js')];
  if (spec.startsWith('.') || spec.startsWith('/')) {
    return (
      candidates(resolveRelative(from, spec)).find((f) => existsSync(f) && statSync(f).isFile()) ?? `${resolveRelative(from, spec)}.js`
    );
  }
  for (const dir of npmDirs(path.dirname(from))) {
    const base = path.join(dir, spec);
    const found = candidates(base).find((f) => existsSync(f) && statSync(f).isFile());
    if (found) return found;
  }
  return path.join(mpRoot, 'miniprogram_npm', spec, 'index.js'); // reported as missing
}

/** Every miniprogram_npm folder from a directory up to the mini-program root, nearest first. */
function npmDirs(dir) {
  const dirs = [];
  for (let current = dir; current.startsWith(mpRoot); current = path.dirname(current)) {
    dirs.push(path.join(current, 'miniprogram_npm'));
    if (current === mpRoot) break;
  }
  return dirs.filter((d) => existsSync(d));
}

// ---- scripts -------------------------------------------------------------------------------------

function compileTs(source, file) {
  return transformSync(source, { loader: 'ts', format: 'cjs', target: 'es2020', sourcefile: file }).code;
}

function compileJs(source, file) {
  return transformSync(source, { loader: 'js', format: 'cjs', target: 'es2020', sourcefile: file }).code;
}

function requiresOf(js) {
  return matchAll(js, /\brequire\(\s*["']([^"']+)["']\s*\)/g);
}

// ---- helpers -------------------------------------------------------------------------------------

function matchAll(text, pattern) {
  return [...text.matchAll(pattern)].map((m) => m[1]);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function rel(absolute) {
  return path.relative(mpRoot, absolute).split(path.sep).join('/');
}

function normalizeRoot(subRoot) {
  return `${subRoot.replace(/^\/+|\/+$/g, '')}/`;
}

function formatBytes(bytes) {
  return bytes >= MB ? `${(bytes / MB).toFixed(2)} MB` : `${(bytes / KB).toFixed(1)} KB`;
}

// ---- CLI -----------------------------------------------------------------------------------------

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = measure();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    const list = process.argv.includes('--list');
    const label = (p) => `${p.name} (${p.root})`.padEnd(30);
    console.log(`${'package'.padEnd(30)} files       size   limit`);
    for (const p of report.packages) {
      const over = p.bytes > p.limit;
      const limitText =
        p.name === 'main' ? `${formatBytes(p.limit)} budget (WeChat limit ${formatBytes(PACKAGE_LIMIT)})` : formatBytes(p.limit);
      console.log(
        `${label(p)} ${String(p.files.length).padStart(5)} ${formatBytes(p.bytes).padStart(10)}   ${limitText}${over ? '  OVER' : ''}`,
      );
      if (list) for (const f of p.files) console.log(`    ${formatBytes(f.bytes).padStart(10)}  ${f.file}`);
    }
    console.log(
      `${'total'.padEnd(30)} ${String(report.packages.reduce((n, p) => n + p.files.length, 0)).padStart(5)} ${formatBytes(report.total).padStart(10)}   ${formatBytes(TOTAL_LIMIT)}`,
    );
    for (const m of report.missing) console.log(`missing: ${m}`);
  }
  const failed = report.missing.length > 0 || report.packages.some((p) => p.bytes > p.limit) || report.total > TOTAL_LIMIT;
  process.exitCode = failed ? 1 : 0;
}
