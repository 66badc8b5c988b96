import { z } from 'zod';
import type { IdentityActions } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import type { RequestContext } from '../app/context';
import { AppError, ensure } from '../app/errors';
import { phone, text } from '../app/validation';
import { inTransaction, type Transaction } from '../platform/db';
import { mergeProfile, newUser, staffMembers } from './rules';
import * as store from './store';

const openid = () => z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_\-]+$/);

export const identityActions: ActionTable<keyof IdentityActions> = {
  'me.get': {
    allow: 'anyone',
    input: z.strictObject({}),
    async handle(_input, ctx) {
      const { user, roles, delegateId, liaisonGroupIds } = await ctx.caller();
      return {
        openid: ctx.openid,
        roles,
        ...(delegateId ? { delegateId } : {}),
        ...(liaisonGroupIds.length ? { liaisonGroupIds } : {}),
        profile: user?.profile ?? {},
      };
    },
  },

  'me.update': {
    allow: 'anyone',
    input: z.strictObject({
      nickname: z.union([z.literal(''), text(1, 20)]).optional(),
      community: z.union([z.literal(''), text(1, 40)]).optional(),
      phone: z.union([z.literal(''), phone()]).optional(),
    }),
    async handle(input, ctx) {
      const profile = await inTransaction(async (tx) => {
        const user = (await store.getUserInTx(tx, ctx.openid)) ?? newUser(ctx.openid, ctx.streetId, ctx.now);
        const next = { ...user, profile: mergeProfile(user.profile ?? {}, input), updatedAt: ctx.now };
        await store.putUserInTx(tx, next);
        return next.profile;
      });
      return { profile };
    },
  },

  'admin.staff.list': {
    allow: ['staff'],
    input: z.strictObject({}),
    async handle(_input, ctx) {
      return { items: staffMembers(ctx.config.adminOpenids, await store.listGrantedStaff(ctx.streetId)) };
    },
  },

  'admin.staff.grant': {
    allow: ['staff'],
    input: z.strictObject({ openid: openid() }),
    async handle(input, ctx) {
      await inTransaction(async (tx) => {
        const user = (await store.getUserInTx(tx, input.openid)) ?? newUser(input.openid, ctx.streetId, ctx.now);
        if (user.staff) return;
        await store.putUserInTx(tx, { ...user, staff: true, staffGrantedAt: ctx.now, staffGrantedBy: ctx.openid, updatedAt: ctx.now });
      });
      return { openid: input.openid };
    },
  },

  'admin.staff.revoke': {
    allow: ['staff'],
    input: z.strictObject({ openid: openid() }),
    async handle(input, ctx) {
      ensure(!ctx.config.adminOpenids.has(input.openid), 'FAILED_PRECONDITION', '该工作人员由系统配置，无法在此撤销', 'openid');
      ensure(input.openid !== ctx.openid, 'FAILED_PRECONDITION', '不能撤销自己的工作人员权限', 'openid');
      await inTransaction(async (tx) => {
        const user = await store.getUserInTx(tx, input.openid);
        if (!user?.staff) throw new AppError('NOT_FOUND', '该用户不是工作人员', 'openid');
        const { staff: _staff, staffGrantedAt: _at, staffGrantedBy: _by, ...rest } = user;
        await store.putUserInTx(tx, { ...rest, updatedAt: ctx.now });
      });
      return { openid: input.openid };
    },
  },
};

// ---- for the directory's binding transaction: a person's link to a delegate record

/** The delegate record this person is bound to, read inside the caller's transaction. */
export async function boundDelegateInTx(tx: Transaction, personOpenid: string): Promise<string | undefined> {
  return (await store.getUserInTx(tx, personOpenid))?.delegateId;
}

/** Links (or, with null, unlinks) a person and a delegate record inside the caller's transaction. */
export async function linkDelegateInTx(tx: Transaction, ctx: RequestContext, personOpenid: string, delegateId: string | null): Promise<void> {
  const user = await store.getUserInTx(tx, personOpenid);
  if (!user && !delegateId) return;
  const base = user ?? newUser(personOpenid, ctx.streetId, ctx.now);
  const { delegateId: _previous, ...rest } = base;
  await store.putUserInTx(tx, { ...rest, ...(delegateId ? { delegateId } : {}), updatedAt: ctx.now });
}

/** Adds or removes `groupId` among the groups a person follows as liaison, inside the caller's transaction. */
export async function setLiaisonInTx(tx: Transaction, ctx: RequestContext, personOpenid: string, groupId: string, follows: boolean): Promise<void> {
  const user = await store.getUserInTx(tx, personOpenid);
  if (!user && !follows) return;
  const base = user ?? newUser(personOpenid, ctx.streetId, ctx.now);
  const others = (base.liaisonGroupIds ?? []).filter((g) => g !== groupId);
  const { liaisonGroupIds: _previous, ...rest } = base;
  const next = follows ? [...others, groupId] : others;
  await store.putUserInTx(tx, { ...rest, ...(next.length ? { liaisonGroupIds: next } : {}), updatedAt: ctx.now });
}
