import fs from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM_ROOT } from '../support/miniprogram';

// Every confirmation is TDesign's dialog (issue 13, item 3): services/feedback.ts opens the page's
// `<confirm-dialog id="yz-confirm" />`, so every page whose code — its own or a component it uses —
// asks for confirmation must host one (without it the person would get the bare native modal), and
// nothing calls wx.showModal directly to confirm.

const readJson = (file: string) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);
const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
const ASKS = /\b(confirmAction|askText)\(/;

const app = readJson(path.join(MINIPROGRAM_ROOT, 'app.json'));
const pages: string[] = [
  ...app.pages,
  ...(app.subPackages ?? []).flatMap((p: { root: string; pages: string[] }) => p.pages.map((page) => `${p.root}/${page}`)),
];

/** The page and every component of ours it uses (npm components are TDesign's: they never ask). */
function codeUnder(base: string, seen = new Set<string>()): string[] {
  if (seen.has(base)) return [];
  seen.add(base);
  const using = Object.values((readJson(`${base}.json`)?.usingComponents ?? {}) as Record<string, string>);
  return [
    base,
    ...using
      .filter((target) => target.startsWith('/') || target.startsWith('.'))
      .flatMap((target) =>
        codeUnder(target.startsWith('/') ? path.join(MINIPROGRAM_ROOT, target) : path.join(path.dirname(base), target), seen),
      ),
  ];
}

test('every page that asks for confirmation hosts the confirm dialog', () => {
  const asking = pages.filter((page) => codeUnder(path.join(MINIPROGRAM_ROOT, page)).some((base) => ASKS.test(read(`${base}.ts`))));
  const missing = asking.filter((page) => {
    const base = path.join(MINIPROGRAM_ROOT, page);
    return (
      !/<confirm-dialog\s+id="yz-confirm"\s*\/>/.test(read(`${base}.wxml`)) ||
      !readJson(`${base}.json`)?.usingComponents?.['confirm-dialog']
    );
  });
  expect(missing).toEqual([]);
  expect(asking.length).toBeGreaterThan(10);
});

test('no page asks with the native modal', () => {
  const files = pages.flatMap((page) => codeUnder(path.join(MINIPROGRAM_ROOT, page))).map((base) => `${base}.ts`);
  const native = [...new Set(files)].filter((file) => /wx\.showModal\(/.test(read(file)));
  expect(native.map((file) => path.relative(MINIPROGRAM_ROOT, file))).toEqual([]);
});
