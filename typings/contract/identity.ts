import type { ActionSpec, IsoTime, Role, Retryable } from './common';

export interface Profile {
  nickname?: string;
  community?: string;
  /** Masked unless the caller is the owner. */
  phone?: string;
}

export interface Me {
  openid: string;
  roles: Role[];
  delegateId?: string;
  /** Groups whose liaison committee member this person is: they follow those groups' overdue messages. */
  liaisonGroupIds?: string[];
  profile: Profile;
  /** Whether the person has verified a phone number with WeChat (手机号快速验证); phone-verified votes need it. */
  phoneVerified: boolean;
  /** The verified number, masked (138****1234); the number itself is never stored. */
  maskedPhone?: string;
  /** The privacy notice version the person agreed to; the app asks again when it differs from PRIVACY_NOTICE_VERSION. */
  privacyConsent?: string;
  /** The cloud storage folder this person uploads photos to (`uploads/<hash>`): only files there may be attached. */
  uploadFolder: string;
}

export interface StaffMember {
  openid: string;
  nickname?: string;
  /** Bootstrap staff come from configuration and cannot be revoked in the app. */
  bootstrap: boolean;
  grantedAt?: IsoTime;
}

export interface IdentityActions {
  'me.get': ActionSpec<Record<string, never>, Me>;
  /** Fields sent replace the stored ones; an empty string clears a field. */
  'me.update': ActionSpec<Profile & Retryable, { profile: Profile }>;
  /** `code` from `<button open-type="getPhoneNumber">`; stores only a keyed hash and the masked number. */
  'me.verifyPhone': ActionSpec<{ code: string } & Retryable, { maskedPhone: string }>;
  'admin.staff.list': ActionSpec<Record<string, never>, { items: StaffMember[] }>;
  'admin.staff.grant': ActionSpec<{ openid: string } & Retryable, { openid: string }>;
  'admin.staff.revoke': ActionSpec<{ openid: string } & Retryable, { openid: string }>;
  /**
   * A one-time invitation, good for 24 hours: to become staff, or with `groupId` to become that
   * group's liaison committee member. The code is shown once, to the staff member who asked, to hand
   * on (no openid to type). Sent once: a repeat would issue a second code.
   */
  'admin.staff.invite': ActionSpec<{ groupId?: string }, { code: string; expiresAt: IsoTime }>;
  /** The invited person enters the code on 我的 (audited, naming who invited): staff, or a group's liaison. */
  'me.claimInvite': ActionSpec<{ code: string } & Retryable, { roles: Role[]; liaisonGroupIds?: string[] }>;
}
