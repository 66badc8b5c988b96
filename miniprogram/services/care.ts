// 关怀模式: large text and high contrast for older residents, switched in 我的 and kept on the phone.
// Every page follows it through its <page-meta> (services/page.ts puts `careFont` and `careStyle` in
// each page's data); with it off, pages follow WeChat's own font size (which WeChat's system-wide
// 关怀模式 also raises).

const CARE_KEY = 'careMode';

/** Text size of the whole page in care mode: body text 20 px, well above the 16 px minimum. */
const CARE_FONT = '20px';
/** Secondary text as dark as body text, and stronger lines: contrast well above 4.5:1 everywhere. */
const CARE_STYLE =
  '--yz-ink: #000000; --yz-ink-secondary: #1f2329; --yz-line: #8a9099; --td-text-color-secondary: #1f2329; --td-text-color-placeholder: #4e5561;';

export interface CareData {
  careMode: boolean;
  careFont: string;
  careStyle: string;
}

export function isCareMode(): boolean {
  return wx.getStorageSync(CARE_KEY) === true;
}

export function setCareMode(on: boolean): void {
  wx.setStorageSync(CARE_KEY, on);
}

export function careData(on = isCareMode()): CareData {
  return { careMode: on, careFont: on ? CARE_FONT : 'system', careStyle: on ? CARE_STYLE : '' };
}
