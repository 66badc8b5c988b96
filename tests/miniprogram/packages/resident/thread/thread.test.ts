import { startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, draft, ok } from '../../../../cloud/messages-fixtures';

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let delegateId: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  delegateId = (await boundDelegate(emulator, 'rt-delegate', '褚代表')).delegateId;
});
afterAll(() => emulator.stop());

describe('留言详情（居民）', () => {
  it("shows the delegate's reply and sends a follow-up", async () => {
    const { id } = await ok(emulator.call('rt-resident', 'messages.send', draft(delegateId, { title: '电梯异响' })));
    await ok(emulator.call('rt-delegate', 'messages.reply', { id, body: '已通知物业检修' }));

    const view = await renderPage('packages/resident/thread/thread', { emulator, openid: 'rt-resident', options: { id } });
    expect(view.text()).toContain('电梯异响');
    expect(view.text()).toContain('已通知物业检修');
    await view.fire('.page-state >>> .thread__draft', 'change', { value: '修好了吗？' });
    expect(view.text('.page-state >>> .thread__draft')).toContain('5 / 1000'); // t-textarea's counter
    await view.tap('.page-state >>> .thread__send');
    const thread = await ok(emulator.call('rt-resident', 'messages.get', { id }));
    expect(thread.thread.map((e: any) => e.body)).toEqual(['已通知物业检修', '修好了吗？']);
    expect(view.text()).toContain('修好了吗？');
  });

  it('rates a resolved message with a comment typed in its counted field', async () => {
    const { id } = await ok(emulator.call('rt-rater', 'messages.send', draft(delegateId, { title: '楼道堆物' })));
    await ok(emulator.call('rt-delegate', 'messages.reply', { id, body: '已请物业清理' }));
    await ok(emulator.call('rt-delegate', 'messages.transition', { id, to: 'resolved', note: '已清理' }));
    const view = await renderPage('packages/resident/thread/thread', { emulator, openid: 'rt-rater', options: { id } });
    await view.fire('.page-state >>> .thread__comment', 'change', { value: '清理得很及时' });
    expect(view.text('.page-state >>> .thread__comment')).toContain('6 / 200');
    await view.tap('.page-state >>> .thread__rate-satisfied');
    expect(view.toasts).toContain('感谢您的评价');
    const thread = await ok(emulator.call('rt-rater', 'messages.get', { id }));
    expect(thread.thread.at(-1)).toMatchObject({ kind: 'rating', body: expect.stringContaining('清理得很及时') });
  });

  it('shows the way so far as steps (待回复 → 已回复 → 转办 → 办结) and the status as a tag (issue 13, item 3)', async () => {
    const { id } = await ok(emulator.call('rt-resident', 'messages.send', draft(delegateId, { title: '路灯不亮' })));
    const steps = (view: Awaited<ReturnType<typeof renderPage>>) =>
      view.page.querySelectorAll('.page-state >>> .message-thread__step').map((step) => step.data as { title: string; content: string });
    const titles = (view: Awaited<ReturnType<typeof renderPage>>) => steps(view).map((step) => step.title);
    const current = (view: Awaited<ReturnType<typeof renderPage>>) =>
      (view.page.querySelector('.page-state >>> .message-thread__steps')!.data as { current: number }).current;

    let view = await renderPage('packages/resident/thread/thread', { emulator, openid: 'rt-resident', options: { id } });
    expect(view.text('.page-state >>> .message-thread__status')).toBe('待回复');
    expect(titles(view)).toEqual(['待回复', '已回复', '办结']);
    expect(view.texts('.page-state >>> .message-thread__step')[0]).toContain('留言提交于');
    expect(steps(view)[1].content).toBe('');
    expect(current(view)).toBe(0);

    await ok(emulator.call('rt-delegate', 'messages.reply', { id, body: '已联系街道' }));
    await ok(emulator.call('rt-delegate', 'messages.transition', { id, to: 'forwarded', department: '城管科' }));
    view = await renderPage('packages/resident/thread/thread', { emulator, openid: 'rt-resident', options: { id } });
    expect(view.text('.page-state >>> .message-thread__status')).toBe('已转办');
    expect(titles(view)).toEqual(['待回复', '已回复', '转办', '办结']);
    expect(steps(view)[1].content).not.toBe('');
    expect(steps(view)[2].content).toContain('城管科');
    expect(steps(view)[3].content).toBe(''); // not reached: no time
    expect(current(view)).toBe(2);

    await ok(emulator.call('rt-delegate', 'messages.transition', { id, to: 'resolved', note: '已修复' }));
    view = await renderPage('packages/resident/thread/thread', { emulator, openid: 'rt-resident', options: { id } });
    expect(view.text('.page-state >>> .message-thread__status')).toBe('已办结');
    expect(steps(view)[3].content).not.toBe('');
    expect(current(view)).toBe(4); // every step done
  });

  it('rates a resolved message; 不满意 reopens it', async () => {
    const { id } = await ok(emulator.call('rt-resident', 'messages.send', draft(delegateId)));
    await ok(emulator.call('rt-delegate', 'messages.reply', { id, body: '处理中' }));
    await ok(emulator.call('rt-delegate', 'messages.transition', { id, to: 'resolved', note: '已处理' }));

    const view = await renderPage('packages/resident/thread/thread', { emulator, openid: 'rt-resident', options: { id } });
    expect(view.text()).toContain('对办理结果满意吗');
    // One tap does not rate: the person is asked first, and cancelling leaves it unrated.
    view.answerNextModal({ confirm: false });
    await view.tap('.page-state >>> .thread__rate-satisfied');
    expect(view.modals[0]).toEqual({ title: '评价办理结果', content: expect.stringContaining('“满意”') });
    expect(view.apiCalls.filter((c) => c.action === 'messages.rate')).toEqual([]);
    expect(view.text()).toContain('对办理结果满意吗');
    await view.tap('.page-state >>> .thread__rate-dissatisfied');
    expect(view.modals[1].content).toContain('退回给代表重新办理');
    // Back with the delegate, waiting for their response again.
    expect((await ok(emulator.call('rt-resident', 'messages.get', { id }))).status).toBe('pending');
    expect(view.text()).not.toContain('对办理结果满意吗');
    expect(view.text('.page-state >>> .message-thread__status')).toBe('待回复');
    expect((view.page.querySelector('.page-state >>> .message-thread__steps')!.data as { current: number }).current).toBe(0);
  });

  it('shows the photos sent with the message, and says while they wait for the image check', async () => {
    await emulator.holdMediaChecks();
    const { uploadFolder } = await ok(emulator.call('rt-resident', 'me.get', {}));
    const photo = await emulator.upload(`${uploadFolder}/req-photo-0.jpg`, Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]));
    const { id } = await ok(emulator.call('rt-resident', 'messages.send', draft(delegateId, { photos: [photo] })));
    const view = await renderPage('packages/resident/thread/thread', { emulator, openid: 'rt-resident', options: { id } });
    expect((view.page.data as { photos: string[] }).photos).toEqual([photo]);
    expect(view.has('.page-state >>> .message-thread__photo')).toBe(true);
    expect(view.text('.page-state >>> .thread__photo-note')).toBe('1 张照片正在审核，通过后代表才能看到');

    const check = (await emulator.mediaChecks()).find((c) => c.mediaUrl.endsWith('req-photo-0.jpg'))!;
    await emulator.answerMediaCheck(check.traceId, 'risky');
    const after = await renderPage('packages/resident/thread/thread', { emulator, openid: 'rt-resident', options: { id } });
    expect((after.page.data as { photos: string[] }).photos).toEqual([]);
    expect(after.text('.page-state >>> .thread__photo-note')).toBe('1 张照片未通过内容审核，代表看不到');
  });

  it('another resident cannot open it', async () => {
    const { id } = await ok(emulator.call('rt-resident', 'messages.send', draft(delegateId)));
    const view = await renderPage('packages/resident/thread/thread', { emulator, openid: 'rt-stranger', options: { id } });
    expect(view.text()).toContain('留言不存在或您无权查看');
  });

  it('a public message can be taken off the wall by its writer, after a confirmation; cancelling changes nothing', async () => {
    const { id } = await ok(emulator.call('rt-public', 'messages.send', draft(delegateId, { isPublic: true, title: '公园长椅坏了' })));
    await ok(emulator.call('rt-delegate', 'messages.reply', { id, body: '已报修' }));
    await ok(emulator.call('rt-delegate', 'messages.transition', { id, to: 'resolved', note: '已换新' }));
    const onWall = async () => (await ok(emulator.call('passer-by', 'messages.wall', {}))).items.some((w: any) => w.id === id);
    expect(await onWall()).toBe(true);

    const view = await renderPage('packages/resident/thread/thread', { emulator, openid: 'rt-public', options: { id } });
    expect(view.text()).toContain('不显示您的身份');
    view.answerNextModal({ confirm: false });
    await view.tap('.page-state >>> .thread__withdraw');
    expect(view.modals.map((m) => m.title)).toEqual(['不再公开']);
    expect(await onWall()).toBe(true);

    await view.tap('.page-state >>> .thread__withdraw');
    expect(view.toasts).toContain('已撤下');
    expect(await onWall()).toBe(false);
    expect(view.has('.page-state >>> .thread__withdraw')).toBe(false);
  });
});
