import { z } from 'zod';
import type { IdentityActions } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';

export const identityActions: ActionTable<keyof IdentityActions> = {
  'me.get': {
    allow: 'anyone',
    input: z.strictObject({}),
    async handle(_input, ctx) {
      const { user, roles, delegateId } = await ctx.caller();
      return { openid: ctx.openid, roles, ...(delegateId ? { delegateId } : {}), profile: user?.profile ?? {} };
    },
  },
};
