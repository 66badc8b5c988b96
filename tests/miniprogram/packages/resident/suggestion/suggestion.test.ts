import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, ok } from '../../../../cloud/messages-fixtures';

// 代表建议 (issue 12, item 3): the public sees answered suggestions; the filing delegate rates the
// answer, and 不满意 (confirmed first) sends it back for 重新办理.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let id: string;
beforeAll(async () => {
  emulator = await startTestEmulator();
  await boundDelegate(emulator, 'page-rate-delegate', '吴建议');
  id = (
    await ok(
      emulator.call('page-rate-delegate', 'suggestions.submit', {
        title: '社区食堂延长供餐时间',
        body: '长者食堂只供午餐，建议增加晚餐供应，方便独居老人。',
        category: '养老服务',
      }),
    )
  ).id;
  await ok(
    emulator.call(STAFF_OPENID, 'admin.suggestions.assign', {
      id,
      unit: '街道社会事业科',
      dueAt: new Date(Date.now() + 20 * 86400_000).toISOString(),
    }),
  );
  await ok(emulator.call(STAFF_OPENID, 'admin.suggestions.answer', { id, answer: '已与运营方协商，下月起试行晚餐供应。', class: 'B' }));
});
afterAll(() => emulator.stop());

describe('代表建议', () => {
  it('is public once answered: the list and the page show the unit, the class and the answer', async () => {
    const list = await renderPage('packages/resident/suggestions/suggestions', { emulator, openid: 'page-rate-public' });
    expect(list.text('.page-state')).toContain('社区食堂延长供餐时间');
    await list.tap(`.page-state >>> .suggestions__row--${id}`);
    expect(list.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/resident/suggestion/suggestion?id=${id}` }]);

    const view = await renderPage('packages/resident/suggestion/suggestion', { emulator, openid: 'page-rate-public', options: { id } });
    expect(view.text()).toContain('已与运营方协商，下月起试行晚餐供应。');
    expect(view.text()).toContain('B 类 · 列入计划');
    expect(view.text()).toContain('承办单位：街道社会事业科');
    expect(view.has('.page-state >>> .suggestion__rate')).toBe(false);
  });

  it('the filing delegate rates; 不满意 asks first, a cancel writes nothing, a confirm sends it back', async () => {
    const view = await renderPage('packages/resident/suggestion/suggestion', { emulator, openid: 'page-rate-delegate', options: { id } });
    view.answerNextModal({ confirm: false });
    await view.tap('.page-state >>> .suggestion__rate--dissatisfied');
    expect(view.modals.pop()).toMatchObject({ title: '评价为不满意' });
    expect(view.apiCalls.filter((c) => c.action === 'suggestions.rate')).toHaveLength(0);

    await view.tap('.page-state >>> .suggestion__rate--dissatisfied');
    expect(view.toasts).toContain('已退回重新办理');
    expect(view.text()).toContain('办理中（第 2 轮）');
    expect(view.text()).toContain('重新办理');
    expect(view.has('.page-state >>> .suggestion__rate')).toBe(false);
  });
});
