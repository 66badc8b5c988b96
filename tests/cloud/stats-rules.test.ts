import { figuresOf, type MessageRecord } from '../../cloudfunctions/api/src/messages/rules';
import { countsDelta, delegateStats, flatten, monthCounts, nest, sumCounts, yearSummary } from '../../cloudfunctions/api/src/stats/rules';

// The street's public figures as counters: what one message counts for, what a write changes, and the
// figures read back from the summed counters.

const HOUR = 3600_000;
const sent = new Date('2026-05-10T02:00:00Z'); // 10:00 in Shanghai, May 2026

function message(over: Partial<MessageRecord> = {}): MessageRecord {
  return {
    _id: 'm1',
    streetId: 's',
    residentOpenid: 'r',
    delegateId: 'd1',
    delegateName: '王代表',
    delegateOpenid: 'o',
    groupId: 'g',
    stationId: 'st1',
    category: '环境卫生',
    title: '路灯',
    body: '路灯坏了',
    photos: [],
    isPublic: false,
    status: 'pending',
    thread: [],
    createdAt: sent,
    updatedAt: sent,
    ...over,
  } as MessageRecord;
}

test('a held or refused message counts for nothing; a pending one is collected by its year, month, station and delegate', () => {
  expect(figuresOf(message({ status: 'held' }), 3)).toEqual({});
  expect(figuresOf(message({ status: 'rejected' }), 3)).toEqual({});
  expect(figuresOf(message(), 3)).toEqual({
    'years.2026.collected': 1,
    'months.2026-05.collected': 1,
    'months.2026-05.stations.st1.collected': 1,
    'delegates.d1.received': 1,
  });
});

test('a first reply, a resolution and a rating each move exactly their counters', () => {
  const before = message();
  const replied = message({ status: 'replied', firstResponseAt: new Date(sent.getTime() + 5.5 * HOUR) });
  expect(countsDelta(figuresOf(before, 3), figuresOf(replied, 3))).toEqual({
    'years.2026.replied': 1,
    'delegates.d1.replied': 1,
    'delegates.d1.withinSla': 1,
    'delegates.d1.h5': 1,
  });
  const resolved = { ...replied, status: 'resolved' as const, resolvedAt: new Date(sent.getTime() + 48 * HOUR) };
  expect(countsDelta(figuresOf(replied, 3), figuresOf(resolved, 3))).toEqual({
    'years.2026.resolved': 1,
    'months.2026-05.resolved': 1,
    'months.2026-05.stations.st1.resolved': 1,
  });
  // 不满意 reopens: rated, not content; the month's resolved count drops again.
  const unhappy = { ...resolved, status: 'replied' as const, satisfaction: 'dissatisfied' as const };
  expect(countsDelta(figuresOf(resolved, 3), figuresOf(unhappy, 3))).toEqual({
    'years.2026.rated': 1,
    'delegates.d1.rated': 1,
    'months.2026-05.resolved': -1,
    'months.2026-05.stations.st1.resolved': -1,
  });
  // Closing a resolved message changes no figure: no write.
  expect(countsDelta(figuresOf(resolved, 3), figuresOf({ ...resolved, status: 'closed' }, 3))).toEqual({});
});

test('figures read back from the summed counters; response statistics need at least 10 messages', () => {
  const nine = Array.from({ length: 9 }, () => figuresOf(message(), 3));
  const record = nest(sumCounts(nine)) as any;
  expect(delegateStats('d1', record.delegates.d1)).toEqual({ delegateId: 'd1', received: 9, sufficient: false });
  const ten = Array.from({ length: 10 }, (_, i) =>
    figuresOf(
      message({
        status: 'replied',
        firstResponseAt: new Date(sent.getTime() + (i + 1) * 10 * HOUR),
        satisfaction: i < 3 ? 'satisfied' : i === 3 ? 'dissatisfied' : undefined,
      }),
      3,
    ),
  );
  const counts = nest(sumCounts(ten)) as any;
  // Hours 10, 20 … 100: the median is between 50 and 60, each counted as the middle of its hour.
  expect(delegateStats('d1', counts.delegates.d1)).toEqual({
    delegateId: 'd1',
    received: 10,
    sufficient: true,
    repliedWithinSla: 7,
    repliedWithinSlaRate: 0.7,
    medianFirstReplyHours: 55.5,
  });
  // Four ratings: below the minimum sample, so no satisfaction rate, for the delegate or the year.
  expect(yearSummary(2026, counts)).toEqual({ year: 2026, collected: 10, replied: 10, resolved: 0 });
  expect(yearSummary(2027, counts)).toEqual({ year: 2027, collected: 0, replied: 0, resolved: 0 });
  expect(monthCounts(counts, '2026-05', 'st1')).toEqual({ collected: 10, resolved: 0 });
  expect(monthCounts(counts, '2026-06')).toEqual({ collected: 0, resolved: 0 });
  expect(flatten({ _id: 's', ...counts })).toEqual(sumCounts(ten));
});

test('each figure needs its own minimum sample: a rate from 10 ratings, a median from 10 first replies', () => {
  const rated = (n: number, replied: number) =>
    nest(
      sumCounts(
        Array.from({ length: 12 }, (_, i) =>
          figuresOf(
            message({
              status: i < replied ? 'replied' : 'pending',
              ...(i < replied ? { firstResponseAt: new Date(sent.getTime() + 2 * HOUR) } : {}),
              ...(i < n ? { satisfaction: i === 0 ? 'dissatisfied' : 'satisfied' } : {}),
            }),
            3,
          ),
        ),
      ),
    ) as any;
  expect(delegateStats('d1', rated(9, 9).delegates.d1)).toEqual({
    delegateId: 'd1',
    received: 12,
    sufficient: true,
    repliedWithinSla: 9,
    repliedWithinSlaRate: 0.75,
  });
  expect(delegateStats('d1', rated(10, 10).delegates.d1)).toMatchObject({ medianFirstReplyHours: 2.5, satisfactionRate: 0.9 });
  expect(yearSummary(2026, rated(9, 9)).satisfactionRate).toBeUndefined();
  expect(yearSummary(2026, rated(10, 10)).satisfactionRate).toBe(0.9);
});
