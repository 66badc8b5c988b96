import type { ActionName } from '../../../../typings/contract';
import { identityActions } from '../identity/actions';
import { projectsActions } from '../projects/actions';
import { votingActions, votingTimerJobs } from '../voting/actions';
import type { ActionDefinition, ActionTable, TimerJob } from './actions';

// Every action and timer job of the `api` function, gathered from the capabilities.
export const actions: ActionTable<ActionName> = {
  ...identityActions,
  ...votingActions,
  ...projectsActions,
};

export const timerJobs: TimerJob[] = [...votingTimerJobs];

export function findAction(name: string): ActionDefinition<ActionName> | undefined {
  return Object.prototype.hasOwnProperty.call(actions, name) ? (actions[name as ActionName] as ActionDefinition<ActionName>) : undefined;
}
