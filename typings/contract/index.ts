// Every action of the `api` function. Each capability declares its own in a file beside this one.
import type { AuditActions } from './audit';
import type { DirectoryActions } from './directory';
import type { DutiesActions } from './duties';
import type { IdentityActions } from './identity';
import type { MessagesActions } from './messages';
import type { ModerationActions } from './moderation';
import type { NotifyActions } from './notify';
import type { PrivacyActions } from './privacy';
import type { PaperActions } from './paper';
import type { ProjectsActions } from './projects';
import type { ReviewsActions } from './reviews';
import type { RostersActions } from './rosters';
import type { StatsActions } from './stats';
import type { SuggestionsActions } from './suggestions';
import type { VotingActions } from './voting';

export type * from './audit';
export type * from './common';
export type * from './constants';
export type * from './directory';
export type * from './duties';
export type * from './identity';
export type * from './messages';
export type * from './moderation';
export type * from './notify';
export type * from './privacy';
export type * from './paper';
export type * from './projects';
export type * from './reviews';
export type * from './rosters';
export type * from './stats';
export type * from './suggestions';
export type * from './voting';

export interface Actions
  extends
    IdentityActions,
    DirectoryActions,
    VotingActions,
    RostersActions,
    ProjectsActions,
    MessagesActions,
    ModerationActions,
    NotifyActions,
    PrivacyActions,
    StatsActions,
    AuditActions,
    PaperActions,
    SuggestionsActions,
    ReviewsActions,
    DutiesActions {}

export type ActionName = keyof Actions;
export type PayloadOf<A extends ActionName> = Actions[A]['payload'];
export type DataOf<A extends ActionName> = Actions[A]['data'];
