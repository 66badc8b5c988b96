// Timer triggers fire on CloudBase's 7-field cron, read in China Standard Time (UTC+8).
import { cronMatches, parseCron } from '../../emulator/functions/cron';

/** A moment given in Beijing time. */
const beijing = (local: string) => new Date(`${local}+08:00`);

test("the api function's trigger, every five minutes, fires at second 0 of minutes divisible by 5", () => {
  const schedule = parseCron('0 */5 * * * * *');
  expect(cronMatches(schedule, beijing('2026-03-01T10:05:00'))).toBe(true);
  expect(cronMatches(schedule, beijing('2026-03-01T10:05:01'))).toBe(false);
  expect(cronMatches(schedule, beijing('2026-03-01T10:07:00'))).toBe(false);
  expect(cronMatches(schedule, beijing('2026-03-01T00:00:00'))).toBe(true);
});

test('hours are Beijing hours: 9 a.m. on weekdays is 01:00 UTC', () => {
  const schedule = parseCron('0 0 9 * * MON-FRI *');
  expect(cronMatches(schedule, new Date('2026-03-02T01:00:00Z'))).toBe(true); // Monday 09:00 Beijing
  expect(cronMatches(schedule, new Date('2026-03-02T09:00:00Z'))).toBe(false);
  expect(cronMatches(schedule, beijing('2026-03-01T09:00:00'))).toBe(false); // Sunday
  expect(cronMatches(schedule, beijing('2026-03-06T09:00:00'))).toBe(true); // Friday
});

test('lists, ranges with steps, month names, days of the month and years', () => {
  const schedule = parseCron('30 0,30 8-18/2 1,15 JAN,jul * 2026-2027');
  expect(cronMatches(schedule, beijing('2026-01-15T10:30:30'))).toBe(true);
  expect(cronMatches(schedule, beijing('2027-07-01T18:00:30'))).toBe(true);
  expect(cronMatches(schedule, beijing('2026-01-15T09:30:30'))).toBe(false); // 9 is not in 8-18/2
  expect(cronMatches(schedule, beijing('2026-02-15T10:30:30'))).toBe(false);
  expect(cronMatches(schedule, beijing('2028-01-01T10:00:30'))).toBe(false);
});

test('day of week counts Sunday as 0', () => {
  expect(cronMatches(parseCron('0 0 12 * * 0 *'), beijing('2026-03-01T12:00:00'))).toBe(true);
  expect(cronMatches(parseCron('0 0 12 * * 6 *'), beijing('2026-02-28T12:00:00'))).toBe(true);
});

test.each([
  ['0 */5 * * * *', /7 fields/],
  ['60 * * * * * *', /second/],
  ['0 0 25 * * * *', /hour/],
  ['0 0 0 0 * * *', /day of month/],
  ['0 0 0 * FOO * *', /month/],
  ['0 */0 * * * * *', /minute/],
  ['0 10-5 * * * * *', /minute/],
])('%s is refused', (expression, message) => {
  expect(() => parseCron(expression)).toThrow(message);
});
