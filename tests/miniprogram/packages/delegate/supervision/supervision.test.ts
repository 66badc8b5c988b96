import { startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { boundDelegate, ok } from '../../../../cloud/messages-fixtures';
import { projectWithPlan, untilTask } from '../../../projects-backend';

// 记录督办 (issue 11, items 4 and 7): a delegate of the supervising group records the visit with a rating
// and requests due by a date; a delegate of another group cannot; the 督办 task in the workbench leads here.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let projectId: string;
beforeAll(async () => {
  emulator = await startTestEmulator();
  ({ projectId } = await projectWithPlan(emulator, 'page-sv-member', '背街小巷整治'));
  await boundDelegate(emulator, 'page-sv-outsider', '钱其他');
});
afterAll(() => emulator.stop());

describe('记录督办', () => {
  it('a delegate of the group records findings, a rating and a request after confirming', async () => {
    const view = await renderPage('packages/delegate/supervision/supervision', {
      emulator,
      openid: 'page-sv-member',
      options: { projectId },
    });
    expect(view.text('.page-state')).toContain('背街小巷整治');
    await view.fire('.page-state >>> .supervision__findings', 'change', { value: '路面铺装完成一半，排水沟未清理。' });
    await view.tap('.page-state >>> .supervision__submit');
    expect(view.text('.page-state >>> .supervision__error')).toBe('请选择督办评价');
    await view.tap('.page-state >>> .supervision__rating--minor_issues');
    await view.tap('.page-state >>> .supervision__add-request');
    await view.fire('.page-state >>> .supervision__request--0 .supervision__request-text', 'change', { value: '月底前清理排水沟' });
    view.answerNextModal({ confirm: false });
    await view.tap('.page-state >>> .supervision__submit');
    expect(view.apiCalls.filter((c) => c.action === 'supervisions.record')).toHaveLength(0);
    await view.tap('.page-state >>> .supervision__submit');
    expect(view.toasts).toContain('督办已记录');
    const detail = await ok(emulator.call('anyone', 'projects.get', { id: projectId }));
    expect(detail.supervisions[0]).toMatchObject({ rating: 'minor_issues', requests: [{ text: '月底前清理排水沟', status: 'open' }] });
  });

  it('a delegate of another group is told plainly that it is not theirs', async () => {
    const view = await renderPage('packages/delegate/supervision/supervision', {
      emulator,
      openid: 'page-sv-outsider',
      options: { projectId },
    });
    expect(view.text('.page-state')).toContain('只有工作人员和该项目督办小组的代表可以记录督办');
    expect(view.has('.page-state >>> .supervision__submit')).toBe(false);
  });

  it('the workbench lists the group’s 督办 task once the even month begins, and opens the form', async () => {
    await untilTask(emulator, projectId, 'supervise');
    const view = await renderPage('packages/delegate/workbench/workbench', { emulator, openid: 'page-sv-member' });
    expect(view.text('.page-state >>> .workbench__supervision')).toContain('背街小巷整治');
    await view.tap(`.page-state >>> .workbench__task`);
    expect(view.navigations).toEqual([{ kind: 'navigateTo', url: `/packages/delegate/supervision/supervision?projectId=${projectId}` }]);
    const other = await renderPage('packages/delegate/workbench/workbench', { emulator, openid: 'page-sv-outsider' });
    expect(other.text('.page-state >>> .workbench__supervision')).toContain('暂无待督办');
  });
});
