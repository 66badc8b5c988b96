import * as z from 'zod';
import { uploadFolderOf } from '../moderation/rules';
import type { DataOf, IdentityActions, PayloadOf } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { AppError, ensure } from '../app/errors';
import { id, phone, phoneCode, requestId, text } from '../app/validation';
import { phoneIdentityOf, type PhoneIdentity } from './phone';
import { INVITE_LIFETIME_MS, inviteId, inviteRefusal, mergeProfile, newInviteCode, newUser, rolesOf, staffMembers } from './rules';
import { getGroupInTx, linkLiaisonInTx } from '../directory/store';
import * as store from './store';

const openid = () =>
  z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_\-]+$/);

async function me(_input: PayloadOf<'me.get'>, ctx: RequestContext): Promise<DataOf<'me.get'>> {
  const { user, roles, delegateId, liaisonGroupIds } = await ctx.caller();
  return {
    openid: ctx.openid,
    roles,
    ...(delegateId ? { delegateId } : {}),
    ...(liaisonGroupIds.length ? { liaisonGroupIds } : {}),
    profile: user?.profile ?? {},
    phoneVerified: Boolean(user?.phoneHash),
    ...(user?.phoneHash && user.maskedPhone ? { maskedPhone: user.maskedPhone } : {}),
    ...(user?.privacyConsent ? { privacyConsent: user.privacyConsent.version } : {}),
    uploadFolder: uploadFolderOf(ctx.openid),
  };
}

const profileInput = z.strictObject({
  nickname: z.union([z.literal(''), text(1, 20)]).optional(),
  community: z.union([z.literal(''), text(1, 40)]).optional(),
  phone: z.union([z.literal(''), phone()]).optional(),
  requestId: requestId().optional(),
});

async function updateProfile(input: PayloadOf<'me.update'>, ctx: RequestContext): Promise<DataOf<'me.update'>> {
  return runCommand(ctx, async ({ tx }) => {
    const user = (await store.getUserInTx(tx, ctx.openid)) ?? newUser(ctx.openid, ctx.streetId, ctx.now);
    const next = { ...user, profile: mergeProfile(user.profile ?? {}, input), updatedAt: ctx.now };
    await store.putUserInTx(tx, next);
    return { profile: next.profile };
  });
}

async function verifyPhone(input: PayloadOf<'me.verifyPhone'>, ctx: RequestContext): Promise<DataOf<'me.verifyPhone'>> {
  // Asked once, outside the transaction's retries: WeChat honours a code only once. A repeat of the
  // same request (same requestId) gets the stored first answer and never asks again.
  let phone: Promise<PhoneIdentity> | undefined;
  return runCommand(ctx, async ({ tx }) => {
    const { phoneHash, maskedPhone } = await (phone ??= phoneIdentityOf(input.code));
    const user = (await store.getUserInTx(tx, ctx.openid)) ?? newUser(ctx.openid, ctx.streetId, ctx.now);
    await store.putUserInTx(tx, { ...user, phoneHash, maskedPhone, phoneVerifiedAt: ctx.now, updatedAt: ctx.now });
    return { maskedPhone };
  });
}

async function listStaff(_input: PayloadOf<'admin.staff.list'>, ctx: RequestContext): Promise<DataOf<'admin.staff.list'>> {
  return { items: staffMembers(ctx.config.adminOpenids, await store.listGrantedStaff(ctx.streetId)) };
}

async function grantStaff(input: PayloadOf<'admin.staff.grant'>, ctx: RequestContext): Promise<DataOf<'admin.staff.grant'>> {
  return runCommand(
    ctx,
    async ({ tx }) => {
      const user = (await store.getUserInTx(tx, input.openid)) ?? newUser(input.openid, ctx.streetId, ctx.now);
      if (!user.staff)
        await store.putUserInTx(tx, { ...user, staff: true, staffGrantedAt: ctx.now, staffGrantedBy: ctx.openid, updatedAt: ctx.now });
      return { openid: input.openid };
    },
    { subject: input.openid },
  );
}

async function invite(input: PayloadOf<'admin.staff.invite'>, ctx: RequestContext): Promise<DataOf<'admin.staff.invite'>> {
  const code = newInviteCode();
  const expiresAt = new Date(ctx.now.getTime() + INVITE_LIFETIME_MS);
  // The code itself is answered once and stored nowhere (only its keyed hash): the audit entry names the invitation's id.
  const id = inviteId(code);
  await runCommand(
    ctx,
    async ({ tx }) => {
      if (input.groupId) {
        const group = await getGroupInTx(tx, input.groupId);
        ensure(group && group.streetId === ctx.streetId, 'NOT_FOUND', '该代表小组不存在', 'groupId');
      }
      const groupId = input.groupId ? { groupId: input.groupId } : {};
      await store.insertInviteInTx(tx, {
        _id: id,
        streetId: ctx.streetId,
        ...groupId,
        invitedBy: ctx.openid,
        createdAt: ctx.now,
        expiresAt,
      });
      return { id };
    },
    { subject: id, trail: { to: input.groupId ? `liaison:${input.groupId}` : 'staff' } },
  );
  return { code, expiresAt: expiresAt.toISOString() };
}

/** The invited person becomes staff, or the group's liaison; the audit entry names who invited them. */
async function claimInvite(input: PayloadOf<'me.claimInvite'>, ctx: RequestContext): Promise<DataOf<'me.claimInvite'>> {
  const id = inviteId(input.code);
  let trail = { to: '', reason: '' };
  return runCommand(
    ctx,
    async ({ tx }) => {
      const invite = await store.getInviteInTx(tx, id);
      const refusal = inviteRefusal(invite, ctx.streetId, ctx.now);
      if (refusal) throw new AppError('FAILED_PRECONDITION', refusal, 'code');
      const { invitedBy, groupId } = invite!;
      await store.claimInviteInTx(tx, id, ctx.openid, ctx.now);
      const user = (await store.getUserInTx(tx, ctx.openid)) ?? newUser(ctx.openid, ctx.streetId, ctx.now);
      let next = user;
      if (groupId) {
        // The group's liaison moves to this person (the previous one no longer follows it).
        const group = await getGroupInTx(tx, groupId);
        if (!group) throw new AppError('FAILED_PRECONDITION', '邀请的代表小组已不存在，请向工作人员重新索取', 'code');
        await linkLiaisonInTx(tx, group, ctx.openid, ctx.now);
        next = { ...user, liaisonGroupIds: [...(user.liaisonGroupIds ?? []).filter((g) => g !== groupId), groupId] };
        trail = { to: `liaison:${groupId}`, reason: `凭邀请码成为${group.name}小组联系委员（邀请人 ${invitedBy}）` };
      } else {
        if (!user.staff) {
          next = { ...user, staff: true, staffGrantedAt: ctx.now, staffGrantedBy: invitedBy, updatedAt: ctx.now };
          await store.putUserInTx(tx, next);
        }
        trail = { to: 'staff', reason: `凭邀请码成为工作人员（邀请人 ${invitedBy}）` };
      }
      const liaisonGroupIds = next.liaisonGroupIds ?? [];
      return { roles: rolesOf(next, ctx.config.adminOpenids.has(ctx.openid)), ...(liaisonGroupIds.length ? { liaisonGroupIds } : {}) };
    },
    { subject: ctx.openid, trail: () => trail },
  );
}

async function revokeStaff(input: PayloadOf<'admin.staff.revoke'>, ctx: RequestContext): Promise<DataOf<'admin.staff.revoke'>> {
  ensure(!ctx.config.adminOpenids.has(input.openid), 'FAILED_PRECONDITION', '该工作人员由系统配置，无法在此撤销', 'openid');
  ensure(input.openid !== ctx.openid, 'FAILED_PRECONDITION', '不能撤销自己的工作人员权限', 'openid');
  return runCommand(
    ctx,
    async ({ tx }) => {
      const user = await store.getUserInTx(tx, input.openid);
      if (!user?.staff) throw new AppError('NOT_FOUND', '该用户不是工作人员', 'openid');
      const { staff: _staff, staffGrantedAt: _at, staffGrantedBy: _by, ...rest } = user;
      await store.putUserInTx(tx, { ...rest, updatedAt: ctx.now });
      return { openid: input.openid };
    },
    { subject: input.openid },
  );
}

export const identityActions: ActionTable<keyof IdentityActions> = {
  'me.get': { allow: 'anyone', input: z.strictObject({}), handle: me },
  'me.update': { allow: 'anyone', input: profileInput, handle: updateProfile },
  'me.verifyPhone': {
    allow: 'anyone',
    input: z.strictObject({ code: phoneCode(), requestId: requestId().optional() }),
    handle: verifyPhone,
  },
  'admin.staff.list': { allow: ['staff'], input: z.strictObject({}), handle: listStaff },
  'admin.staff.invite': { allow: ['staff'], input: z.strictObject({ groupId: id().optional() }), handle: invite },
  'me.claimInvite': {
    allow: 'anyone',
    input: z.strictObject({ code: z.string().trim().min(10).max(20), requestId: requestId().optional() }),
    handle: claimInvite,
  },
  'admin.staff.grant': {
    allow: ['staff'],
    input: z.strictObject({ openid: openid(), requestId: requestId().optional() }),
    handle: grantStaff,
  },
  'admin.staff.revoke': {
    allow: ['staff'],
    input: z.strictObject({ openid: openid(), requestId: requestId().optional() }),
    handle: revokeStaff,
  },
};
