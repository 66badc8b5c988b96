import * as z from 'zod';
import type { DataOf, DirectoryActions, PayloadOf } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { AppError, ensure } from '../app/errors';
import { cursorPart, decodeCursor, pageOf, rowsFor } from '../app/paging';
import { cursor, id, requestId, text } from '../app/validation';
import { boundDelegateInTx, linkDelegateInTx } from '../identity/store';
import { delegateStats as statsOf, monthCounts } from '../stats/rules';
import { readFigures } from '../stats/store';
import * as rules from './rules';
import * as store from './store';

// What everyone reads of the directory, and a delegate binding their WeChat. Staff's actions: admin-actions.ts.

export const delegateListQuery = z.strictObject({
  groupId: id().optional(),
  stationId: id().optional(),
  keyword: text(1, 20).optional(),
  cursor: cursor(),
});
const delegateCursor = z.strictObject({ sortKey: cursorPart.text() });
const receptionCursor = z.strictObject({ startsAt: cursorPart.time(), id: cursorPart.text() });

/** A page of delegates, for residents (active only) and for staff (everyone). */
export async function delegatesPage<T>(
  ctx: RequestContext,
  input: z.infer<typeof delegateListQuery>,
  activeOnly: boolean,
  view: (d: rules.DelegateRecord) => T,
) {
  const filter = {
    groupId: input.groupId,
    stationId: input.stationId,
    namePattern: input.keyword ? rules.keywordPattern(input.keyword) : undefined,
    activeOnly,
  };
  const rows = await store.listDelegates(ctx.streetId, filter, decodeCursor(input.cursor, delegateCursor), rowsFor());
  return pageOf(rows, (d) => ({ sortKey: d.sortKey }), view);
}

async function listGroups(_input: PayloadOf<'groups.list'>, ctx: RequestContext): Promise<DataOf<'groups.list'>> {
  return { items: (await store.listGroups(ctx.streetId)).map(rules.groupView) };
}

async function listStations(_input: PayloadOf<'stations.list'>, ctx: RequestContext): Promise<DataOf<'stations.list'>> {
  return { items: (await store.listStations(ctx.streetId)).map((s) => rules.stationView(s, ctx.now)) };
}

async function listDelegates(input: PayloadOf<'delegates.list'>, ctx: RequestContext): Promise<DataOf<'delegates.list'>> {
  return delegatesPage(ctx, input, true, rules.delegateView);
}

async function getDelegate(input: PayloadOf<'delegates.get'>, ctx: RequestContext): Promise<DataOf<'delegates.get'>> {
  const delegate = await store.findDelegate(ctx.streetId, input.id);
  ensure(delegate, 'NOT_FOUND', '该代表不存在', 'id');
  return rules.delegateView(delegate);
}

/** The profile page in one call: the delegate with group and station (one request) beside their figures (one more). */
async function delegateProfile(input: PayloadOf<'delegates.profile'>, ctx: RequestContext): Promise<DataOf<'delegates.profile'>> {
  const [found, figures] = await Promise.all([
    store.findDelegateWithPlaces(ctx.streetId, input.id),
    readFigures(ctx.streetId, [`delegates.${input.id}`]),
  ]);
  ensure(found, 'NOT_FOUND', '该代表不存在', 'id');
  return {
    delegate: rules.delegateView(found.delegate),
    ...(found.group ? { group: rules.groupView(found.group) } : {}),
    ...(found.station ? { station: rules.stationView(found.station, ctx.now) } : {}),
    stats: statsOf(input.id, figures?.delegates?.[input.id]),
  };
}

/** A delegate's public response figures, from the street's counters (stats/rules.ts). */
async function delegateStats(input: PayloadOf<'delegates.stats'>, ctx: RequestContext): Promise<DataOf<'delegates.stats'>> {
  const figures = await readFigures(ctx.streetId, [`delegates.${input.id}`]);
  return statsOf(input.id, figures?.delegates?.[input.id]);
}

type BindOutcome = { refused: keyof typeof rules.BIND_MESSAGES } | { delegateId: string; name: string };

async function bind(input: PayloadOf<'delegates.bind'>, ctx: RequestContext): Promise<DataOf<'delegates.bind'>> {
  const policy = rules.bindingPolicy();
  const normalized = rules.normalizeBindCode(input.code);
  const hash = rules.hashBindCode(normalized, policy.pepper);
  const attemptsId = rules.attemptsId(ctx.openid);
  // The failure count must persist even though the answer is an error, so the outcome is returned
  // from the command and thrown after it commits.
  const outcome = await runCommand(ctx, async ({ tx }): Promise<BindOutcome> => {
    const attempts = await store.getBindAttemptsInTx(tx, attemptsId);
    if (rules.failuresInWindow(attempts, ctx.now, policy) >= policy.maxFailures) return { refused: 'limited' };
    const code = rules.looksLikeBindCode(normalized) ? await store.getBindCodeInTx(tx, hash) : null;
    if (!code || code.streetId !== ctx.streetId) {
      await store.putBindAttemptsInTx(tx, rules.nextAttempts(attempts, ctx.openid, ctx.now, policy));
      return { refused: 'unknown' };
    }
    const delegate = await store.getDelegateInTx(tx, code.delegateId);
    const verdict = rules.judgeBindCode(code, delegate, ctx.openid, ctx.now);
    if (!verdict.ok) return { refused: verdict.reason };
    const current = await boundDelegateInTx(tx, ctx.openid);
    if (current && current !== code.delegateId) return { refused: 'taken' };
    // Marking the code used inside the same transaction as the link is what lets exactly one of
    // two racing binders win: the loser's transaction conflicts, retries, and finds the code used.
    await store.putBindCodeInTx(tx, { ...code, usedBy: ctx.openid, usedAt: ctx.now });
    if (delegate!.openid && delegate!.openid !== ctx.openid) await linkDelegateInTx(tx, ctx.streetId, ctx.now, delegate!.openid, null);
    await store.putDelegateInTx(tx, { ...delegate!, openid: ctx.openid, boundAt: ctx.now, codeUsed: true, updatedAt: ctx.now });
    await linkDelegateInTx(tx, ctx.streetId, ctx.now, ctx.openid, code.delegateId);
    return { delegateId: code.delegateId, name: delegate!.name };
  });
  if ('refused' in outcome) {
    const reason = outcome.refused;
    if (reason === 'limited')
      throw new AppError('RESOURCE_EXHAUSTED', `输入错误次数过多，请 ${Math.round(policy.windowMs / 60000)} 分钟后再试`, 'code');
    const code = reason === 'unknown' ? 'INVALID_ARGUMENT' : reason === 'already_bound_here' ? 'ALREADY_EXISTS' : 'FAILED_PRECONDITION';
    throw new AppError(code, rules.BIND_MESSAGES[reason], 'code');
  }
  return outcome;
}

async function listReceptions(input: PayloadOf<'receptions.list'>, ctx: RequestContext): Promise<DataOf<'receptions.list'>> {
  const rows = await store.listUpcomingReceptions(
    ctx.streetId,
    input.stationId,
    ctx.now,
    decodeCursor(input.cursor, receptionCursor),
    rowsFor(),
  );
  return pageOf(rows, (r) => ({ startsAt: r.startsAt, id: r._id }), rules.receptionView);
}

async function registerInterest(input: PayloadOf<'receptions.register'>, ctx: RequestContext): Promise<DataOf<'receptions.register'>> {
  return runCommand(ctx, async ({ tx }) => {
    const reception = await store.getReceptionInTx(tx, input.receptionId);
    ensure(reception && reception.streetId === ctx.streetId, 'NOT_FOUND', '该接待日不存在', 'receptionId');
    ensure(new Date(reception.endsAt).getTime() > ctx.now.getTime(), 'FAILED_PRECONDITION', '该接待日已结束', 'receptionId');
    const counted = await store.addInterestInTx(tx, reception, ctx.openid, ctx.now);
    return { interestCount: (counted ?? reception).interestCount };
  });
}

async function receptionFigures(input: PayloadOf<'receptions.figures'>, ctx: RequestContext): Promise<DataOf<'receptions.figures'>> {
  const counts = monthCounts(await readFigures(ctx.streetId, [`months.${input.month}`]), input.month, input.stationId);
  return { month: input.month, ...(input.stationId ? { stationId: input.stationId } : {}), ...counts };
}

export const directoryActions: ActionTable<Exclude<keyof DirectoryActions, `admin.${string}`>> = {
  'groups.list': { allow: 'anyone', input: z.strictObject({}), handle: listGroups },
  'stations.list': { allow: 'anyone', input: z.strictObject({}), handle: listStations },
  'delegates.list': { allow: 'anyone', input: delegateListQuery, handle: listDelegates },
  'delegates.get': { allow: 'anyone', input: z.strictObject({ id: id() }), handle: getDelegate },
  'delegates.stats': { allow: 'anyone', input: z.strictObject({ id: id() }), handle: delegateStats },
  'delegates.profile': { allow: 'anyone', input: z.strictObject({ id: id() }), handle: delegateProfile },
  'delegates.bind': {
    allow: 'anyone',
    input: z.strictObject({ code: z.string().trim().min(1).max(32), requestId: requestId().optional() }),
    handle: bind,
  },
  'receptions.list': { allow: 'anyone', input: z.strictObject({ stationId: id().optional(), cursor: cursor() }), handle: listReceptions },
  'receptions.register': {
    allow: 'anyone',
    input: z.strictObject({ receptionId: id(), requestId: requestId().optional() }),
    handle: registerInterest,
  },
  'receptions.figures': {
    allow: 'anyone',
    input: z.strictObject({ month: z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/), stationId: id().optional() }),
    handle: receptionFigures,
  },
};
