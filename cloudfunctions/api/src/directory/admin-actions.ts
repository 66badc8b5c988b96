import * as z from 'zod';
import type { DataOf, DirectoryActions, PayloadOf, StationKind } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { ensure } from '../app/errors';
import { id, isoTime, requestId, text } from '../app/validation';
import { linkDelegateInTx, setLiaisonInTx } from '../identity/store';
import type { Transaction } from '../platform/db';
import { getUnlimitedCode } from '../platform/openapi';
import { delegateListQuery, delegatesPage } from './actions';
import * as rules from './rules';
import * as store from './store';

// Staff keep the directory: groups, stations, delegates and their binding codes, receptions, QR codes.

/** Where a scanned 代表码 or 站点码 lands: the message page, with the delegate (or station) preselected. */
const COMPOSE_PAGE = 'packages/resident/compose/compose';

const optionalText = (max: number) => text(1, max).optional();
const stationKind = z.enum(['home', 'station', 'point'] satisfies StationKind[]);
const liaison = z.strictObject({
  name: text(1, 20),
  title: optionalText(30),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9\-]{7,20}$/)
    .optional(),
});
const location = z.strictObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) });
const photo = z
  .string()
  .trim()
  .max(512)
  .regex(/^(cloud|https):\/\/\S+$/);
const groupFields = { name: text(1, 20), duty: optionalText(200), liaison: liaison.optional() };
const liaisonOpenid = () =>
  z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_\-]+$/);
const stationFields = {
  kind: stationKind,
  name: text(1, 30),
  address: text(1, 100),
  location: location.optional(),
  hours: optionalText(100),
  contact: optionalText(50),
};
/** Creating twice on a retry makes two records: a client key makes the second call a repeat. */
const retryKey = requestId().optional();
const delegateFields = { name: text(1, 20), groupId: id(), title: optionalText(60), bio: optionalText(500), photo: photo.optional() };

function partial<T extends Record<string, z.ZodType>>(fields: T) {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };
}

// ---- groups and their liaisons

async function createGroup(input: PayloadOf<'admin.groups.create'>, ctx: RequestContext): Promise<DataOf<'admin.groups.create'>> {
  const groupId = rules.newId();
  return runCommand(ctx, async ({ tx }) => {
    const sortKey = `${ctx.now.toISOString()}:${groupId}`;
    await store.putGroupInTx(tx, { _id: groupId, streetId: ctx.streetId, ...input, sortKey, createdAt: ctx.now, updatedAt: ctx.now });
    if (input.liaisonOpenid) await setLiaisonInTx(tx, ctx.streetId, ctx.now, input.liaisonOpenid, groupId, true);
    return { id: groupId };
  });
}

async function updateGroup(input: PayloadOf<'admin.groups.update'>, ctx: RequestContext): Promise<DataOf<'admin.groups.update'>> {
  const { id: groupId, liaisonOpenid: nextLiaison, ...change } = input;
  return runCommand(ctx, async ({ tx }) => {
    const group = await store.getGroupInTx(tx, groupId);
    ensure(group && group.streetId === ctx.streetId, 'NOT_FOUND', '该代表小组不存在', 'id');
    // Absent keeps the linked person; null unlinks; another openid moves the group to them.
    const linked = nextLiaison === undefined ? group.liaisonOpenid : (nextLiaison ?? undefined);
    await store.linkLiaisonInTx(tx, group, linked, ctx.now, change);
    return { id: groupId };
  });
}

// ---- stations

async function createStation(input: PayloadOf<'admin.stations.create'>, ctx: RequestContext): Promise<DataOf<'admin.stations.create'>> {
  const stationId = rules.newId();
  return runCommand(ctx, async ({ tx }) => {
    const sortKey = rules.stationSortKey(input.kind, input.name);
    await store.putStationInTx(tx, {
      _id: stationId,
      streetId: ctx.streetId,
      ...input,
      sortKey,
      upcoming: [],
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    return { id: stationId };
  });
}

async function updateStation(input: PayloadOf<'admin.stations.update'>, ctx: RequestContext): Promise<DataOf<'admin.stations.update'>> {
  const { id: stationId, ...change } = input;
  return runCommand(ctx, async ({ tx }) => {
    const station = await store.getStationInTx(tx, stationId);
    ensure(station && station.streetId === ctx.streetId, 'NOT_FOUND', '该站点不存在', 'id');
    const next = { ...station, ...change, updatedAt: ctx.now };
    await store.putStationInTx(tx, { ...next, sortKey: rules.stationSortKey(next.kind, next.name) });
    return { id: stationId };
  });
}

// ---- delegates and their binding codes

async function listDelegates(input: PayloadOf<'admin.delegates.list'>, ctx: RequestContext): Promise<DataOf<'admin.delegates.list'>> {
  return delegatesPage(ctx, input, false, rules.delegateAdminView);
}

async function createDelegate(input: PayloadOf<'admin.delegates.create'>, ctx: RequestContext): Promise<DataOf<'admin.delegates.create'>> {
  const delegateId = rules.newId();
  return runCommand(ctx, async ({ tx }) => {
    await ensureGroupAndStation(tx, ctx, input.groupId, input.stationId);
    const delegate: rules.DelegateRecord = {
      _id: delegateId,
      streetId: ctx.streetId,
      ...input,
      active: true,
      sortKey: rules.delegateSortKey(input.name, delegateId),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    return { id: delegateId, ...(await issueCodeInTx(tx, ctx, delegate)) };
  });
}

async function updateDelegate(input: PayloadOf<'admin.delegates.update'>, ctx: RequestContext): Promise<DataOf<'admin.delegates.update'>> {
  const { id: delegateId, stationId, ...change } = input;
  return runCommand(ctx, async ({ tx }) => {
    const delegate = await getDelegateOrFail(tx, ctx, delegateId);
    await ensureGroupAndStation(tx, ctx, change.groupId, stationId ?? undefined);
    const { stationId: previousStation, ...kept } = delegate;
    const station = stationId === null ? {} : { ...((stationId ?? previousStation) ? { stationId: stationId ?? previousStation } : {}) };
    const name = change.name ?? delegate.name;
    // Deactivating ends access at once: the WeChat account is unbound like admin.delegates.unbind,
    // so its holder stops reading the inbox (with residents' phone numbers) on the next call.
    const ending = change.active === false && kept.openid;
    if (ending) await linkDelegateInTx(tx, ctx.streetId, ctx.now, kept.openid!, null);
    const { openid: _openid, boundAt: _boundAt, ...unbound } = kept;
    const rest = ending ? unbound : kept;
    await store.putDelegateInTx(tx, {
      ...rest,
      ...change,
      ...station,
      sortKey: rules.delegateSortKey(name, delegateId),
      updatedAt: ctx.now,
    });
    return { id: delegateId };
  });
}

async function reissueCode(
  input: PayloadOf<'admin.delegates.reissueCode'>,
  ctx: RequestContext,
): Promise<DataOf<'admin.delegates.reissueCode'>> {
  return runCommand(ctx, async ({ tx }) => issueCodeInTx(tx, ctx, await getDelegateOrFail(tx, ctx, input.id)), { subject: input.id });
}

async function unbind(input: PayloadOf<'admin.delegates.unbind'>, ctx: RequestContext): Promise<DataOf<'admin.delegates.unbind'>> {
  return runCommand(ctx, async ({ tx }) => {
    const delegate = await getDelegateOrFail(tx, ctx, input.id);
    ensure(delegate.openid, 'FAILED_PRECONDITION', '该代表尚未绑定微信', 'id');
    await linkDelegateInTx(tx, ctx.streetId, ctx.now, delegate.openid, null);
    const { openid: _openid, boundAt: _boundAt, ...rest } = delegate;
    await store.putDelegateInTx(tx, { ...rest, updatedAt: ctx.now });
    return { id: input.id };
  });
}

// ---- receptions

async function createReception(
  input: PayloadOf<'admin.receptions.create'>,
  ctx: RequestContext,
): Promise<DataOf<'admin.receptions.create'>> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  ensure(endsAt.getTime() > startsAt.getTime(), 'INVALID_ARGUMENT', '结束时间应晚于开始时间', 'endsAt');
  ensure(endsAt.getTime() > ctx.now.getTime(), 'INVALID_ARGUMENT', '接待日应安排在今后', 'endsAt');
  const receptionId = rules.newId();
  return runCommand(ctx, async ({ tx }) => {
    const station = await store.getStationInTx(tx, input.stationId);
    ensure(station && station.streetId === ctx.streetId, 'NOT_FOUND', '该站点不存在', 'stationId');
    const delegates = [];
    for (const [index, delegateId] of [...new Set(input.delegateIds)].entries()) {
      const delegate = await store.getDelegateInTx(tx, delegateId);
      ensure(
        delegate && delegate.streetId === ctx.streetId && delegate.active,
        'NOT_FOUND',
        '接待代表不存在或已停用',
        `delegateIds.${index}`,
      );
      delegates.push({ id: delegateId, name: delegate.name });
    }
    const brief = { id: receptionId, startsAt, endsAt, ...(input.theme ? { theme: input.theme } : {}), delegates };
    const record = {
      ...brief,
      _id: receptionId,
      streetId: ctx.streetId,
      stationId: station._id,
      stationName: station.name,
      interestCount: 0,
      createdAt: ctx.now,
    };
    await store.putReceptionInTx(tx, record);
    await store.putStationInTx(tx, {
      ...station,
      upcoming: rules.mergeUpcoming(station.upcoming ?? [], brief, ctx.now),
      updatedAt: ctx.now,
    });
    return { id: receptionId };
  });
}

// ---- QR codes (a read: the open API call is paid only after the record is found)

async function getCode(input: PayloadOf<'admin.codes.get'>, ctx: RequestContext): Promise<DataOf<'admin.codes.get'>> {
  const found =
    input.kind === 'delegate' ? await store.findDelegate(ctx.streetId, input.id) : await store.findStation(ctx.streetId, input.id);
  ensure(found, 'NOT_FOUND', input.kind === 'delegate' ? '该代表不存在' : '该站点不存在', 'id');
  const scene = `${input.kind === 'delegate' ? 'd' : 's'}=${input.id}`;
  ensure(scene.length <= 32, 'FAILED_PRECONDITION', '编号过长，无法生成小程序码', 'id');
  const image = await getUnlimitedCode({ scene, page: COMPOSE_PAGE });
  return { scene, page: COMPOSE_PAGE, imageBase64: image.toString('base64') };
}

export const directoryAdminActions: ActionTable<Extract<keyof DirectoryActions, `admin.${string}`>> = {
  'admin.groups.create': {
    allow: ['staff'],
    input: z.strictObject({ ...groupFields, liaisonOpenid: liaisonOpenid().optional(), requestId: retryKey }),
    handle: createGroup,
  },
  'admin.groups.update': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), ...partial(groupFields), liaisonOpenid: liaisonOpenid().nullable().optional(), requestId: retryKey }),
    handle: updateGroup,
  },
  'admin.stations.create': { allow: ['staff'], input: z.strictObject({ ...stationFields, requestId: retryKey }), handle: createStation },
  'admin.stations.update': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), ...partial(stationFields), requestId: retryKey }),
    handle: updateStation,
  },
  'admin.delegates.list': { allow: ['staff'], input: delegateListQuery, handle: listDelegates },
  'admin.delegates.create': {
    allow: ['staff'],
    input: z.strictObject({ ...delegateFields, stationId: id().optional() }),
    handle: createDelegate,
  },
  'admin.delegates.update': {
    allow: ['staff'],
    input: z.strictObject({
      id: id(),
      ...partial(delegateFields),
      stationId: id().nullable().optional(),
      active: z.boolean().optional(),
      requestId: retryKey,
    }),
    handle: updateDelegate,
  },
  'admin.delegates.reissueCode': { allow: ['staff'], input: z.strictObject({ id: id() }), handle: reissueCode },
  'admin.delegates.unbind': { allow: ['staff'], input: z.strictObject({ id: id(), requestId: retryKey }), handle: unbind },
  'admin.receptions.create': {
    allow: ['staff'],
    input: z.strictObject({
      stationId: id(),
      startsAt: isoTime(),
      endsAt: isoTime(),
      delegateIds: z.array(id()).min(1).max(10),
      theme: optionalText(60),
      requestId: retryKey,
    }),
    handle: createReception,
  },
  'admin.codes.get': { allow: ['staff'], input: z.strictObject({ kind: z.enum(['delegate', 'station']), id: id() }), handle: getCode },
};

// ---- steps shared by the handlers above

async function getDelegateOrFail(tx: Transaction, ctx: RequestContext, delegateId: string): Promise<rules.DelegateRecord> {
  const delegate = await store.getDelegateInTx(tx, delegateId);
  ensure(delegate && delegate.streetId === ctx.streetId, 'NOT_FOUND', '该代表不存在', 'id');
  return delegate;
}

async function ensureGroupAndStation(
  tx: Transaction,
  ctx: RequestContext,
  groupId: string | undefined,
  stationId: string | undefined,
): Promise<void> {
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
  const policy = rules.bindingPolicy();
  const bindCode = rules.newBindCode();
  const hash = rules.hashBindCode(rules.normalizeBindCode(bindCode), policy.pepper);
  const expiresAt = new Date(ctx.now.getTime() + policy.ttlMs);
  if (delegate.codeHash) await store.deleteBindCodeInTx(tx, delegate.codeHash);
  await store.putBindCodeInTx(tx, { _id: hash, streetId: ctx.streetId, delegateId: delegate._id, expiresAt });
  await store.putDelegateInTx(tx, { ...delegate, codeHash: hash, codeExpiresAt: expiresAt, codeUsed: false, updatedAt: ctx.now });
  return { bindCode, expiresAt: expiresAt.toISOString() };
}
