import type { ActionSpec, IsoTime, Retryable } from './common';
import type { Profile } from './identity';
import type { MessageStatus, ThreadEntry } from './messages';

/** One of the caller's own messages, as their export gives it. */
export interface MyMessage {
  id: string;
  category: string;
  title: string;
  body: string;
  /** The contact number they left, in full: it is their own. */
  phone?: string;
  status: MessageStatus;
  delegateName: string;
  isPublic: boolean;
  createdAt: IsoTime;
  thread: ThreadEntry[];
}

/** Everything the service keeps about the caller (个人信息查阅、复制权). */
export interface MyData {
  exportedAt: IsoTime;
  openid: string;
  profile: Profile;
  maskedPhone?: string;
  consent?: { version: string; at: IsoTime };
  messages: MyMessage[];
  /** True when the caller has more messages than one export carries (the newest are given). */
  messagesTruncated: boolean;
  receptions: Array<{ receptionId: string; at: IsoTime }>;
  /** Subscribe-message credits by template key. */
  notices: Record<string, number>;
  /** How votes are kept: never linked to the person, so there is nothing of theirs to give. */
  votes: string;
}

export interface PrivacyActions {
  /** The caller's own data, to read or copy. */
  'me.export': ActionSpec<Record<string, never>, MyData>;
  /** Records that the caller agreed to this version of the privacy notice (个人信息保护指引). */
  'me.consent': ActionSpec<{ version: string } & Retryable, { version: string; at: IsoTime }>;
  /**
   * Deletes the caller's account: profile, verified phone, subscriptions, registrations and limits are
   * erased; their messages stay for the delegate's record, with nothing that leads back to them.
   * Delegates and staff are unbound or revoked by staff first.
   */
  'me.delete': ActionSpec<Retryable, { deleted: true }>;
}
