import { STAFF_OPENID, startTestEmulator } from '../../../../support/emulator';
import { renderPage } from '../../../../support/miniprogram';
import { ok } from '../../../../cloud/messages-fixtures';
import { projectWithPlan } from '../../../projects-backend';
import { shanghai } from '../../../../../cloudfunctions/api/src/platform/time';

// 实施方案 (issue 11, items 2 and 7): staff fill the plan with date pickers and a checkpoint list; a
// refused plan shows the server's Chinese message and saves nothing; a second save is a 方案调整 that
// asks for its reason and keeps the reached checkpoint.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let projectId: string;
beforeAll(async () => {
  emulator = await startTestEmulator();
  await projectWithPlan(emulator, 'page-plan-delegate', '已有方案的项目');
  projectId = (
    await ok(
      emulator.call(STAFF_OPENID, 'admin.projects.create', { title: '社区长者食堂', summary: '新建 2 个长者食堂', category: '养老服务' }),
    )
  ).id;
});
afterAll(() => emulator.stop());

const year = shanghai(Date.now()).year();

describe('实施方案', () => {
  it('saves a first plan from the pickers and the checkpoint list; a date out of order is refused first', async () => {
    const view = await renderPage('packages/admin/project-plan/project-plan', {
      emulator,
      openid: STAFF_OPENID,
      options: { id: projectId },
    });
    expect(view.text('.page-state')).toContain('社区长者食堂');
    await view.fire('.page-state >>> .plan__unit', 'change', { value: '街道社会事业科' });
    await view.fire('.page-state >>> .plan__group', 'change', { value: '0' });
    await view.fire('.page-state >>> .plan__safeguard--0', 'change', { value: '委托专业机构运营' });
    await view.fire('.page-state >>> .plan__checkpoint--0 .plan__checkpoint-title', 'change', { value: '完成选址' });
    await view.tap('.page-state >>> .plan__add-checkpoint');
    await view.fire('.page-state >>> .plan__checkpoint--1 .plan__checkpoint-title', 'change', { value: '开门营业' });
    await view.fire('.page-state >>> .plan__checkpoint--1 .plan__checkpoint-date', 'change', { value: `${year + 2}-01-31` });

    await view.tap('.page-state >>> .plan__save');
    expect(view.text('.page-state >>> .plan__error')).toContain('晚于完成期限');
    expect((await ok(emulator.call(STAFF_OPENID, 'projects.get', { id: projectId }))).plan).toBeUndefined();

    await view.fire('.page-state >>> .plan__deadline', 'change', { value: `${year + 2}-03-31` });
    await view.tap('.page-state >>> .plan__save');
    expect(view.toasts).toContain('方案已保存');
    expect(view.navigations).toContainEqual({ kind: 'navigateBack' });
    const saved = view.apiCalls.filter((c) => c.action === 'admin.projects.savePlan').pop()!;
    expect(saved.payload).toMatchObject({ deadline: `${year + 2}-03-31T23:59:00+08:00`, safeguards: ['委托专业机构运营'] });
    const detail = await ok(emulator.call(STAFF_OPENID, 'projects.get', { id: projectId }));
    expect(detail.plan.checkpoints.map((c: any) => c.title)).toEqual(['完成选址', '开门营业']);
    expect(detail.project.status).toBe('in_progress');
  });

  it('a revision needs a reason; the reached checkpoint stays and cannot be removed', async () => {
    await ok(
      emulator.call(STAFF_OPENID, 'admin.projects.postUpdate', {
        id: projectId,
        body: '选址确定在幸福里。',
        percent: 20,
        checkpointId: 'c1',
      }),
    );
    const view = await renderPage('packages/admin/project-plan/project-plan', {
      emulator,
      openid: STAFF_OPENID,
      options: { id: projectId },
    });
    expect(view.has('.page-state >>> .plan__reason')).toBe(true);
    // The reached checkpoint offers no delete and its title is fixed.
    expect(view.has('.page-state >>> .plan__checkpoint--0 .plan__remove')).toBe(false);
    expect(view.has('.page-state >>> .plan__checkpoint--1 .plan__remove')).toBe(true);
    await view.tap('.page-state >>> .plan__save');
    expect(view.text('.page-state >>> .plan__error')).toContain('调整实施方案需要说明理由');
    await view.fire('.page-state >>> .plan__reason', 'change', { value: '选址调整，营业推迟一个月' });
    await view.tap('.page-state >>> .plan__save');
    expect(view.toasts).toContain('方案已调整');
    const detail = await ok(emulator.call('anyone', 'projects.get', { id: projectId }));
    expect(detail.plan).toMatchObject({ revision: 2, reason: '选址调整，营业推迟一个月' });
    expect(detail.revisions).toHaveLength(1);
  });

  it('is closed to residents: the editor is not offered', async () => {
    const view = await renderPage('packages/admin/project-plan/project-plan', {
      emulator,
      openid: 'page-plan-resident',
      options: { id: projectId },
    });
    expect(view.text('.page-state')).toContain('只有工作人员可以制定');
    expect(view.has('.page-state >>> .plan__save')).toBe(false);
  });
});
