import type { IsoTime, Role } from '../../typings/contract';

// How values read on screen. Times travel as ISO strings and are shown in Asia/Shanghai (UTC+8, no
// daylight saving), computed by hand because not every WeChat runtime ships time-zone data.

export const roleLabels: Record<Role, string> = {
  resident: '居民',
  delegate: '代表',
  staff: '工作人员',
};

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

function shanghaiParts(iso: IsoTime) {
  const date = new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    year: date.getUTCFullYear(),
    month: pad(date.getUTCMonth() + 1),
    day: pad(date.getUTCDate()),
    hour: pad(date.getUTCHours()),
    minute: pad(date.getUTCMinutes()),
  };
}

/** 2026-03-05 14:30 */
export function formatDateTime(iso: IsoTime): string {
  const p = shanghaiParts(iso);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** 2026-03-05 */
export function formatDate(iso: IsoTime): string {
  const p = shanghaiParts(iso);
  return `${p.year}-${p.month}-${p.day}`;
}
