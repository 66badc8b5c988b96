import * as z from 'zod';
import { PRIVACY_NOTICE_VERSION } from '../../../../typings/contract/constants';
import type { DataOf, MyMessage, PayloadOf, PrivacyActions } from '../../../../typings/contract';
import type { ActionTable, TimerJob } from '../app/actions';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { ensure } from '../app/errors';
import { requestId } from '../app/validation';
import { attemptsId } from '../directory/rules';
import { getUserInTx, putUserInTx } from '../identity/store';
import { newUser } from '../identity/rules';
import { visibleEntries, type MessageRecord } from '../messages/rules';
import { deletionRefusal, EXPORT_MESSAGES_MAX, retentionCutoffs, retentionPolicy, VOTES_STATEMENT } from './rules';
import * as store from './store';

// A person's rights over their data (查阅、复制、删除) and the service's retention (docs/architecture.md#privacy).

async function exportMine(_input: PayloadOf<'me.export'>, ctx: RequestContext): Promise<DataOf<'me.export'>> {
  const [{ user }, messages, interests, subscriptions] = await Promise.all([
    ctx.caller(),
    store.ownMessages(ctx.openid),
    store.ownReceptionInterests(ctx.openid),
    store.ownSubscriptions(ctx.openid),
  ]);
  return {
    exportedAt: ctx.now.toISOString(),
    openid: ctx.openid,
    profile: user?.profile ?? {},
    ...(user?.maskedPhone ? { maskedPhone: user.maskedPhone } : {}),
    ...(user?.privacyConsent ? { consent: { version: user.privacyConsent.version, at: user.privacyConsent.at.toISOString() } } : {}),
    messages: messages.slice(0, EXPORT_MESSAGES_MAX).map((m) => myMessage(m, ctx.openid)),
    messagesTruncated: messages.length > EXPORT_MESSAGES_MAX,
    receptions: interests.map((i) => ({ receptionId: String(i.receptionId), at: new Date(i.createdAt as Date).toISOString() })),
    notices: Object.fromEntries(subscriptions.map((s) => [String(s.templateKey), Number(s.credits ?? 0)])),
    votes: VOTES_STATEMENT,
  };
}

function myMessage(m: MessageRecord, openid: string): MyMessage {
  return {
    id: m._id,
    category: m.category,
    title: m.title,
    body: m.body,
    ...(m.phone ? { phone: m.phone } : {}),
    status: m.status,
    delegateName: m.delegateName,
    isPublic: m.isPublic,
    createdAt: m.createdAt.toISOString(),
    thread: visibleEntries(m.thread, openid, 'resident'),
  };
}

async function consent(input: PayloadOf<'me.consent'>, ctx: RequestContext): Promise<DataOf<'me.consent'>> {
  // Agreeing to an older notice than the one in force would record a consent the person never gave.
  ensure(input.version === PRIVACY_NOTICE_VERSION, 'FAILED_PRECONDITION', '隐私保护指引已更新，请重新阅读后再同意', 'version');
  return runCommand(ctx, async ({ tx }) => {
    const user = (await getUserInTx(tx, ctx.openid)) ?? newUser(ctx.openid, ctx.streetId, ctx.now);
    await putUserInTx(tx, { ...user, privacyConsent: { version: input.version, at: ctx.now }, updatedAt: ctx.now });
    return { version: input.version, at: ctx.now.toISOString() };
  });
}

async function deleteAccount(_input: PayloadOf<'me.delete'>, ctx: RequestContext): Promise<DataOf<'me.delete'>> {
  const refusal = deletionRefusal((await ctx.caller()).roles);
  ensure(!refusal, 'FAILED_PRECONDITION', refusal ?? '');
  // Not one transaction: it touches every message the person wrote. Each step is idempotent, so the
  // client's retry (same requestId, or none) completes a deletion an interrupted call left half done.
  await store.eraseAccount(ctx.openid, attemptsId(ctx.openid), ctx.now);
  return { deleted: true };
}

export const privacyActions: ActionTable<keyof PrivacyActions> = {
  'me.export': { allow: 'anyone', input: z.strictObject({}), handle: exportMine },
  'me.consent': {
    allow: 'anyone',
    input: z.strictObject({ version: z.string().trim().min(1).max(20), requestId: requestId().optional() }),
    handle: consent,
  },
  'me.delete': { allow: 'anyone', input: z.strictObject({ requestId: requestId().optional() }), handle: deleteAccount },
};

/** Erases what the service keeps only for a while: old contact numbers and operational records. */
export const retentionJob: TimerJob = {
  name: 'privacy.retention',
  async run(ctx) {
    const cutoffs = retentionCutoffs(ctx.now, retentionPolicy());
    return store.eraseExpired(cutoffs);
  },
};

export const privacyTimerJobs: TimerJob[] = [retentionJob];
