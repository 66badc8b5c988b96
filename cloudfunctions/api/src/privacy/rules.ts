import type { Role } from '../../../../typings/contract';
import { envNumber } from '../app/config';
import { DAY_MS } from '../platform/time';

// Personal information, by law (PIPL) and by WeChat's rules: what a person may see and erase of
// theirs, and how long the service keeps what it needs only for a while (docs/architecture.md#privacy).

/** What a deleted account's messages keep in place of the writer: nobody can sign in as it. */
export const ERASED_WRITER = 'erased';

/** At most this many of a person's messages go into one export (the newest): residents send few. */
export const EXPORT_MESSAGES_MAX = 500;

export const VOTES_STATEMENT = '投票只记录选票本身，不记录是谁投的票，因此没有与您关联的投票记录。';

export interface RetentionPolicy {
  /** A closed message's contact number is erased this long after it was resolved. */
  phoneDays: number;
  /** Rate-limit counters, sent or failed notices, idempotency records and binding attempts live this long. */
  recordDays: number;
}

export function retentionPolicy(): RetentionPolicy {
  return { phoneDays: envNumber('RETENTION_PHONE_DAYS', 180), recordDays: envNumber('RETENTION_RECORD_DAYS', 30) };
}

export function retentionCutoffs(now: Date, policy: RetentionPolicy): { phones: Date; records: Date } {
  return { phones: new Date(now.getTime() - policy.phoneDays * DAY_MS), records: new Date(now.getTime() - policy.recordDays * DAY_MS) };
}

/** Why an account cannot delete itself yet, or null: a delegate's or staff member's role is ended by staff first. */
export function deletionRefusal(roles: Role[]): string | null {
  if (roles.includes('delegate')) return '您是人大代表，请先联系工委工作人员解除代表绑定，再注销账号';
  if (roles.includes('staff')) return '您是工作人员，请先由其他工作人员撤销您的权限，再注销账号';
  return null;
}
