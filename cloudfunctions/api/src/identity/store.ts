import type { Role } from '../../../../typings/contract';
import type { Config } from '../app/config';
import { db, readInTx, type Transaction } from '../platform/db';
import { rolesOf, type UserRecord } from './rules';

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
  return { user, roles: rolesOf(user, config.adminOpenids.has(openid)), delegateId: user?.delegateId, liaisonGroupIds: user?.liaisonGroupIds ?? [] };
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
  await tx.collection(USERS).doc(_id).set({ data: data as Record<string, unknown> });
}
