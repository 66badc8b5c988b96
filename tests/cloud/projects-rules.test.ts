import {
  afterUpdate,
  dueAlerts,
  isDelayed,
  isOnTime,
  nextAlertAt,
  planOf,
  ratingSummaryOf,
  shanghaiMonthOf,
  type ProjectRecord,
} from '../../cloudfunctions/api/src/projects/rules';
import { announcementDraft, cycleKindOf } from '../../cloudfunctions/api/src/projects/cycle';
import { projectsCsv } from '../../cloudfunctions/api/src/projects/open-data';
import { refusal } from './voting-fixtures';

// 民生实事 (issue 11): the project's rules as pure functions.

const DAY = 24 * 3600_000;
const at = new Date('2027-03-10T02:00:00Z');
const group = { _id: 'g1', name: '城乡建设组' };

function project(over: Partial<ProjectRecord> = {}): ProjectRecord {
  return {
    _id: 'p1',
    streetId: 's',
    projectId: 'p1',
    year: 2027,
    title: '老旧小区加装电梯',
    summary: '加装电梯 12 部',
    category: '城市建设',
    votes: 10,
    status: 'planning',
    percent: 0,
    createdAt: new Date('2027-01-05T00:00:00Z'),
    ...over,
  };
}
const input = (over: Record<string, unknown> = {}) => ({
  responsibleUnit: '街道城管科',
  deadline: '2027-10-31T16:00:00.000Z',
  startAt: '2027-03-01T00:00:00.000Z',
  safeguards: ['专班推进'],
  groupId: 'g1',
  checkpoints: [
    { title: '完成设计', dueAt: '2027-05-01T00:00:00.000Z' },
    { title: '开工', dueAt: '2027-04-01T00:00:00.000Z' },
  ],
  ...over,
});
const planned = () => {
  const { plan, seq } = planOf(project(), input(), group, 'staff-1', at);
  return project({ status: 'in_progress', plan, seq });
};

describe('the plan', () => {
  it('orders checkpoints by date and numbers them', () => {
    const { plan, seq } = planOf(project(), input(), group, 'staff-1', at);
    expect(plan.checkpoints.map((c) => [c.id, c.title])).toEqual([
      ['c2', '开工'],
      ['c1', '完成设计'],
    ]);
    expect([plan.revision, seq, plan.groupName]).toEqual([1, 2, '城乡建设组']);
  });

  it('refuses dates out of order, checkpoints outside the plan, an unknown group, an unexplained revision', () => {
    expect(refusal(() => planOf(project(), input({ startAt: '2027-11-01T00:00:00Z' }), group, 's', at)).field).toBe('startAt');
    expect(refusal(() => planOf(project(), input({ deadline: '2027-03-01T00:00:00Z', startAt: undefined }), group, 's', at)).field).toBe(
      'deadline',
    );
    expect(
      refusal(() => planOf(project(), input({ checkpoints: [{ title: '竣工', dueAt: '2027-12-01T00:00:00Z' }] }), group, 's', at)),
    ).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'checkpoints.0.dueAt',
    });
    expect(
      refusal(() => planOf(project(), input({ checkpoints: [{ title: '早', dueAt: '2027-02-01T00:00:00Z' }] }), group, 's', at)).field,
    ).toBe('checkpoints.0.dueAt');
    expect(refusal(() => planOf(project(), input(), null, 's', at))).toMatchObject({ field: 'groupId', message: '代表小组不存在' });
    expect(refusal(() => planOf(planned(), input(), group, 's', at)).field).toBe('reason');
    expect(refusal(() => planOf(project({ status: 'completed' }), input(), group, 's', at)).code).toBe('FAILED_PRECONDITION');
  });
});

describe('progress', () => {
  it('never goes down without a reason; 100% needs every checkpoint; a checkpoint is reached once', () => {
    const p = { ...planned(), percent: 40 };
    expect(refusal(() => afterUpdate(p, { body: 'x', percent: 30 }, 's', at))).toMatchObject({
      field: 'percent',
      code: 'INVALID_ARGUMENT',
    });
    expect(afterUpdate(p, { body: 'x', percent: 30, reason: '工程量调整' }, 's', at).update.reason).toBe('工程量调整');
    expect(refusal(() => afterUpdate(p, { body: 'x', percent: 100 }, 's', at)).message).toContain('开工');
    const { next } = afterUpdate(p, { body: 'x', percent: 50, checkpointId: 'c2' }, 's', at);
    expect(next.plan!.checkpoints.find((c) => c.id === 'c2')!.doneAt).toEqual(at);
    expect(refusal(() => afterUpdate(next, { body: 'x', percent: 60, checkpointId: 'c2' }, 's', at)).field).toBe('checkpointId');
    const done = afterUpdate(next, { body: 'x', percent: 100, checkpointId: 'c1' }, 's', at).next;
    expect(done).toMatchObject({ status: 'completed', completedAt: at, percent: 100 });
    expect(isOnTime(done)).toBe(true);
    expect(refusal(() => afterUpdate(project(), { body: 'x', percent: 10 }, 's', at)).code).toBe('FAILED_PRECONDITION');
  });

  it('is delayed once a checkpoint passes unreached', () => {
    const p = planned();
    expect(isDelayed(p, at)).toBe(false);
    expect(isDelayed(p, new Date('2027-04-02T00:00:00Z'))).toBe(true);
  });
});

describe('overdue items: remind once, escalate after 7 days', () => {
  it('moves from nothing to reminded to escalated, and the next alert time follows', () => {
    const p = planned();
    const due = new Date('2027-04-01T00:00:00Z');
    expect(nextAlertAt(p)).toEqual(due);
    expect(dueAlerts(p, new Date(due.getTime() - 1)).items).toEqual([]);
    const first = dueAlerts(p, new Date(due.getTime() + DAY));
    expect(first.items.map((i) => [i.key, i.step])).toEqual([['cp:c2', 'reminded']]);
    const reminded = { ...p, alerts: first.alerts };
    expect(nextAlertAt(reminded)).toEqual(new Date(due.getTime() + 7 * DAY));
    expect(dueAlerts(reminded, new Date(due.getTime() + 2 * DAY)).items).toEqual([]);
    const later = dueAlerts(reminded, new Date(due.getTime() + 7 * DAY));
    expect(later.items.map((i) => [i.key, i.step])).toEqual([['cp:c2', 'escalated']]);
  });
});

describe('the monthly cycle in Asia/Shanghai', () => {
  it('the month turns at 16:00 UTC on the last day; odd months announce, even months supervise', () => {
    expect(shanghaiMonthOf(new Date('2027-01-31T15:59:59Z'))).toBe('2027-01');
    expect(shanghaiMonthOf(new Date('2027-01-31T16:00:00Z'))).toBe('2027-02');
    expect(cycleKindOf('2027-01')).toBe('announce');
    expect(cycleKindOf('2027-02')).toBe('supervise');
    expect(cycleKindOf('2027-11')).toBe('announce');
    expect(cycleKindOf('2027-12')).toBe('supervise');
  });

  it('the announcement draft holds the last two months’ updates and checkpoints', () => {
    let p = planned();
    p = afterUpdate(p, { body: '设计招标完成', percent: 10 }, 's', new Date('2027-01-20T02:00:00Z')).next;
    p = afterUpdate(p, { body: '一号楼开工', percent: 30, checkpointId: 'c2' }, 's', new Date('2027-03-20T02:00:00Z')).next;
    p = afterUpdate(p, { body: '五月的进展', percent: 40 }, 's', new Date('2027-05-02T02:00:00Z')).next;
    const draft = announcementDraft(p, '2027-05');
    expect(draft).toContain('【民生实事进展公告】老旧小区加装电梯（2027年5月）');
    expect(draft).toContain('3月20日：一号楼开工（30%）');
    expect(draft).toContain('完成节点「开工」');
    expect(draft).not.toContain('设计招标完成');
    expect(draft).not.toContain('五月的进展');
    expect(draft).toContain('下一节点：完成设计，计划 5月1日 完成。');
  });
});

describe('rating and open data', () => {
  it('sums ratings and rounds the satisfaction rate', () => {
    expect(ratingSummaryOf({ a: 'satisfied', b: 'basically_satisfied', c: 'dissatisfied' })).toEqual({
      satisfied: 1,
      basically_satisfied: 1,
      dissatisfied: 1,
      total: 3,
      satisfactionRate: 67,
    });
  });

  it('the CSV quotes commas and defuses formulas', () => {
    const csv = projectsCsv([project({ title: '=HYPERLINK("x")', summary: '一, 二' })]);
    expect(csv.split('\n')[1]).toBe(`"'=HYPERLINK(""x"")",项目,2027-01-05,"一, 二",0,制定方案,,`);
  });
});
