import fs from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM_ROOT } from '../support/miniprogram';

// Body text is at least 16 px at WeChat's normal size (issue 13, item 7): no style of ours sets a
// font size below 1rem (rem follows 关怀模式 through page-meta), 32rpx or 16px. TDesign's own fine print
// (miniprogram_npm) is not ours to change.

const MINIMUM: Record<string, number> = { rem: 1, em: 1, rpx: 32, px: 16 };

function files(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'miniprogram_npm' ? [] : files(full, ext);
    return entry.name.endsWith(ext) ? [full] : [];
  });
}

/** Every `font-size` (and TDesign's `--td-…-font-size`) value in a piece of style text. */
function fontSizes(style: string): string[] {
  const code = style.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...code.matchAll(/(?:^|[\s;{"'])(?:--[\w-]*-)?font-size\s*:\s*([^;}"']+)/g)].map((m) => m[1].trim());
}

/** A size below the minimum; values this check cannot weigh (var(), calc(), keywords) pass. */
function tooSmall(value: string): boolean {
  const m = /^(\d*\.?\d+)(rem|em|rpx|px)$/.exec(value);
  return m !== null && Number(m[1]) < MINIMUM[m[2]];
}

function smallSizes(file: string, style: string): string[] {
  return fontSizes(style)
    .filter(tooSmall)
    .map((value) => `${path.relative(MINIPROGRAM_ROOT, file)}: font-size ${value}`);
}

test('no style sheet of ours sets text below 16 px', () => {
  const sheets = files(MINIPROGRAM_ROOT, '.wxss');
  expect(sheets.flatMap((file) => smallSizes(file, fs.readFileSync(file, 'utf8')))).toEqual([]);
  expect(sheets.length).toBeGreaterThan(40);
});

test('no inline style in a template sets text below 16 px', () => {
  const templates = files(MINIPROGRAM_ROOT, '.wxml');
  const small = templates.flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(/\bstyle="([^"]*)"/g)].flatMap((m) => smallSizes(file, ` ${m[1]}`)),
  );
  expect(small).toEqual([]);
});

test('the check catches the sizes it is meant to catch', () => {
  const sheet = '.a { font-size: 0.875rem; }\n.b{font-size:24rpx}\n.c { --td-tag-font-size: 12px; }\n/* font-size: 0.5rem */';
  expect(fontSizes(sheet).filter(tooSmall)).toEqual(['0.875rem', '24rpx', '12px']);
  const fine = '.a { font-size: 1rem; } .b { font-size: 1.125rem; } .c { font-size: 32rpx; } .d { font-size: var(--x); }';
  expect(fontSizes(fine).filter(tooSmall)).toEqual([]);
});
