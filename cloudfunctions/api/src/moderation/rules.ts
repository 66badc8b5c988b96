import type { ModerationStatus } from '../../../../typings/contract';

// msgSecCheck v2 answers a suggestion per text; a write is as strict as its worst text.

export type ContentVerdict = 'pass' | 'review' | 'risky';

const SEVERITY: Record<ContentVerdict, number> = { pass: 0, review: 1, risky: 2 };

export function worstVerdict(verdicts: ContentVerdict[]): ContentVerdict {
  return verdicts.reduce<ContentVerdict>((worst, v) => (SEVERITY[v] > SEVERITY[worst] ? v : worst), 'pass');
}

export const CONTENT_REJECTED_MESSAGE = '内容包含不宜发布的信息，请修改后再提交';

export interface ModerationRecord {
  _id: string;
  streetId: string;
  kind: 'message' | 'entry' | 'duty';
  /** The message id (for an entry, the message holding it), or the duty entry's id. */
  subjectId: string;
  entryId?: string;
  text: string;
  authorOpenid: string;
  status: ModerationStatus;
  createdAt: Date;
  decidedAt?: Date;
  decidedBy?: string;
  reason?: string;
}

export function moderationId(kind: ModerationRecord['kind'], subjectId: string, entryId?: string): string {
  if (kind === 'duty') return `d_${subjectId}`;
  return kind === 'message' ? `m_${subjectId}` : `e_${subjectId}_${entryId}`;
}

/** Only a pending item can be decided, and only once. */
export function canDecide(record: Pick<ModerationRecord, 'status'> | null): boolean {
  return record?.status === 'pending';
}

/** At most this many characters of the held text are kept for the reviewer's list. */
export const EXCERPT_MAX = 2000;
