import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, ok } from '../../../../cloud/messages-fixtures';

// 代表建议交办 (issue 12, item 3): staff assign a suggestion to a unit with a due date and record the
// answer with its class; each step is confirmed, and a cancel writes nothing.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let id: string;
beforeAll(async () => {
  emulator = await startTestEmulator();
  await boundDelegate(emulator, 'page-sg-delegate', '周建议');
  id = (
    await ok(
      emulator.call('page-sg-delegate', 'suggestions.submit', {
        title: '学校周边增设护学岗',
        body: '上下学高峰学校门口拥堵，建议增设护学岗并划定临时停车区。',
        category: '交通出行',
      }),
    )
  ).id;
});
afterAll(() => emulator.stop());

describe('代表建议交办', () => {
  it('assigns after a confirmation (a cancel writes nothing), then records the answer and its class', async () => {
    const view = await renderPage('packages/admin/suggestions/suggestions', { emulator, openid: STAFF_OPENID });
    expect(view.text('.page-state')).toContain('学校周边增设护学岗');
    await view.tap(`.page-state >>> .staff-suggestions__row--${id} .staff-suggestions__assign`);
    await view.fire('.page-state >>> .staff-suggestions__unit', 'change', { value: '街道平安办' });

    view.answerNextModal({ confirm: false });
    await view.tap('.page-state >>> .staff-suggestions__confirm');
    expect(view.modals.pop()).toMatchObject({ title: '交办承办单位', content: expect.stringContaining('街道平安办') });
    expect(view.apiCalls.filter((c) => c.action === 'admin.suggestions.assign')).toHaveLength(0);

    await view.tap('.page-state >>> .staff-suggestions__confirm');
    expect(view.toasts).toContain('已交办');
    const assign = view.apiCalls.find((c) => c.action === 'admin.suggestions.assign')!;
    expect(assign.payload).toMatchObject({ id, unit: '街道平安办', dueAt: expect.stringMatching(/T23:59:00\+08:00$/) });

    await view.tapText('.staff-suggestions__tabs >>> .t-tabs__item', '办理中');
    await view.tap(`.page-state >>> .staff-suggestions__row--${id} .staff-suggestions__answer`);
    await view.fire('.page-state >>> .staff-suggestions__answer-text', 'change', {
      value: '已在两所学校门口设置护学岗，每天早晚各一小时。',
    });
    await view.tap('.page-state >>> .staff-suggestions__confirm');
    expect(view.text('.page-state >>> .staff-suggestions__error')).toBe('请选择答复类别');
    await view.tap('.page-state >>> .staff-suggestions__class--A');
    await view.tap('.page-state >>> .staff-suggestions__confirm');
    expect(view.toasts).toContain('答复已登记');
    expect(await ok(emulator.call('anyone-at-all', 'suggestions.get', { id }))).toMatchObject({
      status: 'answered',
      answerClass: 'A',
      unit: '街道平安办',
    });
  });

  it('is closed to residents', async () => {
    const view = await renderPage('packages/admin/suggestions/suggestions', { emulator, openid: 'page-sg-resident' });
    expect(view.text()).toContain('权限');
  });
});
