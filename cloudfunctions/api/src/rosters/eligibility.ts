import type { RequestContext } from '../app/context';
import { AppError } from '../app/errors';
import { bucketOf, needsVerifiedPhone, notOnRoster, PHONE_REQUIRED_MESSAGE, type RosterSummary } from './rules';
import * as store from './store';

// Who may cast in a campaign, offered to voting: a resident vote checked by phone needs a verified
// phone (its hash is then the voter key: one number, one ballot, however many WeChat accounts), and a
// roster lets only its numbers vote.

type PhoneCheckedCampaign = { _id: string; status: string; eligibility: string; verification?: string; roster?: RosterSummary | null };

/** Why a caller may not vote yet, as the campaign page shows it (votes.mine) and as the cast refuses. */
export type PhoneRefusal = { blocked: 'verify_phone' } | { blocked: 'not_on_roster'; maskedPhone?: string };

/**
 * The caller's standing in a campaign checked by phone: their phone hash, or why they may not vote.
 * Null when the campaign does not check phones. Costs the caller's read (shared with the role check)
 * and, with a roster, one read of its bucket the first time this warm instance needs it.
 */
export async function phoneStanding(
  ctx: RequestContext,
  campaign: PhoneCheckedCampaign,
): Promise<{ phoneHash: string } | PhoneRefusal | null> {
  if (!needsVerifiedPhone(campaign)) return null;
  const { user } = await ctx.caller();
  const phoneHash = user?.phoneHash;
  if (!phoneHash) return { blocked: 'verify_phone' };
  if (campaign.roster && !(await onRoster(campaign, phoneHash)))
    return { blocked: 'not_on_roster', ...(user.maskedPhone ? { maskedPhone: user.maskedPhone } : {}) };
  return { phoneHash };
}

/** The caller's phone hash when the campaign needs one (undefined when it does not); throws what the voter should read. */
export async function voterPhoneHash(ctx: RequestContext, campaign: PhoneCheckedCampaign): Promise<string | undefined> {
  const standing = await phoneStanding(ctx, campaign);
  if (!standing) return undefined;
  if ('phoneHash' in standing) return standing.phoneHash;
  throw standing.blocked === 'verify_phone'
    ? new AppError('FAILED_PRECONDITION', PHONE_REQUIRED_MESSAGE)
    : notOnRoster(standing.maskedPhone);
}

/** A number verified on someone else's phone (代办投票): refused when the campaign's roster does not list it. */
export async function ensureOnRoster(campaign: PhoneCheckedCampaign, phone: { phoneHash: string; maskedPhone: string }): Promise<void> {
  if (campaign.roster && !(await onRoster(campaign, phone.phoneHash))) throw notOnRoster(phone.maskedPhone);
}

/**
 * Roster buckets this warm instance has read, for open campaigns only: a roster is frozen once voting
 * opens (ensureRosterEditable), so a copy is as good as the stored bucket and spares a vote day one
 * read per ballot once the instance has seen the bucket. Bounded: at most 256 buckets per campaign.
 */
const buckets = new Map<string, Set<string>>();
const BUCKETS_KEPT = 2_000;

async function onRoster(campaign: PhoneCheckedCampaign, phoneHash: string): Promise<boolean> {
  if (campaign.status !== 'open') return store.isOnRoster(campaign._id, phoneHash);
  const key = `${campaign._id}:${bucketOf(phoneHash)}`;
  let hashes = buckets.get(key);
  if (!hashes) {
    hashes = new Set(await store.rosterBucket(campaign._id, bucketOf(phoneHash)));
    if (buckets.size >= BUCKETS_KEPT) buckets.delete(buckets.keys().next().value!);
    buckets.set(key, hashes);
  }
  return hashes.has(phoneHash);
}
