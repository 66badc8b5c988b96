import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { IsoTime } from '../../typings/contract';

// The mini-program's one way to tell time (docs/architecture.md#time). Times travel as ISO strings
// and read as a clock in Jiangsu reads them: Asia/Shanghai, UTC+8 all year. A fixed offset needs no
// time-zone data, which not every WeChat runtime ships.
dayjs.extend(utc);

const SHANGHAI_OFFSET_MINUTES = 8 * 60;
const WEEKDAYS = '日一二三四五六';

/** An instant (now when omitted) on a Shanghai clock. */
export function shanghai(at?: IsoTime | number | Date): Dayjs {
  return (at === undefined ? dayjs() : dayjs(at)).utcOffset(SHANGHAI_OFFSET_MINUTES);
}

/** 2026-03-05 14:30 */
export function formatDateTime(iso: IsoTime): string {
  return shanghai(iso).format('YYYY-MM-DD HH:mm');
}

/** 2026-03-05 */
export function formatDate(iso: IsoTime): string {
  return shanghai(iso).format('YYYY-MM-DD');
}

/** A Shanghai day as the server sends it (YYYY-MM-DD), read: 2026年3月5日 */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${year}年${month}月${date}日`;
}

/** 12月1日 周二 14:00–16:30 */
export function formatSpan(startsAt: IsoTime, endsAt: IsoTime): string {
  const start = shanghai(startsAt);
  return `${start.format('M月D日')} 周${WEEKDAYS[start.day()]} ${start.format('HH:mm')}–${shanghai(endsAt).format('HH:mm')}`;
}

/** This month in Shanghai, as YYYY-MM. */
export function currentMonth(): string {
  return shanghai().format('YYYY-MM');
}

/** The Shanghai date `days` from today, as YYYY-MM-DD (for date pickers). */
export function dateFromToday(days: number): string {
  return shanghai().add(days, 'day').format('YYYY-MM-DD');
}

/** "2026-03-01 09:00" (or a date and a time apart) read on a Shanghai clock, as an ISO instant with its offset. */
export function shanghaiInstant(date: string, time?: string): IsoTime {
  const local = time === undefined ? date.trim() : `${date.trim()} ${time.trim()}`;
  return dayjs.utc(local.replace(' ', 'T')).utcOffset(SHANGHAI_OFFSET_MINUTES, true).format('YYYY-MM-DDTHH:mm:ssZ');
}

/** Whether the instant has passed on this phone's clock (a hint only; the server decides). */
export function hasPassed(iso: IsoTime): boolean {
  return dayjs(iso).valueOf() <= Date.now();
}
