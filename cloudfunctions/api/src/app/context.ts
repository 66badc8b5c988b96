import type { Role } from '../../../../typings/contract';
import { loadCaller, type Caller } from '../identity/store';
import { now } from '../platform/time';
import { loadConfig, type Config } from './config';

/** What a handler knows about the call: identity from the platform, time, configuration. */
export interface RequestContext {
  /** The action being run ('timer' for the timer trigger): names idempotency records and audit entries. */
  action: string;
  /** The client's key for this write, when it sent one (validated by the action's schema). */
  requestId?: string;
  openid: string;
  appid: string;
  now: Date;
  config: Config;
  streetId: string;
  /** The caller's roles and records, read once per call and only when an action needs them. */
  caller(): Promise<Caller>;
  /** Whether the caller holds `role`; reads the caller only for roles that need a lookup. */
  hasRole(role: Role): Promise<boolean>;
}

export function createContext(action: string, openid: string, appid: string, requestId?: string): RequestContext {
  const config = loadConfig();
  let pending: Promise<Caller> | undefined;
  const caller = () => (pending ??= loadCaller(openid, config));
  return {
    action,
    ...(requestId ? { requestId } : {}),
    openid,
    appid,
    now: now(),
    config,
    streetId: config.defaultStreetId,
    caller,
    async hasRole(role) {
      // Every WeChat user is a resident; bootstrap staff need no lookup either.
      if (role === 'resident') return true;
      if (role === 'staff' && config.adminOpenids.has(openid)) return true;
      return (await caller()).roles.includes(role);
    },
  };
}
