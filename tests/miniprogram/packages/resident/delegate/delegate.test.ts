import { useDemoBackend } from '../../../demo-backend';
import { renderPage } from '../../../../support/miniprogram';

const emulator = useDemoBackend();

describe('代表详情', () => {
  it('shows who the delegate is, their group and liaison, where to meet them, and opens the message page', async () => {
    const view = await renderPage('packages/resident/delegate/delegate', {
      emulator: emulator(),
      openid: 'demo-resident',
      options: { id: 'd01' },
    });
    const text = view.text();
    expect(text).toContain('周建国');
    expect(text).toContain('综合治理小组 · 联系委员 钱国平');
    expect(text).toContain('运河街道人大代表之家');
    expect(text).toContain('清风路 18 号');
    expect(text).not.toContain('尚未在小程序中完成绑定');
    expect(view.text()).toContain('收到留言 0 条，样本不足');

    await view.tap('.page-state >>> .delegate__write');
    expect(view.navigations).toEqual([
      { kind: 'navigateTo', url: `/packages/resident/compose/compose?delegateId=d01&name=${encodeURIComponent('周建国')}` },
    ]);
  });

  it('says so when the delegate has not bound a phone yet', async () => {
    const view = await renderPage('packages/resident/delegate/delegate', {
      emulator: emulator(),
      openid: 'demo-resident',
      options: { id: 'd02' },
    });
    expect(view.text()).toContain('尚未在小程序中完成绑定');
  });

  it("shows the server's message for a delegate that does not exist", async () => {
    const view = await renderPage('packages/resident/delegate/delegate', {
      emulator: emulator(),
      openid: 'demo-resident',
      options: { id: 'nobody' },
    });
    expect(view.text('.page-state')).toContain('该代表不存在');
  });
});
