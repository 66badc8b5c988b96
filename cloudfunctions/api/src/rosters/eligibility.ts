import type { RequestContext } from '../app/context';
import { AppError } from '../app/errors';
import { needsVerifiedPhone, notOnRoster, PHONE_REQUIRED_MESSAGE, type RosterSummary } from './rules';
import * as store from './store';

// Who may cast in a campaign, offered to voting: a resident vote checked by phone needs a verified
// phone (its hash is then the voter key: one number, one ballot, however many WeChat accounts), and a
// roster lets only its numbers vote.

/**
 * The caller's phone hash when the campaign needs one (undefined when it does not); throws the
 * FAILED_PRECONDITION a voter should read when they have not verified or are not on the roster.
 * Costs one read of the caller (shared with the role check) and, with a roster, one of its bucket.
 */
export async function voterPhoneHash(
  ctx: RequestContext,
  campaign: { _id: string; eligibility: string; verification?: string; roster?: RosterSummary | null },
): Promise<string | undefined> {
  if (!needsVerifiedPhone(campaign)) return undefined;
  const { user } = await ctx.caller();
  const phoneHash = user?.phoneHash;
  if (!phoneHash) throw new AppError('FAILED_PRECONDITION', PHONE_REQUIRED_MESSAGE);
  if (campaign.roster && !(await store.isOnRoster(campaign._id, phoneHash))) throw notOnRoster(user.maskedPhone);
  return phoneHash;
}
