import * as z from 'zod';
import { uploadFolderOf } from '../moderation/rules';
import type { DataOf, IdentityActions, PayloadOf } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { AppError, ensure } from '../app/errors';
import { phone, phoneCode, requestId, text } from '../app/validation';
import { phoneIdentityOf, type PhoneIdentity } from './phone';
import { INVITE_LIFETIME_MS, inviteId, inviteRefusal, mergeProfile, newInviteCode, newUser, rolesOf, staffMembers } from './rules';
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

async function inviteStaff(_input: PayloadOf<'admin.staff.invite'>, ctx: RequestContext): Promise<DataOf<'admin.staff.invite'>> {
  const code = newInviteCode();
  const expiresAt = new Date(ctx.now.getTime() + INVITE_LIFETIME_MS);
  // The code itself is answered once and stored nowhere (only its keyed hash): the audit entry names the invitation's id.
  const id = inviteId(code);
  await runCommand(
    ctx,
    async ({ tx }) => {
      await store.insertInviteInTx(tx, { _id: id, streetId: ctx.streetId, invitedBy: ctx.openid, createdAt: ctx.now, expiresAt });
      return { id };
    },
    { subject: id },
  );
  return { code, expiresAt: expiresAt.toISOString() };
}

/** The invited colleague becomes staff; the audit entry names who invited them. */
async function claimStaff(input: PayloadOf<'me.claimStaff'>, ctx: RequestContext): Promise<DataOf<'me.claimStaff'>> {
  const id = inviteId(input.code);
  let invitedBy = '';
  return runCommand(
    ctx,
    async ({ tx }) => {
      const invite = await store.getInviteInTx(tx, id);
      const refusal = inviteRefusal(invite, ctx.streetId, ctx.now);
      if (refusal) throw new AppError('FAILED_PRECONDITION', refusal, 'code');
      invitedBy = invite!.invitedBy;
      const user = (await store.getUserInTx(tx, ctx.openid)) ?? newUser(ctx.openid, ctx.streetId, ctx.now);
      await store.claimInviteInTx(tx, id, ctx.openid, ctx.now);
      const next = user.staff ? user : { ...user, staff: true, staffGrantedAt: ctx.now, staffGrantedBy: invitedBy, updatedAt: ctx.now };
      if (!user.staff) await store.putUserInTx(tx, next);
      return { roles: rolesOf(next, ctx.config.adminOpenids.has(ctx.openid)) };
    },
    { subject: ctx.openid, trail: () => ({ to: 'staff', reason: `凭邀请码成为工作人员（邀请人 ${invitedBy}）` }) },
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
  'admin.staff.invite': { allow: ['staff'], input: z.strictObject({}), handle: inviteStaff },
  'me.claimStaff': {
    allow: 'anyone',
    input: z.strictObject({ code: z.string().trim().min(10).max(20), requestId: requestId().optional() }),
    handle: claimStaff,
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
