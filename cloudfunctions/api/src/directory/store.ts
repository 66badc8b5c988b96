import { setLiaisonInTx } from '../identity/store';
import { _, afterLast, db, readInTx, within, type Transaction } from '../platform/db';
import type {
  BindAttemptsRecord,
  BindCodeRecord,
  DelegateRecord,
  GroupRecord,
  ReceptionRecord,
  StationRecord,
  StoredReceptionBrief,
} from './rules';

// The only place that knows the directory's collections and query shapes. Reads are one query each.

const GROUPS = 'groups';
const STATIONS = 'stations';
const DELEGATES = 'delegates';
const BIND_CODES = 'bindCodes';
const BIND_ATTEMPTS = 'bindAttempts';
const RECEPTIONS = 'receptions';
const INTERESTS = 'receptionInterests';

/** A street has a handful of groups and stations; this bounds the lists all the same. */
const SMALL_LIST_LIMIT = 100;

type Where = Record<string, unknown>;
type Doc = Record<string, unknown>;

// ---- reads

export async function listGroups(streetId: string): Promise<GroupRecord[]> {
  const { data } = await db.collection<GroupRecord>(GROUPS).where({ streetId }).orderBy('sortKey', 'asc').limit(SMALL_LIST_LIMIT).get();
  return data;
}

/** Groups by id (the timer's reminders reach their liaisons), in one query. */
export async function findGroups(ids: string[]): Promise<GroupRecord[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const { data } = await db
    .collection<GroupRecord>(GROUPS)
    .where({ _id: _.in(unique) })
    .limit(unique.length)
    .get();
  return data;
}

export async function listStations(streetId: string): Promise<StationRecord[]> {
  const { data } = await db.collection<StationRecord>(STATIONS).where({ streetId }).orderBy('sortKey', 'asc').limit(SMALL_LIST_LIMIT).get();
  return data;
}

export interface DelegateFilter {
  groupId?: string;
  stationId?: string;
  /** A regex source, already escaped. */
  namePattern?: string;
  activeOnly: boolean;
}

/** Ordered by sortKey, after the previous page's last one. */
export async function listDelegates(
  streetId: string,
  filter: DelegateFilter,
  after: { sortKey: string } | null,
  limit: number,
): Promise<DelegateRecord[]> {
  const where: Where = { streetId };
  if (filter.groupId) where.groupId = filter.groupId;
  if (filter.stationId) where.stationId = filter.stationId;
  if (filter.activeOnly) where.active = true;
  if (filter.namePattern) where.name = db.RegExp({ regexp: filter.namePattern, options: 'i' });
  if (after) where.sortKey = _.gt(after.sortKey);
  const { data } = await db.collection<DelegateRecord>(DELEGATES).where(where).orderBy('sortKey', 'asc').limit(limit).get();
  return data;
}

export async function findDelegate(streetId: string, id: string): Promise<DelegateRecord | null> {
  const { data } = await db.collection<DelegateRecord>(DELEGATES).where({ _id: id, streetId }).limit(1).get();
  return data[0] ?? null;
}

/** A delegate with their group and station, in one request (the profile page). */
export async function findDelegateWithPlaces(
  streetId: string,
  id: string,
): Promise<{ delegate: DelegateRecord; group?: GroupRecord; station?: StationRecord } | null> {
  const { list } = await db
    .collection(DELEGATES)
    .aggregate()
    .match({ _id: id, streetId })
    .lookup({ from: GROUPS, localField: 'groupId', foreignField: '_id', as: 'groups' })
    .lookup({ from: STATIONS, localField: 'stationId', foreignField: '_id', as: 'stations' })
    .limit(1)
    .end();
  const row = list[0] as unknown as (DelegateRecord & { groups?: GroupRecord[]; stations?: StationRecord[] }) | undefined;
  if (!row) return null;
  const { groups, stations, ...delegate } = row;
  const group = groups?.find((g) => g.streetId === streetId);
  const station = stations?.find((s) => s.streetId === streetId);
  return { delegate, ...(group ? { group } : {}), ...(station ? { station } : {}) };
}

/** For the messages capability: whom a message is addressed to and whom to notify; null when not active. */
export async function findDelegateForMessaging(streetId: string, delegateId: string) {
  const delegate = await findDelegate(streetId, delegateId);
  if (!delegate || !delegate.active) return null;
  return { id: delegate._id, name: delegate.name, groupId: delegate.groupId, stationId: delegate.stationId, openid: delegate.openid ?? '' };
}

/** For the timer's reminders: who holds each delegate's WeChat now (absent when nobody), in one query. */
export async function currentOpenids(delegateIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(delegateIds)];
  if (ids.length === 0) return new Map();
  const { data } = await db
    .collection<DelegateRecord>(DELEGATES)
    .where({ _id: _.in(ids), active: true })
    .field({ openid: true })
    .limit(ids.length)
    .get();
  return new Map(data.filter((d) => d.openid).map((d) => [d._id, d.openid!]));
}

export async function findStation(streetId: string, id: string): Promise<StationRecord | null> {
  const { data } = await db.collection<StationRecord>(STATIONS).where({ _id: id, streetId }).limit(1).get();
  return data[0] ?? null;
}

/** Receptions that have not ended, earliest first, after the previous page's last one. */
export async function listUpcomingReceptions(
  streetId: string,
  stationId: string | undefined,
  now: Date,
  after: { startsAt: Date; id: string } | null,
  limit: number,
): Promise<ReceptionRecord[]> {
  const base: Where = { streetId, endsAt: _.gt(now), ...(stationId ? { stationId } : {}) };
  const where = afterLast(base, after && { field: 'startsAt', value: after.startsAt, order: 'asc', id: after.id });
  const { data } = await db
    .collection<ReceptionRecord>(RECEPTIONS)
    .where(where as Where)
    .orderBy('startsAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return data;
}

/**
 * Messages collected in [from, to), counted by status, in one aggregation over the messages
 * collection. Owned by the messages capability; read here only for reception-month figures, through
 * the fields streetId, stationId, createdAt and status.
 */
// ---- inside a write's one transaction

const withoutId = <T extends { _id: string }>(record: T): Doc => {
  const { _id, ...rest } = record;
  return rest as Doc;
};

export const getGroupInTx = (tx: Transaction, id: string) => readInTx<GroupRecord>(tx, GROUPS, id);
export const getStationInTx = (tx: Transaction, id: string) => readInTx<StationRecord>(tx, STATIONS, id);
export const getDelegateInTx = (tx: Transaction, id: string) => readInTx<DelegateRecord>(tx, DELEGATES, id);

/** For notices to a delegate, inside the caller's transaction: who holds the delegate's WeChat now ('' when nobody). */
export async function currentOpenidInTx(tx: Transaction, delegateId: string): Promise<string> {
  const delegate = await getDelegateInTx(tx, delegateId);
  return delegate?.active ? (delegate.openid ?? '') : '';
}
export const getBindCodeInTx = (tx: Transaction, hash: string) => readInTx<BindCodeRecord>(tx, BIND_CODES, hash);
export const getBindAttemptsInTx = (tx: Transaction, id: string) => readInTx<BindAttemptsRecord>(tx, BIND_ATTEMPTS, id);
export const getReceptionInTx = (tx: Transaction, id: string) => readInTx<ReceptionRecord>(tx, RECEPTIONS, id);

/**
 * Gives a group its liaison (or none): the group names the person, and the person's record follows
 * the group (identity's liaisonGroupIds), the previous liaison's no longer. `change` is written with it.
 */
export async function linkLiaisonInTx(
  tx: Transaction,
  group: GroupRecord,
  next: string | undefined,
  at: Date,
  change: Partial<Omit<GroupRecord, '_id' | 'liaisonOpenid'>> = {},
): Promise<void> {
  const { liaisonOpenid: previous, ...kept } = group;
  if (next !== previous) {
    if (previous) await setLiaisonInTx(tx, group.streetId, at, previous, group._id, false);
    if (next) await setLiaisonInTx(tx, group.streetId, at, next, group._id, true);
  }
  await putGroupInTx(tx, { ...kept, ...change, ...(next ? { liaisonOpenid: next } : {}), updatedAt: at });
}

export async function putGroupInTx(tx: Transaction, record: GroupRecord): Promise<void> {
  await tx
    .collection(GROUPS)
    .doc(record._id)
    .set({ data: withoutId(record) });
}

export async function putStationInTx(tx: Transaction, record: StationRecord): Promise<void> {
  await tx
    .collection(STATIONS)
    .doc(record._id)
    .set({ data: withoutId(record) });
}

export async function putDelegateInTx(tx: Transaction, record: DelegateRecord): Promise<void> {
  await tx
    .collection(DELEGATES)
    .doc(record._id)
    .set({ data: withoutId(record) });
}

export async function putBindCodeInTx(tx: Transaction, record: BindCodeRecord): Promise<void> {
  await tx
    .collection(BIND_CODES)
    .doc(record._id)
    .set({ data: withoutId(record) });
}

export async function deleteBindCodeInTx(tx: Transaction, hash: string): Promise<void> {
  await tx.collection(BIND_CODES).doc(hash).remove();
}

export async function putBindAttemptsInTx(tx: Transaction, record: BindAttemptsRecord): Promise<void> {
  await tx
    .collection(BIND_ATTEMPTS)
    .doc(record._id)
    .set({ data: withoutId(record) });
}

export async function putReceptionInTx(tx: Transaction, record: ReceptionRecord): Promise<void> {
  await tx
    .collection(RECEPTIONS)
    .doc(record._id)
    .set({ data: withoutId(record) });
}

/** Records one person's interest once (the id is the pair); answers whether it was new. */
export async function addInterestInTx(
  tx: Transaction,
  reception: ReceptionRecord,
  openid: string,
  now: Date,
): Promise<ReceptionRecord | null> {
  const id = `${reception._id}:${openid}`;
  if (await readInTx(tx, INTERESTS, id)) return null;
  await tx
    .collection(INTERESTS)
    .doc(id)
    .set({ data: { streetId: reception.streetId, receptionId: reception._id, openid, createdAt: now } });
  const counted = { ...reception, interestCount: reception.interestCount + 1 };
  await putReceptionInTx(tx, counted);
  return counted;
}

// ---- for the duties capability (docs/architecture.md#duties): who serves, and the reception days they attended

/** A street's delegates (active ones; of some groups when given), ordered by sortKey; a street has at most a few hundred. */
export async function listServingDelegates(streetId: string, groupIds: string[] | null, limit = 1000): Promise<DelegateRecord[]> {
  const where: Where = { streetId, active: true, ...(groupIds ? { groupId: _.in(groupIds) } : {}) };
  const { data } = await db
    .collection<DelegateRecord>(DELEGATES)
    .where(where)
    .field({ name: true, groupId: true, stationId: true, title: true, sortKey: true, active: true, streetId: true, openid: true })
    .orderBy('sortKey', 'asc')
    .limit(limit)
    .get();
  return data;
}

/** Receptions in [from, to) that have ended with `delegateId` on the roster: the days they received residents. */
export async function receptionsAttended(
  streetId: string,
  delegateId: string,
  from: Date,
  to: Date,
  now: Date,
): Promise<ReceptionRecord[]> {
  const { data } = await db
    .collection<ReceptionRecord>(RECEPTIONS)
    .where({ streetId, 'delegates.id': delegateId, startsAt: within(from, to), endsAt: _.lt(now) })
    .orderBy('startsAt', 'desc')
    .limit(SMALL_LIST_LIMIT * 4)
    .get();
  return data;
}

/** Reception days attended in [from, to) per delegate, in one aggregation. */
export async function receptionDaysByDelegate(streetId: string, from: Date, to: Date, now: Date): Promise<Map<string, number>> {
  const $ = _.aggregate;
  const { list } = await db
    .collection(RECEPTIONS)
    .aggregate()
    .match({ streetId, startsAt: within(from, to), endsAt: _.lt(now) })
    .project({ delegates: 1 })
    .unwind('$delegates')
    .group({ _id: '$delegates.id', days: $.sum(1) })
    .limit(5000)
    .end();
  return new Map(list.map((row) => [String(row._id), Number(row.days)]));
}
