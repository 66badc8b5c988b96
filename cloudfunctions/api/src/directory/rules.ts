import { createHash, randomInt } from 'node:crypto';
import { envNumber } from '../app/config';
import { secret } from '../platform/secrets';
import { DAY_MS } from '../platform/time';
import type { Delegate, DelegateAdminView, Group, ReceptionBrief, Station, StationKind } from '../../../../typings/contract';

// Pure decisions of the directory: binding codes, ordering keys, reception rosters.

export interface GroupRecord {
  _id: string;
  streetId: string;
  name: string;
  duty?: string;
  liaison?: { name: string; title?: string; phone?: string };
  /** The liaison as a person of the app (never shown publicly): they see the group's overdue messages. */
  liaisonOpenid?: string;
  sortKey: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface StationRecord {
  _id: string;
  streetId: string;
  kind: StationKind;
  name: string;
  address: string;
  location?: { latitude: number; longitude: number };
  hours?: string;
  contact?: string;
  sortKey: string;
  /** Kept by admin.receptions.create so that stations.list shows the next reception in one query. */
  upcoming: StoredReceptionBrief[];
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredReceptionBrief {
  id: string;
  startsAt: Date;
  endsAt: Date;
  theme?: string;
  delegates: { id: string; name: string }[];
}

export interface DelegateRecord {
  _id: string;
  streetId: string;
  name: string;
  title?: string;
  photo?: string;
  bio?: string;
  groupId: string;
  stationId?: string;
  active: boolean;
  /** Orders lists and carries the cursor: unique because it ends with the id. */
  sortKey: string;
  openid?: string;
  boundAt?: Date;
  /** The hash of the code staff last issued; its document in bindCodes holds expiry and use. */
  codeHash?: string;
  codeExpiresAt?: Date;
  codeUsed?: boolean;
  /** From the street office's roster (`npm run ops -- import-roster`): tells two namesakes apart; never in a view. */
  mobile?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Keyed by the code's hash, so a guess is checked by id inside the binding transaction. */
export interface BindCodeRecord {
  _id: string;
  streetId: string;
  delegateId: string;
  expiresAt: Date;
  usedBy?: string;
  usedAt?: Date;
}

/** Wrong guesses of one openid within the current window. */
export interface BindAttemptsRecord {
  _id: string;
  openid: string;
  windowStart: Date;
  failures: number;
}

export interface ReceptionRecord {
  _id: string;
  streetId: string;
  stationId: string;
  stationName: string;
  startsAt: Date;
  endsAt: Date;
  theme?: string;
  delegates: { id: string; name: string }[];
  interestCount: number;
  createdAt: Date;
}

// ---- ids and ordering

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** Short ids (12 characters) so that `d=<id>` fits WeChat's 32-character scene. */
export function newId(length = 12): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return out;
}

/** Chinese names sort by code point, which follows radical and stroke order, then by id for uniqueness. */
export function delegateSortKey(name: string, id: string): string {
  return `${name}\u0001${id}`;
}

const KIND_ORDER: Record<StationKind, number> = { home: 1, station: 2, point: 3 };

/** 家 first, then 站, then 点; by name inside a kind. */
export function stationSortKey(kind: StationKind, name: string): string {
  return `${KIND_ORDER[kind]}:${name}`;
}

/** Regex special characters are escaped so a keyword is matched literally. */
export function keywordPattern(keyword: string): string {
  return keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- binding codes

/** Without 0/O, 1/I/L: read aloud or copied from paper without mistakes. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;

/** Eight characters from 31: about 8.5e11 codes; with 10 guesses per hour a guess practically never lands. */
export function newBindCode(): string {
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** People type codes in lower case, with spaces or without the dash. */
export function normalizeBindCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-－—_]/g, '');
}

export function looksLikeBindCode(normalized: string): boolean {
  return normalized.length === CODE_LENGTH && [...normalized].every((c) => CODE_ALPHABET.includes(c));
}

/** Only this hash is stored; the pepper lives in the function's environment, not in the database. */
export function hashBindCode(normalized: string, pepper: string): string {
  return createHash('sha256').update(`${pepper}:${normalized}`).digest('hex');
}

export interface BindingPolicy {
  ttlMs: number;
  maxFailures: number;
  windowMs: number;
}

/** Failures counted in the current window; a window that has passed starts again from zero. */
export function failuresInWindow(attempts: BindAttemptsRecord | null, now: Date, policy: BindingPolicy): number {
  if (!attempts) return 0;
  return now.getTime() - new Date(attempts.windowStart).getTime() < policy.windowMs ? attempts.failures : 0;
}

export function nextAttempts(attempts: BindAttemptsRecord | null, openid: string, now: Date, policy: BindingPolicy): BindAttemptsRecord {
  const failures = failuresInWindow(attempts, now, policy);
  const windowStart = failures === 0 ? now : new Date(attempts!.windowStart);
  return { _id: attemptsId(openid), openid, windowStart, failures: failures + 1 };
}

/** Binding policy from the function's configuration: code lifetime, and wrong guesses allowed per window. */
export function bindingPolicy(): BindingPolicy & { pepper: string } {
  return {
    ttlMs: envNumber('BIND_CODE_TTL_DAYS', 7) * DAY_MS,
    maxFailures: envNumber('BIND_MAX_FAILURES', 10),
    windowMs: envNumber('BIND_WINDOW_MINUTES', 60) * 60 * 1000,
    pepper: secret('BIND_CODE_PEPPER'),
  };
}

export const attemptsId = (openid: string) => `bind:${openid}`;

export type BindVerdict = { ok: true } | { ok: false; reason: 'unknown' | 'expired' | 'used' | 'inactive' | 'already_bound_here' };

/** Why a found code cannot bind (an unknown code is decided before, by its absence). */
export function judgeBindCode(code: BindCodeRecord, delegate: DelegateRecord | null, openid: string, now: Date): BindVerdict {
  if (!delegate || delegate.codeHash !== code._id) return { ok: false, reason: 'unknown' };
  if (code.usedBy) return { ok: false, reason: code.usedBy === openid && delegate.openid === openid ? 'already_bound_here' : 'used' };
  if (new Date(code.expiresAt).getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  if (!delegate.active) return { ok: false, reason: 'inactive' };
  return { ok: true };
}

export const BIND_MESSAGES: Record<Exclude<BindVerdict, { ok: true }>['reason'] | 'limited' | 'taken', string> = {
  unknown: '绑定码不正确，请核对后重新输入',
  expired: '绑定码已过期，请联系街道人大工委重新获取',
  used: '绑定码已被使用，请联系街道人大工委重新获取',
  inactive: '该代表信息已停用，请联系街道人大工委',
  already_bound_here: '您已完成绑定，无需重复操作',
  limited: '输入错误次数过多，请一小时后再试',
  taken: '您的微信已绑定其他代表，如需更换请联系街道人大工委解绑',
};

// ---- receptions

/** Upcoming receptions a station keeps: past ones dropped, earliest first, at most `keep`. */
export function mergeUpcoming(current: StoredReceptionBrief[], added: StoredReceptionBrief, now: Date, keep = 5): StoredReceptionBrief[] {
  return [...current, added]
    .filter((r) => new Date(r.endsAt).getTime() > now.getTime())
    .sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime())
    .slice(0, keep);
}

export function nextReception(upcoming: StoredReceptionBrief[] | undefined, now: Date): StoredReceptionBrief | undefined {
  return (upcoming ?? [])
    .filter((r) => new Date(r.endsAt).getTime() > now.getTime())
    .sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime())[0];
}

// ---- views

const iso = (d: Date | string | undefined) => (d ? new Date(d).toISOString() : undefined);

export function groupView(g: GroupRecord): Group {
  return { id: g._id, name: g.name, ...(g.duty ? { duty: g.duty } : {}), ...(g.liaison ? { liaison: publicLiaison(g.liaison) } : {}) };
}

/** A mainland mobile number: 11 digits starting with 1, however it is spaced. */
const MOBILE = /^1\d{10}$/;

/** groups.list is public: a liaison's office number is shown, a personal mobile never. */
function publicLiaison(liaison: NonNullable<GroupRecord['liaison']>): NonNullable<GroupRecord['liaison']> {
  const { phone, ...rest } = liaison;
  return phone && !MOBILE.test(phone.replace(/[\s-]/g, '')) ? { ...rest, phone } : rest;
}

export function receptionBriefView(r: StoredReceptionBrief): ReceptionBrief {
  return { id: r.id, startsAt: iso(r.startsAt)!, endsAt: iso(r.endsAt)!, ...(r.theme ? { theme: r.theme } : {}), delegates: r.delegates };
}

export function stationView(s: StationRecord, now: Date): Station {
  const next = nextReception(s.upcoming, now);
  return {
    id: s._id,
    kind: s.kind,
    name: s.name,
    address: s.address,
    ...(s.location ? { location: s.location } : {}),
    ...(s.hours ? { hours: s.hours } : {}),
    ...(s.contact ? { contact: s.contact } : {}),
    ...(next ? { nextReception: receptionBriefView(next) } : {}),
  };
}

export function delegateView(d: DelegateRecord): Delegate {
  return {
    id: d._id,
    name: d.name,
    ...(d.title ? { title: d.title } : {}),
    ...(d.photo ? { photo: d.photo } : {}),
    ...(d.bio ? { bio: d.bio } : {}),
    groupId: d.groupId,
    ...(d.stationId ? { stationId: d.stationId } : {}),
    active: d.active,
    bound: Boolean(d.openid),
  };
}

export function delegateAdminView(d: DelegateRecord): DelegateAdminView {
  return {
    ...delegateView(d),
    ...(d.boundAt ? { boundAt: iso(d.boundAt) } : {}),
    ...(d.codeExpiresAt ? { codeExpiresAt: iso(d.codeExpiresAt) } : {}),
    codeUsed: Boolean(d.codeUsed),
  };
}

export function receptionView(r: ReceptionRecord) {
  return {
    ...receptionBriefView({ id: r._id, startsAt: r.startsAt, endsAt: r.endsAt, theme: r.theme, delegates: r.delegates }),
    stationId: r.stationId,
    stationName: r.stationName,
    interestCount: r.interestCount,
  };
}
