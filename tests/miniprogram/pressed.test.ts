import fs from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM_ROOT } from '../support/miniprogram';

// Every tappable view shows that it was pressed (issue 13, item 7): a view with bindtap or catchtap
// carries a hover-class, and a component whose view uses the shared one takes app.wxss's classes.

function wxmlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'miniprogram_npm' ? [] : wxmlFiles(full);
    return entry.name.endsWith('.wxml') ? [full] : [];
  });
}

const files = wxmlFiles(MINIPROGRAM_ROOT);

test('every tappable view has a pressed state', () => {
  const bare = files.flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(/<view\s[^>]*?\b(?:bindtap|catchtap)=[^>]*>/gs)]
      .filter((m) => !/\bhover-class=/.test(m[0]))
      .map((m) => `${path.relative(MINIPROGRAM_ROOT, file)}: ${m[0].slice(0, 80)}`),
  );
  expect(bare).toEqual([]);
  expect(files.length).toBeGreaterThan(40);
});

test('a component using the shared pressed class takes app.wxss classes', () => {
  const isolated = files
    .filter((file) => fs.readFileSync(file, 'utf8').includes('hover-class="yz-pressed"'))
    .map((file) => file.replace(/\.wxml$/, ''))
    .filter((base) => JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')).component === true && !isPage(base))
    .filter((base) => !/addGlobalClass:\s*true|styleIsolation:\s*'apply-shared'/.test(fs.readFileSync(`${base}.ts`, 'utf8')))
    .map((base) => path.relative(MINIPROGRAM_ROOT, base));
  expect(isolated).toEqual([]);
});

const appPages: string[] = (() => {
  const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8'));
  return [
    ...app.pages,
    ...(app.subPackages ?? app.subpackages ?? []).flatMap((p: { root: string; pages: string[] }) =>
      p.pages.map((page) => `${p.root}/${page}`),
    ),
  ];
})();
function isPage(base: string): boolean {
  return appPages.includes(path.relative(MINIPROGRAM_ROOT, base).split(path.sep).join('/'));
}
