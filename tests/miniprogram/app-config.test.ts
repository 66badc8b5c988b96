// The project opens unchanged in WeChat DevTools: app.json, page configs and project.config.json are
// valid against the schemas miniprogram-ci ships, every page and component they name exists, and the
// packages stay inside WeChat's size limits (measured by `npm run size`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MINIPROGRAM_ROOT } from '../support/miniprogram';

const PROJECT_ROOT = path.resolve(MINIPROGRAM_ROOT, '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const exists = (file: string) => fs.existsSync(file);

interface AppJson {
  pages: string[];
  subPackages: { root: string; name?: string; pages: string[] }[];
  tabBar: { list: { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }[] };
  usingComponents?: Record<string, string>;
  lazyCodeLoading?: string;
  sitemapLocation?: string;
}

const app: AppJson = readJson(path.join(MINIPROGRAM_ROOT, 'app.json'));
const allPages = [...app.pages, ...app.subPackages.flatMap((sub) => sub.pages.map((page) => path.posix.join(sub.root, page)))];

// The validator and schemas miniprogram-ci itself uses for these files.
const ciRequire = createRequire(require.resolve('miniprogram-ci'));
const { Validator } = ciRequire('jsonschema') as {
  Validator: new () => { validate(value: unknown, schema: unknown): { errors: { stack: string }[] } };
};
const schemaDir = path.join(path.dirname(require.resolve('miniprogram-ci/package.json')), 'dist/schema/dist');
const schemaErrors = (value: unknown, schema: 'app' | 'page' | 'projectconfig' | 'sitemap') =>
  new Validator().validate(value, require(path.join(schemaDir, `${schema}.js`))).errors.map((e) => e.stack);

describe('app.json', () => {
  it('is valid for DevTools', () => {
    expect(schemaErrors(app, 'app')).toEqual([]);
    expect(schemaErrors(readJson(path.join(MINIPROGRAM_ROOT, app.sitemapLocation ?? 'sitemap.json')), 'sitemap')).toEqual([]);
  });

  it('has the four tab pages in the main package and lazy component loading', () => {
    expect(app.tabBar.list.map((tab) => tab.text)).toEqual(['首页', '代表', '投票', '我的']);
    for (const tab of app.tabBar.list) expect(app.pages).toContain(tab.pagePath);
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    // Components are registered per page, so a page loads only what it uses.
    expect(app.usingComponents ?? {}).toEqual({});
  });

  it('has a small PNG icon pair for every tab (WeChat: at most 40 KB, 81×81 recommended)', () => {
    for (const tab of app.tabBar.list) {
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        const png = fs.readFileSync(path.join(MINIPROGRAM_ROOT, icon ?? ''));
        expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([81, 81]);
        expect(png.length).toBeLessThanOrEqual(40 * 1024);
      }
    }
  });

  it('lists only pages that exist, each with its four files named after its folder', () => {
    for (const page of allPages) {
      const base = path.join(MINIPROGRAM_ROOT, page);
      expect(path.basename(base)).toBe(path.basename(path.dirname(base)));
      const files = ['.json', '.wxml', '.wxss'].map((ext) => `${page}${ext}`).filter((f) => !exists(path.join(MINIPROGRAM_ROOT, f)));
      expect(files).toEqual([]);
      expect(exists(`${base}.ts`) || exists(`${base}.js`)).toBe(true);
      expect(schemaErrors(readJson(`${base}.json`), 'page')).toEqual([]);
    }
  });

  it('has the three audience subpackages, each root holding its pages', () => {
    expect(app.subPackages.map((sub) => sub.root)).toEqual(
      expect.arrayContaining(['packages/resident', 'packages/delegate', 'packages/admin']),
    );
    for (const sub of app.subPackages) {
      expect(fs.statSync(path.join(MINIPROGRAM_ROOT, sub.root)).isDirectory()).toBe(true);
      expect(sub.pages.length).toBeGreaterThan(0);
    }
  });

  it('lists the page of every route the code navigates to (services/routes.ts)', () => {
    const source = fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'services/routes.ts'), 'utf8');
    const routes = [...source.matchAll(/:\s*'\/([^']+)'/g)].map((m) => m[1]);
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((route) => !allPages.includes(route))).toEqual([]);
  });

  it('resolves every usingComponents path, recursively, to a component with its files', () => {
    const unresolved: string[] = [];
    const seen = new Set<string>();
    const visit = (base: string) => {
      if (seen.has(base)) return;
      seen.add(base);
      const json = readJson(`${base}.json`) as { usingComponents?: Record<string, string> };
      for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
        const resolved = resolveComponent(base, target);
        if (!resolved) unresolved.push(`${path.relative(MINIPROGRAM_ROOT, base)}: ${tag} → ${target}`);
        else visit(resolved);
      }
    };
    for (const page of allPages) visit(path.join(MINIPROGRAM_ROOT, page));
    expect(unresolved).toEqual([]);
    // Our own components follow the page pattern: a folder with four files named after it.
    for (const base of seen) {
      if (base.includes('miniprogram_npm')) continue;
      expect(path.basename(base)).toBe(path.basename(path.dirname(base)));
      expect(exists(`${base}.wxss`) && (exists(`${base}.ts`) || exists(`${base}.js`))).toBe(true);
    }
  });
});

describe('WeChat font-size setting (关怀模式)', () => {
  it('is followed by every page: page-meta takes the system font size as the rem base, or 关怀模式’s larger one', () => {
    const ignoring = allPages.filter((page) => {
      const meta = /^<page-meta\b[^>]*>/.exec(fs.readFileSync(path.join(MINIPROGRAM_ROOT, `${page}.wxml`), 'utf8').trimStart())?.[0] ?? '';
      return !['root-font-size="{{careFont}}"', 'page-font-size="{{careFont}}"', 'page-style="{{careStyle}}"'].every((a) =>
        meta.includes(a),
      );
    });
    expect(ignoring).toEqual([]);
    // careFont is 'system' (WeChat's own setting) while 关怀模式 is off: tests/miniprogram/pages/me/me.test.ts.
  });

  it('scales our own text: font sizes are rem or em, never fixed px or rpx', () => {
    const fixed: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== 'miniprogram_npm') walk(file);
        else if (entry.name.endsWith('.wxss')) {
          for (const match of fs.readFileSync(file, 'utf8').matchAll(/font-size\s*:\s*([^;}]+)/g)) {
            if (/\d(px|rpx)\b/.test(match[1])) fixed.push(`${path.relative(MINIPROGRAM_ROOT, file)}: ${match[0]}`);
          }
        }
      }
    };
    walk(MINIPROGRAM_ROOT);
    expect(fixed).toEqual([]);
  });
});

describe('project.config.json', () => {
  const project = readJson(path.join(PROJECT_ROOT, 'project.config.json'));

  it('is valid for DevTools and points at the mini-program and the cloud functions', () => {
    expect(schemaErrors(project, 'projectconfig')).toEqual([]);
    expect(project.appid).toBe('touristappid');
    expect(project.compileType).toBe('miniprogram');
    expect(project.miniprogramRoot).toBe('miniprogram/');
    expect(project.cloudfunctionRoot).toBe('cloudfunctions/');
    expect(exists(path.join(PROJECT_ROOT, project.miniprogramRoot, 'app.json'))).toBe(true);
    expect(exists(path.join(PROJECT_ROOT, project.cloudfunctionRoot, 'api', 'package.json'))).toBe(true);
  });

  it('compiles TypeScript with the DevTools plugin and uses the npm packed by miniprogram-ci', () => {
    expect(project.setting.useCompilerPlugins).toContain('typescript');
    expect(project.setting.packNpmManually).toBe(true);
    expect(project.setting.packNpmRelationList.length).toBeGreaterThan(0);
    for (const relation of project.setting.packNpmRelationList) {
      expect(exists(path.join(PROJECT_ROOT, relation.packageJsonPath))).toBe(true);
      expect(exists(path.join(PROJECT_ROOT, relation.miniprogramNpmDistDir, 'miniprogram_npm', 'tdesign-miniprogram'))).toBe(true);
    }
  });
});

describe('npm run size', () => {
  const report = JSON.parse(
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/size.mjs'), '--json'], { encoding: 'utf8' }),
  ) as {
    packages: { name: string; bytes: number; files: { file: string }[] }[];
    missing: string[];
  };

  it('finds every file the pages reach', () => {
    expect(report.missing).toEqual([]);
  });

  it('keeps the main package within 1 MB and every subpackage within 2 MB', () => {
    const [main, ...subPackages] = report.packages;
    expect(main.name).toBe('main');
    expect(main.bytes).toBeLessThanOrEqual(1024 * 1024);
    for (const sub of subPackages) expect(sub.bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it('attributes admin and delegate pages to their subpackages, not to the main package', () => {
    const main = report.packages.find((p) => p.name === 'main')!;
    expect(main.files.filter((f) => f.file.startsWith('packages/'))).toEqual([]);
    expect(report.packages.find((p) => p.name === 'admin')!.files.length).toBeGreaterThan(0);
  });
});

/** How DevTools resolves a usingComponents value: absolute, relative, or from a miniprogram_npm folder. */
function resolveComponent(fromBase: string, target: string): string | null {
  const isComponent = (base: string) => exists(`${base}.json`) && exists(`${base}.wxml`);
  if (target.startsWith('/')) return isComponent(path.join(MINIPROGRAM_ROOT, target)) ? path.join(MINIPROGRAM_ROOT, target) : null;
  if (target.startsWith('.')) {
    const base = path.resolve(path.dirname(fromBase), target);
    return isComponent(base) ? base : null;
  }
  for (let dir = path.dirname(fromBase); dir.startsWith(MINIPROGRAM_ROOT); dir = path.dirname(dir)) {
    for (const base of [path.join(dir, 'miniprogram_npm', target), path.join(dir, 'miniprogram_npm', target, 'index')]) {
      if (isComponent(base)) return base;
    }
  }
  return null;
}
