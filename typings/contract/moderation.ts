import type { ActionSpec, IsoTime, Page, Retryable } from './common';

export type ModerationStatus = 'pending' | 'approved' | 'rejected';

/** A text the content check flagged for review, held until staff decide. */
export interface ModerationItem {
  id: string;
  /** What was held: a new message, an entry (reply, note, comment) in a message's thread, a delegate's duty entry. */
  kind: 'message' | 'entry' | 'duty' | 'supervision';
  subjectId: string;
  text: string;
  status: ModerationStatus;
  createdAt: IsoTime;
  decidedAt?: IsoTime;
}

export interface ModerationActions {
  'admin.moderation.list': ActionSpec<{ status?: ModerationStatus; cursor?: string }, Page<ModerationItem>>;
  'admin.moderation.approve': ActionSpec<{ id: string } & Retryable, { status: ModerationStatus }>;
  'admin.moderation.reject': ActionSpec<{ id: string; reason?: string } & Retryable, { status: ModerationStatus }>;
}
