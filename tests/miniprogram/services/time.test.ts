import {
  currentMonth,
  dateFromToday,
  formatDate,
  formatDateTime,
  formatSpan,
  shanghai,
  shanghaiInstant,
} from '../../../miniprogram/services/time';

// Residents read times as a clock in Jiangsu does, whatever time zone the phone is set to.

test('instants read on a Shanghai clock', () => {
  expect(formatDateTime('2026-04-30T16:30:00Z')).toBe('2026-05-01 00:30');
  expect(formatDate('2026-04-30T15:59:00Z')).toBe('2026-04-30');
  expect(formatSpan('2026-12-01T06:00:00Z', '2026-12-01T08:30:00Z')).toBe('12月1日 周二 14:00–16:30');
});

test('what staff type in Shanghai time becomes an instant with its offset', () => {
  expect(shanghaiInstant('2026-03-01 09:00')).toBe('2026-03-01T09:00:00+08:00');
  expect(shanghaiInstant('2026-03-01', '14:30')).toBe('2026-03-01T14:30:00+08:00');
  expect(new Date(shanghaiInstant('2026-03-01 00:15')).toISOString()).toBe('2026-02-28T16:15:00.000Z');
});

test('today and this month are Shanghai’s', () => {
  expect(currentMonth()).toBe(shanghai().format('YYYY-MM'));
  expect(dateFromToday(7)).toBe(shanghai().add(7, 'day').format('YYYY-MM-DD'));
});
