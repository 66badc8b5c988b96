import { z } from 'zod';
import type { DirectoryActions, StationKind } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import { envNumber } from '../app/config';
import type { RequestContext } from '../app/context';
import { AppError, ensure } from '../app/errors';
import { cursor, id, isoTime, text } from '../app/validation';
import { boundDelegateInTx, linkDelegateInTx, setLiaisonInTx } from '../identity/actions';
import { inTransaction, type Transaction } from '../platform/db';
import { getUnlimitedCode } from '../platform/openapi';
import * as rules from './rules';
import * as store from './store';

const PAGE_SIZE = 20;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Where a scanned 代表码 or 站点码 lands: the message page, with the delegate (or station) preselected. */
const COMPOSE_PAGE = 'packages/resident/compose/compose';

const optionalText = (max: number) => text(1, max).optional();
const stationKind = z.enum(['home', 'station', 'point'] satisfies StationKind[]);
const liaison = z.strictObject({ name: text(1, 20), title: optionalText(30), phone: z.string().trim().regex(/^[0-9\-]{7,20}$/).optional() });
const location = z.strictObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) });
const photo = z.string().trim().max(512).regex(/^(cloud|https):\/\/\S+$/);
const listQuery = z.strictObject({ groupId: id().optional(), stationId: id().optional(), keyword: text(1, 20).optional(), cursor: cursor() });
const groupFields = { name: text(1, 20), duty: optionalText(200), liaison: liaison.optional() };
const liaisonOpenid = () => z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_\-]+$/);
const stationFields = { kind: stationKind, name: text(1, 30), address: text(1, 100), location: location.optional(), hours: optionalText(100), contact: optionalText(50) };
const delegateFields = { name: text(1, 20), groupId: id(), title: optionalText(60), bio: optionalText(500), photo: photo.optional() };

/** Binding policy from the environment: code lifetime, and wrong guesses allowed per window. */
function bindingPolicy(): rules.BindingPolicy & { pepper: string } {
  return {
    ttlMs: envNumber('BIND_CODE_TTL_DAYS', 7) * DAY_MS,
    maxFailures: envNumber('BIND_MAX_FAILURES', 10),
    windowMs: envNumber('BIND_WINDOW_MINUTES', 60) * 60 * 1000,
    pepper: process.env.BIND_CODE_PEPPER || 'yizhengtong-local-pepper',
  };
}

export const directoryActions: ActionTable<keyof DirectoryActions> = {
  'groups.list': {
    allow: 'anyone',
    input: z.strictObject({}),
    async handle(_input, ctx) {
      return { items: (await store.listGroups(ctx.streetId)).map(rules.groupView) };
    },
  },

  'stations.list': {
    allow: 'anyone',
    input: z.strictObject({}),
    async handle(_input, ctx) {
      return { items: (await store.listStations(ctx.streetId)).map((s) => rules.stationView(s, ctx.now)) };
    },
  },

  'delegates.list': {
    allow: 'anyone',
    input: listQuery,
    async handle(input, ctx) {
      const rows = await listDelegatePage(ctx, input, true);
      return rules.pageOf(rows, PAGE_SIZE, (d) => d.sortKey, rules.delegateView);
    },
  },

  'delegates.get': {
    allow: 'anyone',
    input: z.strictObject({ id: id() }),
    async handle(input, ctx) {
      const delegate = await store.findDelegate(ctx.streetId, input.id);
      ensure(delegate, 'NOT_FOUND', '该代表不存在', 'id');
      return rules.delegateView(delegate);
    },
  },

  'delegates.bind': {
    allow: 'anyone',
    input: z.strictObject({ code: z.string().trim().min(1).max(32) }),
    async handle(input, ctx) {
      const policy = bindingPolicy();
      const normalized = rules.normalizeBindCode(input.code);
      const hash = rules.hashBindCode(normalized, policy.pepper);
      const attemptsId = rules.attemptsId(ctx.openid);
      // One transaction: the failure count must persist even though the answer is an error, so the
      // outcome is returned from the transaction and thrown after it commits.
      const outcome = await inTransaction(async (tx): Promise<BindOutcome> => {
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
        if (delegate!.openid && delegate!.openid !== ctx.openid) await linkDelegateInTx(tx, ctx, delegate!.openid, null);
        await store.putDelegateInTx(tx, { ...delegate!, openid: ctx.openid, boundAt: ctx.now, codeUsed: true, updatedAt: ctx.now });
        await linkDelegateInTx(tx, ctx, ctx.openid, code.delegateId);
        return { delegateId: code.delegateId, name: delegate!.name };
      });
      if ('refused' in outcome) {
        const reason = outcome.refused;
        if (reason === 'limited') throw new AppError('RESOURCE_EXHAUSTED', `输入错误次数过多，请 ${Math.round(policy.windowMs / 60000)} 分钟后再试`, 'code');
        const code = reason === 'unknown' ? 'INVALID_ARGUMENT' : reason === 'already_bound_here' ? 'ALREADY_EXISTS' : 'FAILED_PRECONDITION';
        throw new AppError(code, rules.BIND_MESSAGES[reason], 'code');
      }
      return outcome;
    },
  },

  'receptions.list': {
    allow: 'anyone',
    input: z.strictObject({ stationId: id().optional(), cursor: cursor() }),
    async handle(input, ctx) {
      const after = decodeReceptionCursor(input.cursor);
      const rows = await store.listUpcomingReceptions(ctx.streetId, input.stationId, ctx.now, after, PAGE_SIZE + 1);
      return rules.pageOf(rows, PAGE_SIZE, (r) => `${new Date(r.startsAt).toISOString()}|${r._id}`, rules.receptionView);
    },
  },

  'receptions.register': {
    allow: 'anyone',
    input: z.strictObject({ receptionId: id() }),
    async handle(input, ctx) {
      const interestCount = await inTransaction(async (tx) => {
        const reception = await store.getReceptionInTx(tx, input.receptionId);
        ensure(reception && reception.streetId === ctx.streetId, 'NOT_FOUND', '该接待日不存在', 'receptionId');
        ensure(new Date(reception.endsAt).getTime() > ctx.now.getTime(), 'FAILED_PRECONDITION', '该接待日已结束', 'receptionId');
        const counted = await store.addInterestInTx(tx, reception, ctx.openid, ctx.now);
        return (counted ?? reception).interestCount;
      });
      return { interestCount };
    },
  },

  'receptions.figures': {
    allow: 'anyone',
    input: z.strictObject({ month: z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/), stationId: id().optional() }),
    async handle(input, ctx) {
      const { from, to } = rules.shanghaiMonth(input.month);
      const counts = await store.countMessagesByStatus(ctx.streetId, input.stationId, from, to);
      return rules.monthFigures(input.month, input.stationId, counts);
    },
  },

  'admin.groups.create': {
    allow: ['staff'],
    input: z.strictObject({ ...groupFields, liaisonOpenid: liaisonOpenid().optional() }),
    async handle(input, ctx) {
      const groupId = rules.newId();
      await inTransaction(async (tx) => {
        await store.putGroupInTx(tx, { _id: groupId, streetId: ctx.streetId, ...input, sortKey: `${ctx.now.toISOString()}:${groupId}`, createdAt: ctx.now, updatedAt: ctx.now });
        if (input.liaisonOpenid) await setLiaisonInTx(tx, ctx, input.liaisonOpenid, groupId, true);
      });
      return { id: groupId };
    },
  },

  'admin.groups.update': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), ...partial(groupFields), liaisonOpenid: liaisonOpenid().nullable().optional() }),
    async handle({ id: groupId, liaisonOpenid: nextLiaison, ...change }, ctx) {
      await inTransaction(async (tx) => {
        const group = await store.getGroupInTx(tx, groupId);
        ensure(group && group.streetId === ctx.streetId, 'NOT_FOUND', '该代表小组不存在', 'id');
        const { liaisonOpenid: previous, ...kept } = group;
        // Absent keeps the linked person; null unlinks; another openid moves the group to them.
        const linked = nextLiaison === undefined ? previous : nextLiaison ?? undefined;
        if (linked !== previous) {
          if (previous) await setLiaisonInTx(tx, ctx, previous, groupId, false);
          if (linked) await setLiaisonInTx(tx, ctx, linked, groupId, true);
        }
        await store.putGroupInTx(tx, { ...kept, ...change, ...(linked ? { liaisonOpenid: linked } : {}), updatedAt: ctx.now });
      });
      return { id: groupId };
    },
  },

  'admin.stations.create': {
    allow: ['staff'],
    input: z.strictObject(stationFields),
    async handle(input, ctx) {
      const stationId = rules.newId();
      await inTransaction((tx) => store.putStationInTx(tx, { _id: stationId, streetId: ctx.streetId, ...input, sortKey: rules.stationSortKey(input.kind, input.name), upcoming: [], createdAt: ctx.now, updatedAt: ctx.now }));
      return { id: stationId };
    },
  },

  'admin.stations.update': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), ...partial(stationFields) }),
    async handle({ id: stationId, ...change }, ctx) {
      await inTransaction(async (tx) => {
        const station = await store.getStationInTx(tx, stationId);
        ensure(station && station.streetId === ctx.streetId, 'NOT_FOUND', '该站点不存在', 'id');
        const next = { ...station, ...change, updatedAt: ctx.now };
        await store.putStationInTx(tx, { ...next, sortKey: rules.stationSortKey(next.kind, next.name) });
      });
      return { id: stationId };
    },
  },

  'admin.delegates.list': {
    allow: ['staff'],
    input: listQuery,
    async handle(input, ctx) {
      const rows = await listDelegatePage(ctx, input, false);
      return rules.pageOf(rows, PAGE_SIZE, (d) => d.sortKey, rules.delegateAdminView);
    },
  },

  'admin.delegates.create': {
    allow: ['staff'],
    input: z.strictObject({ ...delegateFields, stationId: id().optional() }),
    async handle(input, ctx) {
      const delegateId = rules.newId();
      const issued = await inTransaction(async (tx) => {
        await ensureGroupAndStation(tx, ctx, input.groupId, input.stationId);
        const delegate: rules.DelegateRecord = {
          _id: delegateId, streetId: ctx.streetId, ...input, active: true,
          sortKey: rules.delegateSortKey(input.name, delegateId), createdAt: ctx.now, updatedAt: ctx.now,
        };
        return issueCodeInTx(tx, ctx, delegate);
      });
      return { id: delegateId, ...issued };
    },
  },

  'admin.delegates.update': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), ...partial(delegateFields), stationId: id().nullable().optional(), active: z.boolean().optional() }),
    async handle({ id: delegateId, stationId, ...change }, ctx) {
      await inTransaction(async (tx) => {
        const delegate = await getDelegateOrFail(tx, ctx, delegateId);
        await ensureGroupAndStation(tx, ctx, change.groupId, stationId ?? undefined);
        const { stationId: previousStation, ...rest } = delegate;
        const station = stationId === null ? {} : { ...(stationId ?? previousStation ? { stationId: stationId ?? previousStation } : {}) };
        const name = change.name ?? delegate.name;
        await store.putDelegateInTx(tx, { ...rest, ...change, ...station, sortKey: rules.delegateSortKey(name, delegateId), updatedAt: ctx.now });
      });
      return { id: delegateId };
    },
  },

  'admin.delegates.reissueCode': {
    allow: ['staff'],
    input: z.strictObject({ id: id() }),
    async handle(input, ctx) {
      return inTransaction(async (tx) => issueCodeInTx(tx, ctx, await getDelegateOrFail(tx, ctx, input.id)));
    },
  },

  'admin.delegates.unbind': {
    allow: ['staff'],
    input: z.strictObject({ id: id() }),
    async handle(input, ctx) {
      await inTransaction(async (tx) => {
        const delegate = await getDelegateOrFail(tx, ctx, input.id);
        ensure(delegate.openid, 'FAILED_PRECONDITION', '该代表尚未绑定微信', 'id');
        await linkDelegateInTx(tx, ctx, delegate.openid, null);
        const { openid: _openid, boundAt: _boundAt, ...rest } = delegate;
        await store.putDelegateInTx(tx, { ...rest, updatedAt: ctx.now });
      });
      return { id: input.id };
    },
  },

  'admin.receptions.create': {
    allow: ['staff'],
    input: z.strictObject({ stationId: id(), startsAt: isoTime(), endsAt: isoTime(), delegateIds: z.array(id()).min(1).max(10), theme: optionalText(60) }),
    async handle(input, ctx) {
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(input.endsAt);
      ensure(endsAt.getTime() > startsAt.getTime(), 'INVALID_ARGUMENT', '结束时间应晚于开始时间', 'endsAt');
      ensure(endsAt.getTime() > ctx.now.getTime(), 'INVALID_ARGUMENT', '接待日应安排在今后', 'endsAt');
      const receptionId = rules.newId();
      await inTransaction(async (tx) => {
        const station = await store.getStationInTx(tx, input.stationId);
        ensure(station && station.streetId === ctx.streetId, 'NOT_FOUND', '该站点不存在', 'stationId');
        const delegates = [];
        for (const [index, delegateId] of [...new Set(input.delegateIds)].entries()) {
          const delegate = await store.getDelegateInTx(tx, delegateId);
          ensure(delegate && delegate.streetId === ctx.streetId && delegate.active, 'NOT_FOUND', '接待代表不存在或已停用', `delegateIds.${index}`);
          delegates.push({ id: delegateId, name: delegate.name });
        }
        const brief = { id: receptionId, startsAt, endsAt, ...(input.theme ? { theme: input.theme } : {}), delegates };
        await store.putReceptionInTx(tx, { ...brief, _id: receptionId, streetId: ctx.streetId, stationId: station._id, stationName: station.name, interestCount: 0, createdAt: ctx.now });
        await store.putStationInTx(tx, { ...station, upcoming: rules.mergeUpcoming(station.upcoming ?? [], brief, ctx.now), updatedAt: ctx.now });
      });
      return { id: receptionId };
    },
  },

  'admin.codes.get': {
    allow: ['staff'],
    input: z.strictObject({ kind: z.enum(['delegate', 'station']), id: id() }),
    async handle(input, ctx) {
      const found = input.kind === 'delegate' ? await store.findDelegate(ctx.streetId, input.id) : await store.findStation(ctx.streetId, input.id);
      ensure(found, 'NOT_FOUND', input.kind === 'delegate' ? '该代表不存在' : '该站点不存在', 'id');
      const scene = `${input.kind === 'delegate' ? 'd' : 's'}=${input.id}`;
      ensure(scene.length <= 32, 'FAILED_PRECONDITION', '编号过长，无法生成小程序码', 'id');
      const image = await getUnlimitedCode({ scene, page: COMPOSE_PAGE });
      return { scene, page: COMPOSE_PAGE, imageBase64: image.toString('base64') };
    },
  },
};

/** Exported for the messages capability: whom a message is addressed to and whom to notify. */
export async function findDelegateForMessaging(ctx: RequestContext, delegateId: string) {
  const delegate = await store.findDelegate(ctx.streetId, delegateId);
  if (!delegate || !delegate.active) return null;
  return { id: delegate._id, name: delegate.name, groupId: delegate.groupId, stationId: delegate.stationId, openid: delegate.openid ?? '' };
}

// ---- steps shared by the handlers above

type BindOutcome = { refused: keyof typeof rules.BIND_MESSAGES } | { delegateId: string; name: string };

function partial<T extends Record<string, z.ZodType>>(fields: T) {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };
}

function listDelegatePage(ctx: RequestContext, input: z.infer<typeof listQuery>, activeOnly: boolean) {
  const filter = { groupId: input.groupId, stationId: input.stationId, namePattern: input.keyword ? rules.keywordPattern(input.keyword) : undefined, activeOnly };
  return store.listDelegates(ctx.streetId, filter, rules.decodeCursor(input.cursor), PAGE_SIZE + 1);
}

function decodeReceptionCursor(value: string | undefined): { startsAt: Date; id: string } | null {
  const [at, receptionId] = (rules.decodeCursor(value) ?? '').split('|');
  const startsAt = new Date(at);
  return receptionId && !Number.isNaN(startsAt.getTime()) ? { startsAt, id: receptionId } : null;
}

async function getDelegateOrFail(tx: Transaction, ctx: RequestContext, delegateId: string): Promise<rules.DelegateRecord> {
  const delegate = await store.getDelegateInTx(tx, delegateId);
  ensure(delegate && delegate.streetId === ctx.streetId, 'NOT_FOUND', '该代表不存在', 'id');
  return delegate;
}

async function ensureGroupAndStation(tx: Transaction, ctx: RequestContext, groupId: string | undefined, stationId: string | undefined): Promise<void> {
  if (groupId) {
    const group = await store.getGroupInTx(tx, groupId);
    ensure(group && group.streetId === ctx.streetId, 'NOT_FOUND', '该代表小组不存在', 'groupId');
  }
  if (stationId) {
    const station = await store.getStationInTx(tx, stationId);
    ensure(station && station.streetId === ctx.streetId, 'NOT_FOUND', '该站点不存在', 'stationId');
  }
}

/** A fresh code replaces the previous one, which stops working at once. */
async function issueCodeInTx(tx: Transaction, ctx: RequestContext, delegate: rules.DelegateRecord) {
  const policy = bindingPolicy();
  const bindCode = rules.newBindCode();
  const hash = rules.hashBindCode(rules.normalizeBindCode(bindCode), policy.pepper);
  const expiresAt = new Date(ctx.now.getTime() + policy.ttlMs);
  if (delegate.codeHash) await store.deleteBindCodeInTx(tx, delegate.codeHash);
  await store.putBindCodeInTx(tx, { _id: hash, streetId: ctx.streetId, delegateId: delegate._id, expiresAt });
  await store.putDelegateInTx(tx, { ...delegate, codeHash: hash, codeExpiresAt: expiresAt, codeUsed: false, updatedAt: ctx.now });
  return { bindCode, expiresAt: expiresAt.toISOString() };
}
