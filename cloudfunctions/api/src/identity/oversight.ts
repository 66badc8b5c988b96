import type { RequestContext } from '../app/context';
import { ensure } from '../app/errors';

// Who oversees the 专业代表小组 (docs/architecture.md#duties): staff every group of the street, a group's
// liaison committee member (the group's `liaisonOpenid`, kept on their user record as liaisonGroupIds)
// the groups they follow. One rule for every list they read: overdue messages, duty statistics, 督办 tasks.

export interface Oversight {
  staff: boolean;
  /** The groups to read: null for every group of the street (staff, no group asked). */
  groupIds: string[] | null;
}

/**
 * The caller's oversight, narrowed to `groupId` when one is asked. Anyone who is neither staff nor a
 * liaison is refused with `refusal`; a liaison asking for a group they do not follow, by the group.
 */
export async function oversightOf(ctx: RequestContext, groupId: string | undefined, refusal: string): Promise<Oversight> {
  const staff = await ctx.hasRole('staff');
  const followed = staff ? [] : (await ctx.caller()).liaisonGroupIds;
  ensure(staff || followed.length > 0, 'PERMISSION_DENIED', refusal);
  ensure(staff || !groupId || followed.includes(groupId), 'PERMISSION_DENIED', '您不是该小组的联系委员', 'groupId');
  return { staff, groupIds: groupId ? [groupId] : staff ? null : followed };
}
