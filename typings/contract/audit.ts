import type { ActionSpec, IsoTime, Page } from './common';

// The trail every staff action leaves: who did what to which record, and when. Append-only: no
// action edits or removes an entry.

export interface AuditEntry {
  id: string;
  /** The action as the contract names it, e.g. 'admin.campaigns.close'. */
  action: string;
  /** The staff member's openid, or 'timer' for what the timer trigger did ('timer' is then also the action). */
  actor: string;
  /** The record acted on, when the action has one. */
  subject?: string;
  /** A state change the action made (a campaign's status: 'open' → 'closed'). */
  from?: string;
  to?: string;
  /** Why, in the actor's words (required for an early close), or what stopped the action. */
  reason?: string;
  at: IsoTime;
}

export interface AuditActions {
  /** Newest first; `subject` narrows to one record's history (a campaign, a delegate). */
  'admin.audit.list': ActionSpec<{ subject?: string; cursor?: string }, Page<AuditEntry>>;
}
