import * as z from 'zod';
import type { DataOf, NotifyActions, PayloadOf } from '../../../../typings/contract';
import { TEMPLATE_KEYS } from '../../../../typings/contract/constants';
import type { ActionTable } from '../app/actions';
import type { RequestContext } from '../app/context';
import { id } from '../app/validation';
import { todoSummary } from './rules';
import * as store from './store';

// A person's subscriptions and undelivered notices. Both writes change one document with one atomic
// update, so they need no transaction of the command shape (which would cost two more requests).

const TODOS_SHOWN = 20;

async function recordSubscriptions(
  { accepted }: PayloadOf<'subscriptions.record'>,
  ctx: RequestContext,
): Promise<DataOf<'subscriptions.record'>> {
  const keys = [...new Set(accepted)];
  if (keys.length === 0) return { credits: {} };
  return { credits: await store.addCredits(ctx.openid, ctx.streetId, keys, ctx.now) };
}

async function listTodos(_input: PayloadOf<'notifications.todos'>, ctx: RequestContext): Promise<DataOf<'notifications.todos'>> {
  const records = await store.findTodos(ctx.openid, TODOS_SHOWN);
  const items = records.map((r) => ({
    id: r._id,
    templateKey: r.templateKey,
    summary: todoSummary(r),
    page: r.page,
    createdAt: r.createdAt.toISOString(),
  }));
  return { items, count: items.length };
}

async function dismissTodo(input: PayloadOf<'notifications.dismiss'>, ctx: RequestContext): Promise<DataOf<'notifications.dismiss'>> {
  return { dismissed: await store.dismiss(ctx.openid, input.id) };
}

export const notifyActions: ActionTable<keyof NotifyActions> = {
  'subscriptions.record': {
    allow: 'anyone',
    input: z.strictObject({ accepted: z.array(z.enum(TEMPLATE_KEYS)).max(TEMPLATE_KEYS.length) }),
    handle: recordSubscriptions,
  },
  'notifications.todos': { allow: 'anyone', input: z.strictObject({}), handle: listTodos },
  'notifications.dismiss': { allow: 'anyone', input: z.strictObject({ id: id() }), handle: dismissTodo },
};
