import { randomInt } from 'node:crypto';
import { keyedHash } from '../platform/secrets';
import type { Profile, Role, StaffMember } from '../../../../typings/contract';

export interface UserRecord {
  _id: string; // the openid
  streetId: string;
  profile: Profile;
  /** Staff granted in the app (bootstrap staff come from configuration). */
  staff?: boolean;
  staffGrantedAt?: Date;
  staffGrantedBy?: string;
  /** Set when the person has bound a delegate record with a binding code. */
  delegateId?: string;
  /** Groups this person follows as liaison committee member; kept by the directory. */
  liaisonGroupIds?: string[];
  /** Keyed hash of the number verified with WeChat (identity/phone.ts); never the number. */
  phoneHash?: string;
  /** The verified number as people may see it: 138****1234. */
  maskedPhone?: string;
  phoneVerifiedAt?: Date;
  /** The privacy notice version the person agreed to, and when (privacy/actions.ts). */
  privacyConsent?: { version: string; at: Date };
  /** 民生实事 the person follows (projects.follow): they hear of each progress update. */
  followedProjects?: string[];
  createdAt?: Date;
  updatedAt?: Date;
}

/** Everyone is a resident; delegate by binding; staff by configuration or by grant. */
export function rolesOf(user: UserRecord | null, isBootstrapStaff: boolean): Role[] {
  const roles: Role[] = ['resident'];
  if (user?.delegateId) roles.push('delegate');
  if (isBootstrapStaff || user?.staff) roles.push('staff');
  return roles;
}

/** A new user's record; people are known by openid before they ever write anything. */
export function newUser(openid: string, streetId: string, now: Date): UserRecord {
  return { _id: openid, streetId, profile: {}, createdAt: now, updatedAt: now };
}

/** Sent fields replace stored ones; an empty string clears the field. */
export function mergeProfile(current: Profile, change: Profile): Profile {
  const next: Profile = { ...current };
  for (const key of ['nickname', 'community', 'phone'] as const) {
    const value = change[key];
    if (value === undefined) continue;
    if (value === '') delete next[key];
    else next[key] = value;
  }
  return next;
}

/** Bootstrap staff first (they cannot be revoked here), then granted staff. */
export function staffMembers(bootstrap: Iterable<string>, granted: UserRecord[]): StaffMember[] {
  const fromConfig = [...bootstrap].map((openid) => ({ openid, bootstrap: true }));
  const seen = new Set(fromConfig.map((m) => m.openid));
  const fromGrant = granted
    .filter((u) => !seen.has(u._id))
    .map((u) => ({
      openid: u._id,
      bootstrap: false,
      ...(u.profile?.nickname ? { nickname: u.profile.nickname } : {}),
      ...(u.staffGrantedAt ? { grantedAt: new Date(u.staffGrantedAt).toISOString() } : {}),
    }));
  return [...fromConfig, ...fromGrant];
}

/** A number as WeChat's 手机号快速验证 shares it. */
export interface PhoneParts {
  countryCode: string;
  purePhoneNumber: string;
}

/**
 * One spelling per number (E.164: +8613812341234), so the same number verified by two accounts,
 * or listed in a roster, hashes alike.
 */
export function normalisedPhone({ countryCode, purePhoneNumber }: PhoneParts): string {
  return `+${countryCode.replace(/\D/g, '')}${purePhoneNumber.replace(/\D/g, '')}`;
}

/** 138****1234: the first three and last four digits; shorter numbers keep only their last two. */
export function maskedPhone({ purePhoneNumber }: PhoneParts): string {
  const digits = purePhoneNumber.replace(/\D/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(digits.length - 2, 0))}${digits.slice(-2)}`;
}

// ---- staff invitations: a one-time code instead of a 28-character openid to type

/** Letters and digits without look-alikes (0/O, 1/I/L): a code read aloud or typed from a chat is unambiguous. */
const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITE_LIFETIME_MS = 24 * 3600_000;

/** Ten characters in two groups (31^10 ≈ 8×10^14: not guessable within a day's life). */
export function newInviteCode(): string {
  const chars = Array.from({ length: 10 }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** Typed back by people: ignore case, spaces and dashes. */
export const normalizeInviteCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/** Only a keyed hash of the code is stored (with the binding codes' pepper): a backup reveals no live invitation. */
export const inviteId = (code: string) => keyedHash('BIND_CODE_PEPPER', 'staff-invite', normalizeInviteCode(code));

export interface StaffInviteRecord {
  _id: string;
  streetId: string;
  /** Absent: an invitation to become staff; present: to become this group's liaison. */
  groupId?: string;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  claimedBy?: string;
  claimedAt?: Date;
}

/** Why an invitation cannot be claimed now, or null when it can. */
export function inviteRefusal(invite: StaffInviteRecord | null, streetId: string, now: Date): string | null {
  if (!invite || invite.streetId !== streetId) return '邀请码不正确，请核对后重新输入';
  if (invite.claimedBy) return '这个邀请码已经用过了，请向工作人员重新索取';
  if (invite.expiresAt.getTime() <= now.getTime()) return '这个邀请码已过期（24 小时内有效），请向工作人员重新索取';
  return null;
}
