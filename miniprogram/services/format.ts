import type { Role } from '../../typings/contract';

// How values read on screen. Times: services/time.ts.

export const roleLabels: Record<Role, string> = {
  resident: '居民',
  delegate: '代表',
  staff: '工作人员',
};
