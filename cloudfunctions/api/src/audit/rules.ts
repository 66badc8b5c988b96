import { randomBytes } from 'node:crypto';

// Every staff action leaves a trace: who did what to which record, and when (docs/architecture.md#writes-the-command-shape).
// Entries are written by the command in the action's own transaction, so an action and its trace commit together.

export interface AuditRecord {
  _id: string;
  streetId: string;
  /** The contract's action name, e.g. 'admin.campaigns.close'. */
  action: string;
  /** The staff member who acted; staff act in their office's name, so this link is the point. */
  actorOpenid: string;
  /** The record acted on, when the action has one. */
  subject?: string;
  at: Date;
}

/** Staff actions are the `admin.*` ones; residents' and delegates' writes are not audited here. */
export function isAudited(action: string): boolean {
  return action.startsWith('admin.');
}

export function auditRecord(entry: Omit<AuditRecord, '_id' | 'subject'> & { subject?: string }): AuditRecord {
  const { subject, ...rest } = entry;
  return { _id: `a${randomBytes(10).toString('hex')}`, ...rest, ...(subject ? { subject } : {}) };
}
