import { AppError, ensure } from '../app/errors';
import type { PhoneParts } from '../identity/rules';

// Pure decisions about eligibility rosters: reading a file of numbers, where a number's hash is kept,
// when a roster may change, and what a voter is told. No I/O here.

/** Most distinct numbers one roster holds: a large community's households, with room to spare. */
export const ROSTER_MAX_PHONES = 10_000;
/** Most characters of one file (about 10,000 lines of a number and a name). */
export const ROSTER_MAX_CHARS = 300_000;
/** Line numbers named in a refusal; the rest are counted. */
const LINES_NAMED = 10;

/** What a campaign record keeps about its roster (the numbers themselves are hashed in `rosters`). */
export interface RosterSummary {
  count: number;
  importedAt: Date;
  importedBy: string;
  /** Bucket keys in use, so a replacement removes the ones it no longer needs. */
  buckets: string[];
}

/** One bucket document per leading two hex digits of the hash: a vote reads one small document. */
export interface RosterBucket {
  _id: string;
  campaignId: string;
  streetId: string;
  hashes: string[];
}

export const bucketOf = (phoneHash: string) => phoneHash.slice(0, 2);
export const rosterBucketId = (campaignId: string, bucket: string) => `${campaignId}:roster-${bucket}`;

/** Groups hashes by bucket, each bucket sorted (so a replacement with the same numbers writes the same documents). */
export function bucketsOf(hashes: Iterable<string>): Map<string, string[]> {
  const buckets = new Map<string, string[]>();
  for (const hash of hashes) {
    const key = bucketOf(hash);
    buckets.set(key, [...(buckets.get(key) ?? []), hash]);
  }
  for (const list of buckets.values()) list.sort();
  return buckets;
}

// ---- reading a file

/** A mainland mobile, as people write it: 138 1234 1234, 138-1234-1234, +86 13812341234, 008613812341234. */
export function rosterPhone(cell: string): PhoneParts | null {
  const compact = cell.replace(/[\s\-()（）]/g, '');
  const match = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/.exec(compact);
  return match ? { countryCode: '86', purePhoneNumber: match[1] } : null;
}

/** A cell someone meant as a phone number: digits (and separators) only, at least 7 of them. */
const looksLikeNumber = (cell: string) => /^\+?\d{7,}$/.test(cell.replace(/[\s\-()（）]/g, ''));

export interface ParsedRoster {
  phones: PhoneParts[];
  duplicates: number;
}

/**
 * Reads a roster file: CSV (or tab-separated) text, one household a line; every cell that is a
 * number must be a mainland mobile and each line needs at least one. A first line without digits is
 * a header. Blank lines are skipped. Any bad line refuses the whole file, naming its line numbers.
 */
export function parseRoster(text: string): ParsedRoster {
  ensure(
    text.length <= ROSTER_MAX_CHARS,
    'INVALID_ARGUMENT',
    `名册文件过大（最多 ${ROSTER_MAX_CHARS / 1000}k 个字符），请分社区导入`,
    'csv',
  );
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const seen = new Map<string, PhoneParts>();
  const bad: number[] = [];
  let duplicates = 0;
  let headerAllowed = true;
  lines.forEach((line, index) => {
    const cells = line
      .split(/[,，\t;；]/)
      .map((cell) =>
        cell
          .trim()
          .replace(/^["']|["']$/g, '')
          .trim(),
      )
      .filter(Boolean);
    if (cells.length === 0) return;
    if (headerAllowed && !/\d/.test(line)) {
      headerAllowed = false;
      return;
    }
    headerAllowed = false;
    const numbers = cells.filter(looksLikeNumber);
    const phones = numbers.map(rosterPhone);
    if (phones.length === 0 || phones.some((p) => p === null)) {
      bad.push(index + 1);
      return;
    }
    for (const phone of phones as PhoneParts[]) {
      if (seen.has(phone.purePhoneNumber)) duplicates++;
      else seen.set(phone.purePhoneNumber, phone);
    }
  });
  if (bad.length) {
    const named = bad.slice(0, LINES_NAMED).join('、');
    const more = bad.length > LINES_NAMED ? `等 ${bad.length} 行` : '';
    throw new AppError(
      'INVALID_ARGUMENT',
      `名册第 ${named} 行${more}没有有效的手机号（11 位，以 1 开头）。请改正后重新导入，本次未保存任何号码`,
      'csv',
    );
  }
  ensure(seen.size > 0, 'INVALID_ARGUMENT', '名册中没有手机号：每行写一户的手机号，可附姓名等其他列', 'csv');
  ensure(seen.size <= ROSTER_MAX_PHONES, 'INVALID_ARGUMENT', `名册最多 ${ROSTER_MAX_PHONES} 个号码，请分社区导入`, 'csv');
  return { phones: [...seen.values()], duplicates };
}

// ---- when a roster may change, and who it lets vote

/**
 * Who may vote is one of the rules, so a roster changes only while they may (a draft): scheduling
 * freezes it with the rest, and staff unschedule to change it before the opening.
 */
const EDITABLE_STATUSES = new Set(['draft']);

/** A roster changes only before voting starts, and only on a resident vote checked by phone. */
export function ensureRosterEditable(
  campaign: { status: string; eligibility: string; verification?: string },
  change: 'attach' | 'remove',
): void {
  ensure(
    EDITABLE_STATUSES.has(campaign.status),
    'FAILED_PRECONDITION',
    campaign.status === 'scheduled' ? '已排期的票选规则已冻结：请先撤回为草稿，再更改住户名册' : '投票开始后不能再更改住户名册',
    'campaignId',
  );
  if (change === 'remove') return;
  ensure(campaign.eligibility === 'residents', 'FAILED_PRECONDITION', '代表票决不使用住户名册', 'campaignId');
  ensure(campaign.verification === 'phone', 'FAILED_PRECONDITION', '名册按手机号核对：请先把本次投票设为“需验证手机号”', 'campaignId');
}

/** Whether a voter must have verified a phone: resident votes checked by phone, or with a roster. */
export function needsVerifiedPhone(campaign: { eligibility: string; verification?: string; roster?: RosterSummary | null }): boolean {
  return campaign.eligibility === 'residents' && (campaign.verification === 'phone' || Boolean(campaign.roster));
}

export const PHONE_REQUIRED_MESSAGE = '本次投票需要先验证手机号（一个号码只能投一票）。请点击“验证手机号”，验证后即可投票';

export const notOnRoster = (maskedPhone: string | undefined) =>
  new AppError(
    'FAILED_PRECONDITION',
    `您验证的手机号${maskedPhone ? ` ${maskedPhone} ` : ''}不在本次投票的住户名册中，不能参加本次投票。如有疑问，请联系社区工作人员`,
  );
