import type { ActionDefinition, ActionTable, TimerJob } from './actions';
import type { ActionName } from '../../../../typings/contract';
import { auditActions } from '../audit/actions';
import { directoryActions } from '../directory/actions';
import { directoryAdminActions } from '../directory/admin-actions';
import { dutiesActions } from '../duties/actions';
import { identityActions } from '../identity/actions';
import { messagesActions, messagesTimerJobs } from '../messages/actions';
import { messagesAdminActions } from '../messages/admin-actions';
import { moderationActions } from '../moderation/actions';
import { notifyActions } from '../notify/actions';
import { notifyTimerJobs } from '../notify/outbox';
import { privacyActions, privacyTimerJobs } from '../privacy/actions';
import { paperActions } from '../paper/actions';
import { projectsActions } from '../projects/actions';
import { reviewsActions } from '../reviews/actions';
import { rostersActions } from '../rosters/actions';
import { statsActions } from '../stats/actions';
import { statsAdminActions } from '../stats/admin-actions';
import { suggestionsActions, suggestionsTimerJobs } from '../suggestions/actions';
import { votingActions, votingTimerJobs } from '../voting/actions';
import { votingAdminActions } from '../voting/admin-actions';

// Every action and timer job of the `api` function, gathered from the capabilities.
export const actions: ActionTable<ActionName> = {
  ...identityActions,
  ...messagesActions,
  ...messagesAdminActions,
  ...moderationActions,
  ...notifyActions,
  ...directoryActions,
  ...directoryAdminActions,
  ...votingActions,
  ...votingAdminActions,
  ...rostersActions,
  ...projectsActions,
  ...statsActions,
  ...statsAdminActions,
  ...auditActions,
  ...privacyActions,
  ...paperActions,
  ...suggestionsActions,
  ...reviewsActions,
  ...dutiesActions,
};

/**
 * The timer's jobs in stages (app/timer.ts): the jobs of a stage run side by side; the outbox flush runs
 * after the jobs that queue notices, so a notice queued in a run is also sent in that run.
 */
export const timerStages: TimerJob[][] = [
  [...votingTimerJobs, ...messagesTimerJobs, ...privacyTimerJobs, ...suggestionsTimerJobs],
  notifyTimerJobs,
];

export function findAction(name: string): ActionDefinition<ActionName> | undefined {
  return Object.prototype.hasOwnProperty.call(actions, name) ? (actions[name as ActionName] as ActionDefinition<ActionName>) : undefined;
}
