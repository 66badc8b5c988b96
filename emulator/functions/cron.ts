// CloudBase timer triggers: a 7-field cron `sec min hour day-of-month month day-of-week year`,
// evaluated in China Standard Time (UTC+8) as the real service does.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

const FIELDS = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { name: 'year', min: 1970, max: 2099 },
] as const;

const CHINA_OFFSET_MINUTES = 8 * 60;

export type CronSchedule = Set<number>[];

/** Parses a 7-field expression; throws with the offending field on anything it cannot read. */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 7) throw new Error(`cron "${expression}": expected 7 fields, got ${parts.length}`);
  return parts.map((part, index) => parseField(part, FIELDS[index], expression));
}

/** True when the schedule fires at this second. */
export function cronMatches(schedule: CronSchedule, at: Date): boolean {
  const local = dayjs(at).utcOffset(CHINA_OFFSET_MINUTES);
  const values = [local.second(), local.minute(), local.hour(), local.date(), local.month() + 1, local.day(), local.year()];
  return values.every((value, index) => schedule[index].has(value));
}

function parseField(part: string, field: (typeof FIELDS)[number], expression: string): Set<number> {
  const values = new Set<number>();
  const fail = () => new Error(`cron "${expression}": bad ${field.name} "${part}"`);
  const number = (text: string) => {
    const upper = text.toUpperCase();
    const named = 'names' in field ? (field.names as readonly string[]).indexOf(upper) : -1;
    const value = named >= 0 ? named + field.min : /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(value >= field.min && value <= field.max)) throw fail();
    return value;
  };
  for (const item of part.split(',')) {
    const [range, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw fail();
    let from: number;
    let to: number;
    if (range === '*' || range === '?') [from, to] = [field.min, field.max];
    else if (range.includes('-')) [from, to] = range.split('-').map(number) as [number, number];
    else [from, to] = [number(range), stepText === undefined ? number(range) : field.max];
    if (from > to) throw fail();
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}
