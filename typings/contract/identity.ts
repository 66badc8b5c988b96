import type { ActionSpec, Role } from './common';

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
  profile: Profile;
}

export interface IdentityActions {
  'me.get': ActionSpec<Record<string, never>, Me>;
}
