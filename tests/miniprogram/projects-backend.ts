// Shared set-up of the 民生实事 page tests (issue 11): a supervising group with a bound delegate, and a
// project with a plan, an update and a 督办 record, made through the real actions.
// (Not a test file itself: jest only runs *.test.ts.)
import { STAFF_OPENID, type startTestEmulator } from '../support/emulator';
import { boundDelegate, ok } from '../cloud/messages-fixtures';
import { shanghai } from '../../cloudfunctions/api/src/platform/time';

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

/** The emulator's clock now (tests move it forward). */
export async function clockNow(emulator: TestEmulator): Promise<Date> {
  const { now } = (await (await fetch(`${emulator.url}/_emulator/clock`)).json()) as { now: string };
  return new Date(now);
}

/** Moves the emulator's clock one minute past the next first of the month in Shanghai (UTC+8) and runs the timer; answers that month (1–12). */
export async function turnMonth(emulator: TestEmulator): Promise<number> {
  const now = await clockNow(emulator);
  const next = shanghai(now).add(1, 'month').startOf('month').add(1, 'minute');
  await emulator.advanceClock(next.valueOf() - now.getTime());
  await emulator.timer();
  return next.month() + 1;
}

/** Turns months (two at most: one odd, one even) until the timer has opened a task of `kind` for the project. */
export async function untilTask(emulator: TestEmulator, projectId: string, kind: 'announce' | 'supervise'): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await turnMonth(emulator);
    if ((await emulator.collection('projectTasks')).some((t) => t.projectId === projectId && t.kind === kind)) return;
  }
  throw new Error(`no ${kind} task for ${projectId} after two months`);
}
