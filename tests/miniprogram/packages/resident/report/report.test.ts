import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, ok } from '../../../../cloud/messages-fixtures';

// 年度履职报告 (issue 12, item 2): one delegate's year on one page, public and shareable; only public
// entries are quoted.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe('年度履职报告', () => {
  it('shows the counts, the duty list and the public entries to anyone, and shares itself', async () => {
    const { delegateId } = await boundDelegate(emulator, 'page-rp-delegate', '何报告');
    await ok(emulator.call(STAFF_OPENID, 'admin.duties.setTargets', { year, targets: [{ kind: '学习培训', required: 1 }] }));
    const log = (summary: string, isPublic: boolean) =>
      ok(emulator.call('page-rp-delegate', 'duties.log', { kind: '学习培训', date: today(), summary, isPublic }));
    await log('参加区人大代表履职培训班，学习代表法。', true);
    await log('参加工委内部的小范围座谈会。', false);

    const view = await renderPage('packages/resident/report/report', {
      emulator,
      openid: 'page-rp-stranger',
      options: { delegateId, year: String(year) },
    });
    expect(view.text()).toContain(`${year} 年度履职报告`);
    expect(view.text()).toContain('何报告 代表');
    expect(view.text()).toContain('全年履职 2 项');
    expect(view.text()).toContain('学习培训 2/1（已完成）');
    expect(view.text()).toContain('履职培训班');
    expect(view.text()).not.toContain('小范围座谈会');
    const shared = (view.page.instance as unknown as { onShareAppMessage(): { title: string; path: string } }).onShareAppMessage();
    expect(shared).toEqual({
      title: `何报告代表 ${year} 年履职报告`,
      path: `/packages/resident/report/report?delegateId=${delegateId}&year=${year}`,
    });
  });

  it('保存为图片 fails plainly when no picture can be made, and can be tapped again', async () => {
    const { delegateId } = await boundDelegate(emulator, 'page-rp-image', '吕图片');
    const view = await renderPage('packages/resident/report/report', {
      emulator,
      openid: 'page-rp-stranger',
      options: { delegateId, year: String(year) },
    });
    const album = jest.fn();
    (globalThis as unknown as { wx: Record<string, unknown> }).wx.saveImageToPhotosAlbum = album;
    // miniprogram-simulate has no 2d canvas to draw on: the failure a phone without one would meet.
    await view.tap('.page-state >>> .report__save-image');
    expect(view.toasts).toEqual(['图片生成失败，请稍后重试']);
    expect(album).not.toHaveBeenCalled();
    expect(view.page.data.savingImage).toBe(false);
    await view.tap('.page-state >>> .report__save-image');
    expect(view.toasts).toEqual(['图片生成失败，请稍后重试', '图片生成失败，请稍后重试']);
  });

  it('shows the error state for a delegate who does not exist', async () => {
    const view = await renderPage('packages/resident/report/report', {
      emulator,
      openid: 'page-rp-stranger',
      options: { delegateId: 'nobody', year: String(year) },
    });
    expect(view.text()).toContain('该代表不存在');
  });
});
