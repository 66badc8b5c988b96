import type { ActionName } from '../../../../typings/contract';
import { directoryActions } from '../directory/actions';
import { identityActions } from '../identity/actions';
import { projectsActions } from '../projects/actions';
import { votingActions, votingTimerJobs } from '../voting/actions';
import { messagesActions, messagesTimerJobs } from '../messages/actions';
import { moderationActions } from '../moderation/actions';
import { notifyActions, notifyTimerJobs } from '../notify/actions';
import type { ActionDefinition, ActionTable, TimerJob } from './actions';

// Every action and timer job of the `api` function, gathered from the capabilities.
export const actions: ActionTable<ActionName> = {
  ...identityActions,
  ...messagesActions,
  ...moderationActions,
  ...notifyActions,
  ...directoryActions,
  ...votingActions,
  ...projectsActions,
};

export const timerJobs: TimerJob[] = [...votingTimerJobs, ...messagesTimerJobs, ...notifyTimerJobs];

export function findAction(name: string): ActionDefinition<ActionName> | undefined {
  return Object.prototype.hasOwnProperty.call(actions, name) ? (actions[name as ActionName] as ActionDefinition<ActionName>) : undefined;
}
