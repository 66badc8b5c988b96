import type { Role } from '../../../../typings/contract';

export interface UserRecord {
  _id: string; // the openid
  streetId: string;
  profile: { nickname?: string; community?: string; phone?: string };
  /** Staff granted in the app (bootstrap staff come from configuration). */
  staff?: boolean;
  /** Set when the person has bound a delegate record with a binding code. */
  delegateId?: string;
  createdAt?: Date;
  updatedAt?: Date;
}

/** Everyone is a resident; delegate by binding; staff by configuration or by grant. */
export function rolesOf(user: UserRecord | null, isBootstrapStaff: boolean): Role[] {
  const roles: Role[] = ['resident'];
  if (user?.delegateId) roles.push('delegate');
  if (isBootstrapStaff || user?.staff) roles.push('staff');
  return roles;
}
