import type { ProgressRow } from './duties';
import { confirmAction, showHint, showSuccess } from './feedback';

// 年度履职报告 as one picture to keep or pass on (保存为图片): the report's summary laid out as lines of
// text on a 750-wide sheet (pure, `posterLayout`), drawn on the page's <canvas type="2d">, written to a
// temporary file and saved to the album. Refusing the album permission is explained, with the way to
// the settings where it is turned back on.

/** What the poster shows: the report page's own data. */
export interface PosterSource {
  year: number;
  name: string;
  subtitle: string;
  total: number;
  kinds: { kind: string; count: number }[];
  figures: { label: string; value: number }[];
  progress: ProgressRow[];
  highlights: { title: string; meta: string; summary: string }[];
}

export interface PosterText {
  text: string;
  /** Left edge, or the centre when `align` is 'center'; in poster units (the sheet is 750 wide). */
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  color: string;
  bold?: boolean;
  align?: 'left' | 'center';
}

export interface PosterLayout {
  width: number;
  height: number;
  /** Filled rectangles under the text: the red band on top, the tiles of the counts. */
  boxes: { x: number; y: number; width: number; height: number; color: string }[];
  texts: PosterText[];
}

export const POSTER_WIDTH = 750;
const MARGIN = 48;
// The colours of app.wxss (--yz-ink, --yz-ink-secondary, --yz-red, --yz-red-light), which a canvas cannot read.
const INK = '#1f2329';
const MUTED = '#5c6370';
const RED = '#b3261e';
const RED_LIGHT = '#fbeceb';
const GREEN = '#1b6e3a';
/** Highlights quoted on the picture (the page shows up to ten); each summary in at most this many lines. */
const HIGHLIGHTS_SHOWN = 3;
const SUMMARY_LINES = 2;

/** Width of a text at a font size: a CJK character (or full-width mark) is one em, anything else about half. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const char of text) em += char.charCodeAt(0) > 0x2e7f ? 1 : 0.55;
  return em * size;
}

/** Breaks a text into lines no wider than `maxWidth`; past `maxLines` the last line ends with '…'. */
export function wrapText(text: string, size: number, maxWidth: number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text.replace(/[ \t\r\n]+/g, ' ').trim()) {
    if (line && textWidth(line + char, size) > maxWidth) {
      lines.push(line);
      line = '';
    }
    line += char;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last && textWidth(`${last}…`, size) > maxWidth) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

/** The one-page summary: who, the year's total, the counts by kind, the figures, the duty list, a few public entries. */
export function posterLayout(source: PosterSource): PosterLayout {
  const texts: PosterText[] = [];
  const boxes: PosterLayout['boxes'] = [{ x: 0, y: 0, width: POSTER_WIDTH, height: 16, color: RED }];
  const inner = POSTER_WIDTH - MARGIN * 2;
  let y = 16;
  const add = (text: string, size: number, color: string, gap: number, extra: Partial<PosterText> = {}) => {
    y += gap + size;
    texts.push({ text, x: MARGIN, y, size, color, ...extra });
  };
  const paragraph = (text: string, size: number, color: string, gap: number, maxLines?: number) =>
    wrapText(text, size, inner, maxLines).forEach((line, n) => add(line, size, color, n ? 12 : gap));

  add(`${source.year} 年度履职报告`, 30, RED, 48, { bold: true });
  add(`${source.name} 代表`, 48, INK, 28, { bold: true });
  if (source.subtitle) paragraph(source.subtitle, 26, MUTED, 20);
  add(`全年履职 ${source.total} 项`, 36, RED, 40, { bold: true });

  // The counts by kind, three tiles a row.
  const columns = 3;
  const gap = 16;
  const tile = { width: (inner - gap * (columns - 1)) / columns, height: 112 };
  const top = y + 28;
  source.kinds.forEach((k, n) => {
    const x = MARGIN + (n % columns) * (tile.width + gap);
    const ty = top + Math.floor(n / columns) * (tile.height + gap);
    boxes.push({ x, y: ty, width: tile.width, height: tile.height, color: RED_LIGHT });
    texts.push({ text: String(k.count), x: x + tile.width / 2, y: ty + 52, size: 40, color: INK, bold: true, align: 'center' });
    texts.push({ text: k.kind, x: x + tile.width / 2, y: ty + 92, size: 24, color: MUTED, align: 'center' });
  });
  const rows = Math.ceil(source.kinds.length / columns);
  y = top + rows * tile.height + Math.max(0, rows - 1) * gap;

  if (source.figures.length) paragraph(source.figures.map((f) => `${f.label} ${f.value}`).join('　'), 28, INK, 36);

  if (source.progress.length) {
    add('履职清单完成情况', 30, INK, 44, { bold: true });
    for (const p of source.progress) add(`${p.label}${p.met ? '（已完成）' : ''}`, 28, p.met ? GREEN : INK, 16);
  }

  const quoted = source.highlights.slice(0, HIGHLIGHTS_SHOWN);
  if (quoted.length) {
    add('履职纪实', 30, INK, 44, { bold: true });
    for (const h of quoted) {
      add([h.title, h.meta].filter(Boolean).join(' · '), 26, MUTED, 24);
      paragraph(h.summary, 28, INK, 12, SUMMARY_LINES);
    }
  }

  add('街道人大工委 · 议政通', 24, MUTED, 56);
  add('在「议政通」小程序中查看完整报告', 24, MUTED, 12);
  return { width: POSTER_WIDTH, height: Math.ceil(y + MARGIN), boxes, texts };
}

/** The drawing calls a 2d context needs; WeChat's canvas context has them. */
export interface PosterContext {
  fillStyle: string;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, width: number, height: number): void;
  fillText(text: string, x: number, y: number): void;
  scale(x: number, y: number): void;
}

export function drawPoster(ctx: PosterContext, layout: PosterLayout, scale: number): void {
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layout.width, layout.height);
  for (const b of layout.boxes) {
    ctx.fillStyle = b.color;
    ctx.fillRect(b.x, b.y, b.width, b.height);
  }
  ctx.textBaseline = 'alphabetic';
  for (const t of layout.texts) {
    ctx.fillStyle = t.color;
    ctx.font = `${t.bold ? 'bold ' : ''}${t.size}px sans-serif`;
    ctx.textAlign = t.align ?? 'left';
    ctx.fillText(t.text, t.x, t.y);
  }
}

interface CanvasHost {
  createSelectorQuery(): WechatMiniprogram.SelectorQuery;
}

/** The page's <canvas type="2d"> node, or a failure when there is none to draw on. */
function canvasOf(host: CanvasHost, selector: string): Promise<WechatMiniprogram.Canvas> {
  return new Promise((resolve, reject) => {
    host
      .createSelectorQuery()
      .select(selector)
      .fields({ node: true, size: true }, () => undefined)
      .exec((res: { node?: WechatMiniprogram.Canvas }[]) => {
        const node = res?.[0]?.node;
        if (node) resolve(node);
        else reject(new Error('canvas unavailable'));
      });
  });
}

const isCancel = (error: unknown) => /cancel/i.test((error as { errMsg?: string })?.errMsg ?? '');
const isRefusal = (error: unknown) => /auth|authoriz|permission/i.test((error as { errMsg?: string })?.errMsg ?? '');

/** Saves a picture to the album; a refused permission is explained and leads to the settings. */
export async function saveToAlbum(filePath: string): Promise<void> {
  try {
    await wx.saveImageToPhotosAlbum({ filePath });
    showSuccess('已保存到相册');
  } catch (error) {
    if (isCancel(error) && !isRefusal(error)) return;
    if (!isRefusal(error)) return showHint('保存失败，请稍后重试');
    const settings = await confirmAction(
      '需要相册权限',
      '您没有允许「议政通」保存图片到相册。请在设置中打开「添加到相册」，再点一次「保存为图片」。',
      { confirmText: '去设置' },
    );
    if (settings) await wx.openSetting({});
  }
}

/** Draws the layout on the page's canvas, writes it to a picture and saves that to the album. */
export async function savePoster(host: CanvasHost, selector: string, layout: PosterLayout): Promise<void> {
  let filePath: string;
  try {
    const canvas = await canvasOf(host, selector);
    const scale = Math.min(2, wx.getWindowInfo?.().pixelRatio ?? 2);
    canvas.width = layout.width * scale;
    canvas.height = layout.height * scale;
    drawPoster(canvas.getContext('2d') as PosterContext, layout, scale);
    // A 2d canvas is exported whole, at its own pixel size (not the element's on-screen size).
    const size = { x: 0, y: 0, width: canvas.width, height: canvas.height, destWidth: canvas.width, destHeight: canvas.height };
    const option = { canvas, fileType: 'png', ...size } as WechatMiniprogram.CanvasToTempFilePathOption;
    ({ tempFilePath: filePath } = await wx.canvasToTempFilePath(option));
  } catch {
    return showHint('图片生成失败，请稍后重试');
  }
  await saveToAlbum(filePath);
}
