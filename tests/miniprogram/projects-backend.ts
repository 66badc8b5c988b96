// Shared set-up of the 民生实事 page tests (issue 11): a supervising group with a bound delegate, and a
// project with a plan, an update and a 督办 record, made through the real actions.
// (Not a test file itself: jest only runs *.test.ts.)
import { STAFF_OPENID, type startTestEmulator } from '../support/emulator';
import { boundDelegate, ok } from '../cloud/messages-fixtures';

type TestEmulator = Awaited<ReturnType<typeof startTestEmulator>>;
const DAY = 24 * 3600_000;
export const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

export interface ProjectSetup {
  groupId: string;
  projectId: string;
  delegateOpenid: string;
}

export async function projectWithPlan(emulator: TestEmulator, delegateOpenid: string, title = '老旧小区加装电梯'): Promise<ProjectSetup> {
  const groupId = (await ok(emulator.call(STAFF_OPENID, 'admin.groups.create', { name: `${title}督办组` }))).id;
  await boundDelegate(emulator, delegateOpenid, '顾督办', groupId);
  const projectId = (
    await ok(
      emulator.call(STAFF_OPENID, 'admin.projects.create', { title, summary: '为 5 个老旧小区加装电梯 12 部', category: '城市建设' }),
    )
  ).id;
  await ok(
    emulator.call(STAFF_OPENID, 'admin.projects.savePlan', {
      id: projectId,
      responsibleUnit: '街道城管科',
      deadline: inDays(200),
      safeguards: ['成立工作专班'],
      groupId,
      checkpoints: [
        { title: '完成设计', dueAt: inDays(30) },
        { title: '开工建设', dueAt: inDays(90) },
      ],
    }),
  );
  return { groupId, projectId, delegateOpenid };
}
