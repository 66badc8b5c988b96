import path from 'node:path';
import { connect, MINIPROGRAM_ROOT, renderPage } from '../../support/miniprogram';

// 年度履职报告's 保存为图片 (issue 12, item 2): the picture is laid out by a pure function (the canvas
// itself cannot be drawn under miniprogram-simulate), then drawn line by line; a refused album
// permission is explained and leads to the settings. WeChat's album and settings are the platform's
// side and are played here; the layout and the decisions are the app's.
interface PosterText {
  text: string;
  x: number;
  y: number;
  size: number;
  align?: 'left' | 'center';
}
interface PosterLayout {
  width: number;
  height: number;
  boxes: unknown[];
  texts: PosterText[];
}
const { posterLayout, wrapText, textWidth, drawPoster, saveToAlbum, POSTER_WIDTH } = require(
  path.join(MINIPROGRAM_ROOT, 'services/report-poster'),
) as {
  posterLayout: (source: unknown) => PosterLayout;
  wrapText: (text: string, size: number, maxWidth: number, maxLines?: number) => string[];
  textWidth: (text: string, size: number) => number;
  drawPoster: (ctx: unknown, layout: PosterLayout, scale: number) => void;
  saveToAlbum: (filePath: string) => Promise<void>;
  POSTER_WIDTH: number;
};
const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;

const longSummary =
  '走访幸福里老旧小区，逐户听取加装电梯意见，整理出 3 个单元的共性难题，并与街道城管科约定下月现场协调，形成问题清单和办理时间表。';
const source = {
  year: 2026,
  name: '周建国',
  subtitle: '清风社区党委书记 · 综合治理小组 · 清风社区代表联络站',
  total: 12,
  kinds: ['接待选民', '走访调研', '视察督办', '提出建议', '参加会议', '学习培训', '其他'].map((kind, n) => ({ kind, count: n + 1 })),
  figures: [
    { label: '答复选民留言', value: 8 },
    { label: '参加接待日', value: 2 },
    { label: '提出建议', value: 3 },
  ],
  progress: [
    { kind: '接待选民' as const, label: '接待选民 2/4', percent: 50, met: false },
    { kind: '学习培训' as const, label: '学习培训 2/1', percent: 100, met: true },
  ],
  highlights: [1, 2, 3, 4].map((n) => ({ title: '走访调研', meta: `11月${n}日 · 清风社区`, summary: `${n}：${longSummary}` })),
};

test('the picture carries the report’s summary, every line inside the sheet, top to bottom', () => {
  const layout = posterLayout(source);
  const lines = layout.texts.map((t) => t.text);
  expect(lines.slice(0, 2)).toEqual(['2026 年度履职报告', '周建国 代表']);
  // A subtitle wider than the sheet goes on in the next line.
  expect(lines[2] + lines[3]).toBe(source.subtitle);
  expect(lines).toContain('全年履职 12 项');
  for (const k of source.kinds) expect(lines).toEqual(expect.arrayContaining([String(k.count), k.kind]));
  expect(lines).toContain('答复选民留言 8　参加接待日 2　提出建议 3');
  expect(lines).toEqual(expect.arrayContaining(['接待选民 2/4', '学习培训 2/1（已完成）']));
  // Three public entries at most, each summary in two lines at most, the cut marked.
  expect(lines.filter((l) => l.startsWith('走访调研 · '))).toHaveLength(3);
  expect(lines.some((l) => l.startsWith('4：'))).toBe(false);
  const firstSummary = lines.filter(
    (l, n) => n > lines.indexOf('走访调研 · 11月1日 · 清风社区') && n < lines.indexOf('走访调研 · 11月2日 · 清风社区'),
  );
  expect(firstSummary).toHaveLength(2);
  expect(firstSummary[1].endsWith('…')).toBe(true);
  expect(lines.at(-1)).toBe('在「议政通」小程序中查看完整报告');

  for (const t of layout.texts) {
    const half = t.align === 'center' ? textWidth(t.text, t.size) / 2 : 0;
    expect(t.x - half).toBeGreaterThanOrEqual(0);
    expect(t.x - half + textWidth(t.text, t.size)).toBeLessThanOrEqual(POSTER_WIDTH);
    expect(t.y).toBeLessThan(layout.height);
  }
  const leftLines = layout.texts.filter((t) => t.align !== 'center').map((t) => t.y);
  expect([...leftLines].sort((a, b) => a - b)).toEqual(leftLines);
});

test('a quiet year still makes a whole picture: no duty list, no entries', () => {
  const layout = posterLayout({ ...source, total: 0, progress: [], highlights: [], subtitle: '' });
  const lines = layout.texts.map((t) => t.text);
  expect(lines).toContain('全年履职 0 项');
  expect(lines).not.toContain('履职清单完成情况');
  expect(lines).not.toContain('履职纪实');
  expect(layout.height).toBeLessThan(posterLayout(source).height);
});

test('lines break by width: Chinese a character each em, digits and Latin narrower', () => {
  expect(wrapText('一二三四五六', 10, 30)).toEqual(['一二三', '四五六']);
  expect(wrapText('abcdef', 10, 30)).toEqual(['abcde', 'f']);
  expect(wrapText('一二三四五六七八九', 10, 30, 2)).toEqual(['一二三', '四五…']);
});

test('drawing paints the sheet, the boxes and each line where the layout put it', () => {
  const layout = posterLayout(source);
  const painted: [string, number, number, string][] = [];
  const ctx = {
    fillStyle: '',
    font: '',
    textAlign: '',
    textBaseline: '',
    fillRect: jest.fn(),
    fillText(text: string, x: number, y: number) {
      painted.push([text, x, y, this.font]);
    },
    scale: jest.fn(),
  };
  drawPoster(ctx, layout, 2);
  expect(ctx.scale).toHaveBeenCalledWith(2, 2);
  expect(ctx.fillRect).toHaveBeenCalledTimes(1 + layout.boxes.length);
  expect(painted.map(([text, x, y]) => [text, x, y])).toEqual(layout.texts.map((t) => [t.text, t.x, t.y]));
  expect(painted[1][3]).toBe('bold 48px sans-serif');
});

describe('saving to the album', () => {
  const saved = jest.fn();
  const openSetting = jest.fn(async () => ({ authSetting: {} }));
  beforeEach(() => {
    saved.mockReset();
    openSetting.mockClear();
    wx.openSetting = openSetting;
  });

  it('says so when the picture is saved', async () => {
    const phone = connect(undefined);
    wx.saveImageToPhotosAlbum = async (options: { filePath: string }) => saved(options.filePath);
    await saveToAlbum('wxfile://tmp/report.png');
    await phone.wait();
    expect(saved).toHaveBeenCalledWith('wxfile://tmp/report.png');
    expect(phone.toasts).toEqual(['已保存到相册']);
  });

  it('explains a refused permission in the page’s dialog and opens the settings when the person agrees', async () => {
    // The report page is what asks (its confirm dialog); offline it shows its error state, dialog and all.
    const view = await renderPage('packages/resident/report/report', { options: { delegateId: 'd01', year: '2026' } });
    wx.saveImageToPhotosAlbum = async () => Promise.reject({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' });
    let saving = saveToAlbum('wxfile://tmp/report.png');
    await view.wait();
    await saving;
    expect(view.modals).toEqual([expect.objectContaining({ title: '需要相册权限', content: expect.stringContaining('添加到相册') })]);
    expect(openSetting).toHaveBeenCalledTimes(1);

    view.answerNextModal({ confirm: false });
    saving = saveToAlbum('wxfile://tmp/report.png');
    await view.wait();
    await saving;
    expect(view.modals).toHaveLength(2);
    expect(openSetting).toHaveBeenCalledTimes(1);
  });

  it('leaves a cancelled save alone and reports any other failure', async () => {
    const phone = connect(undefined);
    wx.saveImageToPhotosAlbum = async () => Promise.reject({ errMsg: 'saveImageToPhotosAlbum:fail cancel' });
    await saveToAlbum('wxfile://tmp/report.png');
    wx.saveImageToPhotosAlbum = async () => Promise.reject({ errMsg: 'saveImageToPhotosAlbum:fail file not exists' });
    await saveToAlbum('wxfile://tmp/report.png');
    await phone.wait();
    expect(phone.modals).toEqual([]);
    expect(phone.toasts).toEqual(['保存失败，请稍后重试']);
  });
});
