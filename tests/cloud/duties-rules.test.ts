import {
  checkDate,
  checkTargets,
  countsOf,
  messageMonthEntries,
  monthsOf,
  progressOf,
  statsOf,
  targetsMetOf,
  zeroCounts,
} from '../../cloudfunctions/api/src/duties/rules';
import { AppError } from '../../cloudfunctions/api/src/app/errors';

// Pure rules of 履职手册 and 履职清单 (docs/architecture.md#duties).

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
};

const at = new Date('2026-12-03T02:00:00Z'); // 10:00 on 3 December in Shanghai

test('a day is a real calendar day, not after today in Shanghai, from two years back', () => {
  expect(checkDate('2026-12-03', at)).toBe(2026);
  expect(checkDate('2024-01-01', at)).toBe(2024);
  expect(refusal(() => checkDate('2026-12-04', at))).toMatchObject({ field: 'date', message: '「日期」不能晚于今天' });
  expect(refusal(() => checkDate('2026-02-29', at))).toMatchObject({ field: 'date' });
  expect(refusal(() => checkDate('2026-1-5', at))).toMatchObject({ field: 'date' });
  expect(refusal(() => checkDate('2023-12-31', at))).toMatchObject({ field: 'date', message: '只能记录 2024 年以来的履职' });
  // Just after midnight in Shanghai the new day is already today.
  expect(checkDate('2026-12-04', new Date('2026-12-03T16:00:00Z'))).toBe(2026);
});

test('targets: one per kind, kept in the kinds order', () => {
  expect(
    checkTargets([
      { kind: '学习培训', required: 1 },
      { kind: '接待选民', required: 4 },
    ]),
  ).toEqual([
    { kind: '接待选民', required: 4 },
    { kind: '学习培训', required: 1 },
  ]);
  expect(
    refusal(() =>
      checkTargets([
        { kind: '其他', required: 1 },
        { kind: '其他', required: 2 },
      ]),
    ),
  ).toMatchObject({ field: 'targets.1.kind' });
});

test('answered messages count one entry per Shanghai month', () => {
  const months = monthsOf([new Date('2026-04-30T16:30:00Z'), new Date('2026-05-20T00:00:00Z'), new Date('2026-04-30T15:00:00Z')]);
  expect([...months.entries()]).toEqual([
    ['2026-05', 2],
    ['2026-04', 1],
  ]);
  expect(messageMonthEntries(months).map((e) => [e.date, e.title])).toEqual([
    ['2026-05-01', '网上答复选民留言 2 条'],
    ['2026-04-01', '网上答复选民留言 1 条'],
  ]);
});

test('counts leave out refused entries; progress and targets met follow', () => {
  const counts = countsOf(
    [
      { kind: '接待选民', status: 'shown' },
      { kind: '接待选民', status: 'held' },
      { kind: '接待选民', status: 'rejected' },
    ],
    [{ kind: '接待选民' }, { kind: '提出建议' }],
  );
  expect(counts).toMatchObject({ 接待选民: 3, 提出建议: 1, 其他: 0 });
  const targets = [
    { kind: '接待选民' as const, required: 4 },
    { kind: '提出建议' as const, required: 1 },
  ];
  expect(progressOf(targets, counts)).toEqual([
    { kind: '接待选民', required: 4, done: 3 },
    { kind: '提出建议', required: 1, done: 1 },
  ]);
  expect(targetsMetOf(targets, counts)).toBe(1);
});

test('statistics: delegates by total, groups summed, a group without delegates left out', () => {
  const a = { ...zeroCounts(), 接待选民: 4 };
  const b = { ...zeroCounts(), 接待选民: 1, 其他: 5 };
  const { groups, delegates } = statsOf(
    [
      { _id: 'd1', name: '甲', groupId: 'g1' },
      { _id: 'd2', name: '乙', groupId: 'g1' },
      { _id: 'd3', name: '丙', groupId: 'g2' },
    ],
    [
      { _id: 'g1', name: '一组' },
      { _id: 'g2', name: '二组' },
      { _id: 'g3', name: '空组' },
    ],
    new Map([
      ['d1', a],
      ['d2', b],
    ]),
    [{ kind: '接待选民', required: 4 }],
  );
  expect(delegates.map((d) => [d.delegateId, d.total, d.targetsMet])).toEqual([
    ['d2', 6, 0],
    ['d1', 4, 1],
    ['d3', 0, 0],
  ]);
  expect(groups.map((g) => [g.groupId, g.delegates, g.total, g.delegatesMet])).toEqual([
    ['g1', 2, 10, 1],
    ['g2', 1, 0, 0],
  ]);
});
