import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { ok } from '../../../../cloud/messages-fixtures';
import { projectWithPlan, turnMonth } from '../../../projects-backend';

// 民生实事管理 (issue 11, items 1, 4 and 7): staff see the month's cycle tasks the timer opened (单月公告 /
// 双月督办) and the year's projects, and add a project the delegates' 票决 decided, then go on to its plan.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let projectId: string;
beforeAll(async () => {
  emulator = await startTestEmulator();
  ({ projectId } = await projectWithPlan(emulator, 'page-adm-delegate', '口袋公园'));
});
afterAll(() => emulator.stop());

describe('民生实事管理', () => {
  it('shows the month’s task once the first of the month has passed, and opens the matching form', async () => {
    const before = await renderPage('packages/admin/projects/projects', { emulator, openid: STAFF_OPENID });
    expect(before.text('.page-state')).toContain('本月没有公告或督办任务');
    expect(before.text('.page-state')).toContain('口袋公园');

    const month = await turnMonth(emulator);

    const view = await renderPage('packages/admin/projects/projects', { emulator, openid: STAFF_OPENID });
    expect(view.text('.page-state')).toContain(`${month}月的任务`);
    const kind = month % 2 === 1 ? 'announce' : 'supervise';
    expect(view.text(`.page-state >>> .staff-projects__task--${kind}`)).toContain('口袋公园');
    await view.tap(`.page-state >>> .staff-projects__task--${kind}`);
    expect(view.navigations.pop()).toEqual({
      kind: 'navigateTo',
      url:
        kind === 'announce'
          ? `/packages/admin/project-update/project-update?id=${projectId}&draft=1`
          : `/packages/delegate/supervision/supervision?projectId=${projectId}`,
    });
  });

  it('adds a project decided by the delegates’ 票决; a bad one shows the message and adds nothing', async () => {
    const view = await renderPage('packages/admin/projects/projects', { emulator, openid: STAFF_OPENID });
    await view.tap('.page-state >>> .staff-projects__create-toggle');
    await view.fire('.page-state >>> .staff-projects__title-input', 'change', { value: '短' });
    await view.fire('.page-state >>> .staff-projects__summary-input', 'change', { value: '为辖区 3 所学校增设护学岗' });
    await view.fire('.page-state >>> .staff-projects__category-input', 'change', { value: '交通出行' });
    await view.tap('.page-state >>> .staff-projects__create-confirm');
    expect(view.text('.page-state >>> .staff-projects__error')).toContain('项目名称');
    const count = async () => (await ok(emulator.call(STAFF_OPENID, 'projects.list', {}))).items.length;
    const before = await count();

    await view.fire('.page-state >>> .staff-projects__title-input', 'change', { value: '学校护学岗' });
    await view.tap('.page-state >>> .staff-projects__create-confirm');
    expect(view.toasts).toContain('已添加');
    expect(await count()).toBe(before + 1);
    expect(view.navigations.pop()?.url).toMatch(/^\/packages\/admin\/project-plan\/project-plan\?id=pj/);
  });

  it('is closed to residents', async () => {
    const view = await renderPage('packages/admin/projects/projects', { emulator, openid: 'page-adm-resident' });
    expect(view.text()).toContain('权限');
  });
});
