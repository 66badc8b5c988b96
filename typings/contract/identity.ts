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
  'admin.staff.list': ActionSpec<Record<string, never>, { items: StaffMember[] }>;
  'admin.staff.grant': ActionSpec<{ openid: string } & Retryable, { openid: string }>;
  'admin.staff.revoke': ActionSpec<{ openid: string } & Retryable, { openid: string }>;
}
