import { randomBytes } from 'node:crypto';

// Every staff action leaves a trace: who did what to which record, and when (docs/architecture.md#writes-the-command-shape).
// Entries are written by the command in the action's own transaction, so an action and its trace commit together.

export interface AuditRecord {
  _id: string;
  streetId: string;
  /** The contract's action name, e.g. 'admin.campaigns.close'. */
  action: string;
  /** The staff member who acted (staff act in their office's name, so this link is the point), or 'timer'. */
  actorOpenid: string;
  /** The record acted on, when the action has one. */
  subject?: string;
  /** The state change the action made, and why (docs/architecture.md#voting-lifecycle). */
  from?: string;
  to?: string;
  reason?: string;
  at: Date;
}

/** What a command adds to its audit entry: a state change and the reason given for it. */
export interface AuditTrail {
  from?: string;
  to?: string;
  reason?: string;
}

/** The actor the timer trigger acts as: its transitions are recorded like staff's. */
export const TIMER_ACTOR = 'timer';

/** Staff actions are the `admin.*` ones; residents' and delegates' writes are not audited here. */
export function isAudited(action: string): boolean {
  return action.startsWith('admin.');
}

export function auditRecord(entry: Omit<AuditRecord, '_id'>): AuditRecord {
  const record: AuditRecord = { _id: `a${randomBytes(10).toString('hex')}`, ...entry };
  // Absent, not undefined: an entry holds only what happened.
  for (const key of ['subject', 'from', 'to', 'reason'] as const) if (!record[key]) delete record[key];
  return record;
}
