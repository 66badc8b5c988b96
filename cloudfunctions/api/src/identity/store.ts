import type { Role } from '../../../../typings/contract';
import type { Config } from '../app/config';
import { db, readInTx, type Transaction } from '../platform/db';
import { newUser, rolesOf, type StaffInviteRecord, type UserRecord } from './rules';

const USERS = 'users';
const users = () => db.collection<UserRecord>(USERS);

/** A street's granted staff are few; the list is bounded all the same. */
const STAFF_LIST_LIMIT = 100;

export interface Caller {
  user: UserRecord | null;
  roles: Role[];
  delegateId?: string;
  liaisonGroupIds: string[];
}

/** The caller's record and roles, in one query. */
export async function loadCaller(openid: string, config: Config): Promise<Caller> {
  const user = openid ? await findUser(openid) : null;
  return {
    user,
    roles: rolesOf(user, config.adminOpenids.has(openid)),
    delegateId: user?.delegateId,
    liaisonGroupIds: user?.liaisonGroupIds ?? [],
  };
}

export async function findUser(openid: string): Promise<UserRecord | null> {
  // where() rather than doc().get(): the SDK throws on a missing document, and a new user is normal.
  const { data } = await users().where({ _id: openid }).limit(1).get();
  return data[0] ?? null;
}

export async function listGrantedStaff(streetId: string): Promise<UserRecord[]> {
  const { data } = await users().where({ streetId, staff: true }).limit(STAFF_LIST_LIMIT).get();
  return data;
}

// ---- inside a write's one transaction

export async function getUserInTx(tx: Transaction, openid: string): Promise<UserRecord | null> {
  return readInTx<UserRecord>(tx, USERS, openid);
}

/** Writes the whole document: transactions here always read it first. */
export async function putUserInTx(tx: Transaction, record: UserRecord): Promise<void> {
  const { _id, ...data } = record;
  await tx
    .collection(USERS)
    .doc(_id)
    .set({ data: data as Record<string, unknown> });
}

// ---- for the directory's transactions: a person's link to a delegate record and to the groups they follow

/** The delegate record this person is bound to, read inside the caller's transaction. */
export async function boundDelegateInTx(tx: Transaction, personOpenid: string): Promise<string | undefined> {
  return (await getUserInTx(tx, personOpenid))?.delegateId;
}

/** Links (or, with null, unlinks) a person and a delegate record inside the caller's transaction. */
export async function linkDelegateInTx(
  tx: Transaction,
  streetId: string,
  at: Date,
  personOpenid: string,
  delegateId: string | null,
): Promise<void> {
  const user = await getUserInTx(tx, personOpenid);
  if (!user && !delegateId) return;
  const { delegateId: _previous, ...rest } = user ?? newUser(personOpenid, streetId, at);
  await putUserInTx(tx, { ...rest, ...(delegateId ? { delegateId } : {}), updatedAt: at });
}

/** Adds or removes `groupId` among the groups a person follows as liaison, inside the caller's transaction. */
export async function setLiaisonInTx(
  tx: Transaction,
  streetId: string,
  at: Date,
  personOpenid: string,
  groupId: string,
  follows: boolean,
): Promise<void> {
  const user = await getUserInTx(tx, personOpenid);
  if (!user && !follows) return;
  const { liaisonGroupIds: previous, ...rest } = user ?? newUser(personOpenid, streetId, at);
  const others = (previous ?? []).filter((g) => g !== groupId);
  const next = follows ? [...others, groupId] : others;
  await putUserInTx(tx, { ...rest, ...(next.length ? { liaisonGroupIds: next } : {}), updatedAt: at });
}

// ---- for the projects capability: who follows a project

/** Starts or stops following a project, inside the caller's transaction; answers whether they follow it now. */
export async function setFollowInTx(
  tx: Transaction,
  streetId: string,
  at: Date,
  personOpenid: string,
  projectId: string,
  follow: boolean,
): Promise<boolean> {
  const user = await getUserInTx(tx, personOpenid);
  if (!user && !follow) return false;
  const { followedProjects: previous, ...rest } = user ?? newUser(personOpenid, streetId, at);
  const others = (previous ?? []).filter((p) => p !== projectId);
  const next = follow ? [...others, projectId] : others;
  await putUserInTx(tx, { ...rest, ...(next.length ? { followedProjects: next } : {}), updatedAt: at });
  return follow;
}

/** The openids following a project, at most `limit` (one query). */
export async function followersOf(projectId: string, limit: number): Promise<string[]> {
  const { data } = await users().where({ followedProjects: projectId }).field({ _id: true }).limit(limit).get();
  return data.map((u) => u._id);
}

// ---- staff invitations

const INVITES = 'staffInvites';

export async function insertInviteInTx(tx: Transaction, record: StaffInviteRecord): Promise<void> {
  const { _id, ...data } = record;
  await tx.collection(INVITES).doc(_id).set({ data });
}

export async function getInviteInTx(tx: Transaction, idValue: string): Promise<StaffInviteRecord | null> {
  return readInTx<StaffInviteRecord>(tx, INVITES, idValue);
}

export async function claimInviteInTx(tx: Transaction, idValue: string, openid: string, at: Date): Promise<void> {
  await tx
    .collection(INVITES)
    .doc(idValue)
    .update({ data: { claimedBy: openid, claimedAt: at } });
}
