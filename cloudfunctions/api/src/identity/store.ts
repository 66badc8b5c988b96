import type { Role } from '../../../../typings/contract';
import type { Config } from '../app/config';
import { db } from '../platform/db';
import { rolesOf, type UserRecord } from './rules';

const users = () => db.collection<UserRecord>('users');

export interface Caller {
  user: UserRecord | null;
  roles: Role[];
  delegateId?: string;
}

/** The caller's record and roles, in one query. */
export async function loadCaller(openid: string, config: Config): Promise<Caller> {
  const user = openid ? await findUser(openid) : null;
  return { user, roles: rolesOf(user, config.adminOpenids.has(openid)), delegateId: user?.delegateId };
}

export async function findUser(openid: string): Promise<UserRecord | null> {
  // where() rather than doc().get(): the SDK throws on a missing document, and a new user is normal.
  const { data } = await users().where({ _id: openid }).limit(1).get();
  return data[0] ?? null;
}
