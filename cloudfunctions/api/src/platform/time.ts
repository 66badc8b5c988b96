import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

// The function's one way to tell time (docs/architecture.md#time). People here live in Asia/Shanghai:
// UTC+8 all year, no daylight saving, so a fixed offset is exact and needs no time-zone data.
dayjs.extend(utc);

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;
const SHANGHAI_OFFSET_MINUTES = 8 * 60;
/** The environment id the emulator's function runtime reports; a CloudBase env id always has a suffix. */
const EMULATOR_ENV = 'emulator';

/**
 * The function's notion of "now". The emulator can move time forward for tests of deadlines
 * (binding code expiry, service levels, campaign windows) by setting EMULATOR_NOW_OFFSET_MS per
 * invocation. Only the emulator's runtime (TCB_ENV "emulator", emulator/functions/platform-env.json)
 * is believed: in a real environment a stray variable must never move deadlines.
 */
export function now(env: NodeJS.ProcessEnv = process.env): Date {
  if (env.TCB_ENV !== EMULATOR_ENV) return new Date();
  const offset = Number(env.EMULATOR_NOW_OFFSET_MS ?? 0);
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0));
}

/** An instant as a clock in Jiangsu reads it. */
export function shanghai(at: Date | string | number): Dayjs {
  return dayjs(at).utcOffset(SHANGHAI_OFFSET_MINUTES);
}

/** The instant `days` whole days before `at`. */
export function daysBefore(at: Date, days: number): Date {
  return new Date(at.getTime() - days * DAY_MS);
}

/** The resident's day as they live it, e.g. 2026-05-01: daily limits reset at local midnight. */
export function shanghaiDay(at: Date): string {
  return shanghai(at).format('YYYY-MM-DD');
}

/** The Shanghai year of `at`, and its 1 January 00:00 as an instant. */
export function shanghaiYearStart(at: Date): { year: number; start: Date } {
  const start = shanghai(at).startOf('year');
  return { year: start.year(), start: start.toDate() };
}

/** A month `YYYY-MM` in Shanghai as the instants it starts and ends. */
export function shanghaiMonth(month: string): { from: Date; to: Date } {
  const from = dayjs.utc(`${month}-01T00:00:00`).utcOffset(SHANGHAI_OFFSET_MINUTES, true);
  return { from: from.toDate(), to: from.add(1, 'month').toDate() };
}

/** A Shanghai year as the instants it starts and ends. */
export function shanghaiYear(year: number): { from: Date; to: Date } {
  const from = dayjs.utc(`${String(year).padStart(4, '0')}-01-01T00:00:00`).utcOffset(SHANGHAI_OFFSET_MINUTES, true);
  return { from: from.toDate(), to: from.add(1, 'year').toDate() };
}

/** The Shanghai month of an instant, e.g. 2026-05. */
export function shanghaiMonthOf(at: Date): string {
  return shanghai(at).format('YYYY-MM');
}
