import type { ActionDefinition, TimerJob } from './actions';
import type { ActionName } from '../../../../typings/contract';

// Every action and timer job of the `api` function, gathered from the capabilities. A capability's
// code is required the first time one of its actions is called, not when the function starts: a cold
// start compiles and builds the schemas of the capability its call needs, not of all of them
// (docs/architecture.md#budgets). esbuild keeps each `require` below as a lazy module in the bundle.

type Definitions = Partial<Record<ActionName, ActionDefinition<ActionName>>>;
interface Capability {
  actions: Definitions;
  timerJobs?: TimerJob[];
}

const CAPABILITIES = {
  identity: (): Capability => ({ actions: (require('../identity/actions') as typeof import('../identity/actions')).identityActions }),
  messages: (): Capability => {
    const m = require('../messages/actions') as typeof import('../messages/actions');
    const admin = require('../messages/admin-actions') as typeof import('../messages/admin-actions');
    return { actions: { ...m.messagesActions, ...admin.messagesAdminActions }, timerJobs: m.messagesTimerJobs };
  },
  moderation: (): Capability => ({
    actions: (require('../moderation/actions') as typeof import('../moderation/actions')).moderationActions,
  }),
  notify: (): Capability => ({
    actions: (require('../notify/actions') as typeof import('../notify/actions')).notifyActions,
    timerJobs: (require('../notify/outbox') as typeof import('../notify/outbox')).notifyTimerJobs,
  }),
  directory: (): Capability => ({
    actions: {
      ...(require('../directory/actions') as typeof import('../directory/actions')).directoryActions,
      ...(require('../directory/admin-actions') as typeof import('../directory/admin-actions')).directoryAdminActions,
    },
  }),
  voting: (): Capability => {
    const v = require('../voting/actions') as typeof import('../voting/actions');
    const admin = require('../voting/admin-actions') as typeof import('../voting/admin-actions');
    return { actions: { ...v.votingActions, ...admin.votingAdminActions }, timerJobs: v.votingTimerJobs };
  },
  rosters: (): Capability => ({ actions: (require('../rosters/actions') as typeof import('../rosters/actions')).rostersActions }),
  paper: (): Capability => ({ actions: (require('../paper/actions') as typeof import('../paper/actions')).paperActions }),
  projects: (): Capability => {
    const p = require('../projects/actions') as typeof import('../projects/actions');
    return { actions: p.projectsActions, timerJobs: p.projectsTimerJobs };
  },
  stats: (): Capability => ({
    actions: {
      ...(require('../stats/actions') as typeof import('../stats/actions')).statsActions,
      ...(require('../stats/admin-actions') as typeof import('../stats/admin-actions')).statsAdminActions,
    },
  }),
  audit: (): Capability => ({ actions: (require('../audit/actions') as typeof import('../audit/actions')).auditActions }),
  privacy: (): Capability => {
    const p = require('../privacy/actions') as typeof import('../privacy/actions');
    return { actions: p.privacyActions, timerJobs: p.privacyTimerJobs };
  },
  suggestions: (): Capability => {
    const s = require('../suggestions/actions') as typeof import('../suggestions/actions');
    return { actions: s.suggestionsActions, timerJobs: s.suggestionsTimerJobs };
  },
  reviews: (): Capability => ({ actions: (require('../reviews/actions') as typeof import('../reviews/actions')).reviewsActions }),
  duties: (): Capability => ({ actions: (require('../duties/actions') as typeof import('../duties/actions')).dutiesActions }),
};
type CapabilityName = keyof typeof CAPABILITIES;

/**
 * Which capabilities an action needs, by its area: the first word of its name (the second for
 * `admin.*`): those that answer it and those that register what it relies on. All are loaded for any
 * action of the area. tests/cloud/registry.test.ts checks that every action is found through its area.
 */
const AREAS: Record<string, CapabilityName[]> = {
  me: ['identity', 'privacy'],
  staff: ['identity'],
  messages: ['messages'],
  wall: ['messages'],
  // Approval applies a held text through the subject its capability registered (moderation/screening.ts).
  moderation: ['moderation', 'messages', 'duties', 'projects'],
  subscriptions: ['notify'],
  notifications: ['notify'],
  groups: ['directory'],
  stations: ['directory'],
  delegates: ['directory'],
  receptions: ['directory'],
  codes: ['directory'],
  campaigns: ['voting'],
  votes: ['voting'],
  rosters: ['rosters'],
  paper: ['paper'],
  projects: ['projects'],
  supervisions: ['projects'],
  stats: ['stats'],
  audit: ['audit'],
  suggestions: ['suggestions'],
  reviews: ['reviews'],
  duties: ['duties'],
  news: ['duties'],
};

const loaded = new Map<CapabilityName, Capability>();
function capability(name: CapabilityName): Capability {
  let found = loaded.get(name);
  if (!found) loaded.set(name, (found = CAPABILITIES[name]()));
  return found;
}

export function areaOf(action: string): string {
  const parts = action.split('.');
  return parts[0] === 'admin' ? parts[1] : parts[0];
}

export function findAction(name: string): ActionDefinition<ActionName> | undefined {
  const area = areaOf(name);
  if (!Object.prototype.hasOwnProperty.call(AREAS, area)) return undefined;
  // Every capability of the area is loaded, also those that only register what the action relies on.
  const tables = AREAS[area].map((cap) => capability(cap).actions);
  const table = tables.find((actions) => Object.prototype.hasOwnProperty.call(actions, name));
  return table?.[name as ActionName];
}

/** Loads the capabilities of an area, for work that is not an action (a platform push). */
export function loadArea(area: keyof typeof AREAS): void {
  for (const cap of AREAS[area]) capability(cap);
}

/** Every action of every capability (loads them all: for tests and tools, not for a call). */
export function allActions(): Definitions {
  return Object.assign({}, ...(Object.keys(CAPABILITIES) as CapabilityName[]).map((name) => capability(name).actions));
}

/** The capabilities this instance has loaded so far, in load order. */
export const loadedCapabilities = (): CapabilityName[] => [...loaded.keys()];

/**
 * The timer's jobs in stages (app/timer.ts): the jobs of a stage run side by side; the outbox flush runs
 * after the jobs that queue notices, so a notice queued in a run is also sent in that run.
 */
export function timerStages(): TimerJob[][] {
  const jobsOf = (...names: CapabilityName[]) => names.flatMap((name) => capability(name).timerJobs ?? []);
  return [jobsOf('voting', 'messages', 'privacy', 'suggestions', 'projects'), jobsOf('notify')];
}
