import { daysBefore, DAY_MS, now, shanghaiDay, shanghaiMonth, shanghaiYearStart } from '../../cloudfunctions/api/src/platform/time';
import { formatShanghaiTime } from '../../cloudfunctions/api/src/notify/rules';
import { projectYear } from '../../cloudfunctions/api/src/projects/rules';

// People here live in Asia/Shanghai (UTC+8, no daylight saving): days, months and years turn at local midnight.

test('days and years are those of Asia/Shanghai', () => {
  expect(shanghaiDay(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
  expect(shanghaiDay(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
  expect(shanghaiYearStart(new Date('2025-12-31T17:00:00Z'))).toEqual({ year: 2026, start: new Date('2025-12-31T16:00:00Z') });
  expect(projectYear(new Date('2026-12-31T16:30:00Z'))).toBe(2027);
});

test('a Shanghai month starts at 16:00 UTC of the previous day', () => {
  expect(shanghaiMonth('2026-05')).toEqual({ from: new Date('2026-04-30T16:00:00Z'), to: new Date('2026-05-31T16:00:00Z') });
  expect(shanghaiMonth('2026-12').to).toEqual(new Date('2026-12-31T16:00:00Z'));
  expect(shanghaiMonth('2028-02')).toEqual({ from: new Date('2028-01-31T16:00:00Z'), to: new Date('2028-02-29T16:00:00Z') });
});

test('times read as a clock in Jiangsu reads them', () => {
  expect(formatShanghaiTime(new Date('2026-04-30T16:30:00Z'))).toBe('2026年05月01日 00:30');
  expect(daysBefore(new Date('2026-05-10T00:00:00Z'), 3)).toEqual(new Date('2026-05-07T00:00:00Z'));
  expect(DAY_MS).toBe(86_400_000);
});

test("the emulator's clock offset moves time only under the emulator", () => {
  const dayAhead = String(DAY_MS);
  const before = Date.now();
  const emulated = now({ TCB_ENV: 'emulator', EMULATOR_NOW_OFFSET_MS: dayAhead }).getTime();
  expect(emulated).toBeGreaterThanOrEqual(before + DAY_MS);
  // A real environment's id (always with a suffix) ignores a stray offset: deadlines stay real.
  const real = now({ TCB_ENV: 'yzt-prod-4g7x2k1c', EMULATOR_NOW_OFFSET_MS: dayAhead }).getTime();
  expect(real).toBeLessThan(before + DAY_MS);
  expect(now({ EMULATOR_NOW_OFFSET_MS: dayAhead }).getTime()).toBeLessThan(before + DAY_MS);
});
