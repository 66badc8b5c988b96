// Builds the browser preview of the mini-program (served by the emulator at /preview/): the REAL pages,
// not copies. Into emulator/dist/preview/:
//   gwx.js   the WXML of every file compiled by WeChat's own wcc (the compiler miniprogram-simulate
//            uses in the page tests), loaded before app.js.
//   app.js   the pages' and components' TypeScript built for the browser (one module registry, as in
//            WeChat), TDesign's packed JS and the runtime (runtime/*.ts):
//            exparser through j-component, the builtin components, the phone frame and the wx shim.
//   app.css  every component's WXSS, scoped as exparser renders it (class `x` of component `tag`
//            becomes `tag--x`), builtin tags mapped to their elements (`view` → `wx-view`), `page` to
//            the page element, and rpx to a 750th of the phone's width.
// A change to a page's WXML, WXSS or TS shows after a rebuild (npm start / npm run build).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appPages } from './plan.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const miniprogram = path.join(root, 'miniprogram');
const outdir = path.join(root, 'emulator', 'dist', 'preview');

// WeChat's builtin components; in WXSS their tag selectors name the elements exparser renders (`wx-view`).
export const BUILTIN_TAGS = [
  'view', 'text', 'image', 'button', 'input', 'textarea', 'scroll-view', 'swiper', 'swiper-item', 'picker', 'picker-view',
  'picker-view-column', 'switch', 'slider', 'checkbox', 'checkbox-group', 'radio', 'radio-group', 'label', 'form', 'navigator',
  'rich-text', 'icon', 'progress', 'canvas', 'video', 'cover-view', 'cover-image', 'movable-area', 'movable-view', 'page-meta',
  'editor', 'map', 'camera', 'web-view',
]; // prettier-ignore

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
const rel = (file) => path.relative(miniprogram, file).split(path.sep).join('/');

/** Where a `usingComponents` target points, as DevTools resolves it (npm paths into miniprogram_npm). */
function resolveComponent(fromFile, target) {
  let base;
  if (target.startsWith('/')) base = path.join(miniprogram, target);
  else if (target.startsWith('.')) base = path.join(path.dirname(fromFile), target);
  else base = path.join(miniprogram, 'miniprogram_npm', target);
  if (existsSync(`${base}.json`)) return base;
  if (existsSync(path.join(base, 'index.json'))) return path.join(base, 'index');
  return null;
}

/**
 * Every page and component reachable from app.json, each with one element name: a component file is
 * registered once, under the first tag it is used with (unique: another file with the same tag gets a suffix).
 */
function collectComponents(pages) {
  const components = new Map(); // rel path → { tag, using: { alias: rel path }, page }
  const taken = new Set();
  const claim = (wanted) => {
    let tag = wanted.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    if (!/^[a-z]/.test(tag)) tag = `c-${tag}`;
    if (!tag.includes('-')) tag = `wx-c-${tag}`; // never collide with an HTML element
    for (let n = 2; taken.has(tag); n++) tag = `${wanted}-${n}`;
    taken.add(tag);
    return tag;
  };
  const visit = (file, tag, page) => {
    const key = rel(file);
    if (components.has(key)) return;
    const json = readJson(`${file}.json`) ?? {};
    const entry = { tag: claim(tag), using: {}, page, json: { ...json, usingComponents: undefined } };
    components.set(key, entry);
    for (const [alias, target] of Object.entries(json.usingComponents ?? {})) {
      const resolved = resolveComponent(file, target);
      if (!resolved) continue; // a plugin:// or missing component renders as an unknown tag, as in simulate
      entry.using[alias] = rel(resolved);
      visit(resolved, alias, false);
    }
  };
  for (const page of pages) visit(path.join(miniprogram, page), `page-${page.replace(/\//g, '-')}`, true);
  return components;
}

// ---- WXSS ---------------------------------------------------------------------------------------

/** A WXSS file with its @imports inlined (relative to the file, or to the mini-program root). */
function wxssContent(file, seen = new Set()) {
  if (seen.has(file) || !existsSync(file)) return '';
  seen.add(file);
  return readFileSync(file, 'utf8').replace(/@import\s+(?:"([^"]+)"|'([^']+)')\s*;?/g, (_all, a, b) => {
    const target = a ?? b;
    const resolved = target.startsWith('/') ? path.join(miniprogram, target) : path.join(path.dirname(file), target);
    return wxssContent(resolved.endsWith('.wxss') ? resolved : `${resolved}.wxss`, seen);
  });
}

/** rpx → a 750th of the phone's width (--rpx, set by the runtime from the frame's width). */
export const rpxToCss = (value) => value.replace(/(-?\d*\.?\d+)rpx/g, (_all, n) => `calc(${n} * var(--rpx))`);

async function scopeWxss(css, { prefix, hostTag, from }) {
  const postcss = require('postcss');
  const selectorParser = require('postcss-selector-parser');
  const builtin = new Set(BUILTIN_TAGS);
  const rewrite = selectorParser((selectors) => {
    selectors.walk((node) => {
      if (node.type === 'class') node.value = `${prefix}--${node.value}`;
      else if (node.type === 'tag' && node.value === 'page') {
        node.replaceWith(selectorParser.className({ value: 'wx-page' }));
      } else if (node.type === 'tag' && builtin.has(node.value)) node.value = `wx-${node.value}`;
      else if (node.type === 'pseudo' && node.value === ':host') {
        node.replaceWith(selectorParser.tag({ value: hostTag }));
      }
    });
  });
  const plugin = {
    postcssPlugin: 'wxss-scope',
    Rule(rule) {
      if (rule.parent?.type === 'atrule' && /keyframes$/i.test(rule.parent.name)) return;
      if (rule.__scoped) return;
      rule.__scoped = true;
      try {
        rule.selector = rewrite.processSync(rule.selector);
      } catch {
        rule.remove(); // a selector the browser could not use either
      }
    },
    Declaration(decl) {
      if (decl.value.includes('rpx')) decl.value = rpxToCss(decl.value);
    },
    AtRule: {
      // The TDesign icon font lives on a CDN: the preview makes no requests off the machine.
      'font-face'(atRule) {
        if (/url\(\s*['"]?https?:/.test(atRule.toString())) atRule.remove();
      },
    },
  };
  return (await postcss([plugin]).process(css, { from })).css;
}

/** `options: { addGlobalClass: true }` or a shared styleIsolation in the component's source. */
function sharesGlobalStyles(base) {
  const source = ['.ts', '.js'].map((ext) => `${base}${ext}`).find((file) => existsSync(file));
  return Boolean(source && /addGlobalClass:\s*true|styleIsolation:\s*['"](apply-shared|shared)['"]/.test(readFileSync(source, 'utf8')));
}

// ---- build --------------------------------------------------------------------------------------

export async function buildPreview() {
  const pages = appPages(root);
  const components = collectComponents(pages);
  const app = readJson(path.join(miniprogram, 'app.json'));
  mkdirSync(outdir, { recursive: true });

  // CSS: app.wxss under every page's prefix (WeChat applies it to pages), then each file's own. A
  // component of ours with addGlobalClass also takes app.wxss and the styles of the files using it.
  const appWxss = wxssContent(path.join(miniprogram, 'app.wxss'));
  const parents = new Map();
  for (const [key, entry] of components)
    for (const target of Object.values(entry.using)) parents.set(target, [...(parents.get(target) ?? []), key]);
  const css = [];
  for (const [key, entry] of components) {
    const file = path.join(miniprogram, `${key}.wxss`);
    const own = wxssContent(file);
    const shared = !entry.page && !key.startsWith('miniprogram_npm/') && sharesGlobalStyles(path.join(miniprogram, key));
    const inherited = shared
      ? [appWxss, ...(parents.get(key) ?? []).map((parent) => wxssContent(path.join(miniprogram, `${parent}.wxss`)))]
      : [];
    const source = entry.page ? `${appWxss}\n${own}` : [...inherited, own].join('\n');
    if (source.trim()) css.push(`/* ${key} */\n${await scopeWxss(source, { prefix: entry.tag, hostTag: entry.tag, from: file })}`);
  }
  writeFileSync(path.join(outdir, 'app.css'), css.join('\n'));

  // WXML: WeChat's compiler over the whole tree, as the page tests compile it.
  const compiler = require('miniprogram-compiler');
  // wcc compiles every page's wxml into one script (about 1 MB today): more than spawnSync's default 1 MiB buffer.
  const gwxSource = compiler.wxmlToJs(miniprogram, { maxBuffer: 32 * 1024 * 1024 });
  // A classic script of its own: wcc's output is sloppy-mode code that assigns globals.
  writeFileSync(
    path.join(outdir, 'gwx.js'),
    `// generated by emulator/preview/build.mjs from every .wxml (wcc)\nwindow.__yztMakeGwx = function () {\n${gwxSource}\n};\n`,
  );

  // JS: one registry of modules, each page's and component's code evaluated when it is first registered.
  const manifest = { pages, app: { window: app.window ?? {}, tabBar: app.tabBar ?? null }, components: Object.fromEntries(components) };
  const moduleOf = (key) => {
    const base = path.join(miniprogram, key);
    return existsSync(`${base}.ts`) ? `${base}.ts` : `${base}.js`;
  };
  const loaders = [...components.keys()]
    .filter((key) => existsSync(moduleOf(key)))
    .map((key) => `  ${JSON.stringify(key)}: () => require(${JSON.stringify(moduleOf(key))}),`);
  const entry = [
    `import { start } from ${JSON.stringify(path.join(here, 'runtime', 'main.ts'))};`,
    `const makeGwx = () => window.__yztMakeGwx();`,
    `const manifest = ${JSON.stringify(manifest)};`,
    `const modules = {\n${loaders.join('\n')}\n};`,
    `const appModule = () => require(${JSON.stringify(path.join(miniprogram, 'app.ts'))});`,
    `const configModule = () => require(${JSON.stringify(path.join(miniprogram, 'services', 'config.ts'))});`,
    `start({ manifest, modules, makeGwx, appModule, configModule });`,
  ].join('\n');
  await build({
    stdin: { contents: entry, resolveDir: miniprogram, sourcefile: 'preview-entry.js', loader: 'js' },
    outfile: path.join(outdir, 'app.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    sourcemap: true,
    logLevel: 'warning',
    // Bare imports inside the mini-program (dayjs) resolve to its packed npm folder, as in DevTools.
    nodePaths: [path.join(miniprogram, 'miniprogram_npm'), path.join(root, 'node_modules')],
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
  });
  // The page around the phone and the phone's frame, beside what was built.
  for (const name of readdirSync(path.join(here, 'static'))) copyFileSync(path.join(here, 'static', name), path.join(outdir, name));
  const title = (key) => components.get(key)?.json.navigationBarTitleText ?? app.window?.navigationBarTitleText ?? key;
  writeFileSync(path.join(outdir, 'pages.json'), JSON.stringify({ pages: pages.map((key) => ({ key, title: title(key) })) }, null, 2));
  return { pages: pages.length, components: components.size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const result = await buildPreview();
  console.log(`built emulator/dist/preview: ${result.pages} pages, ${result.components} components in ${Date.now() - started} ms`);
}
