import type { ActionSpec, IsoTime, Page, Retryable } from './common';
import type { Satisfaction } from './messages';

// The year's 民生实事 after the vote (docs/architecture.md#projects): 一项目一方案 (one implementation plan
// per project, revisions kept), progress updates (公告), 单月公告、双月督办 cycle tasks opened by the timer,
// 督办 records with requests tracked to an answer, the delegates' 满意度测评 and staff's 验收.

/** planning (no plan yet) → in_progress (a plan) → completed (100%) → accepted (验收, rating published). */
export type ProjectStatus = 'planning' | 'in_progress' | 'completed' | 'accepted';
/** How a 督办 found the project. */
export type SupervisionRating = 'on_track' | 'minor_issues' | 'delayed';

export interface Checkpoint {
  id: string;
  title: string;
  dueAt: IsoTime;
  /** When an update marked it reached. */
  doneAt?: IsoTime;
  /** Not reached and past its date. */
  overdue: boolean;
}

/** One of the year's 民生实事, as lists show it. */
export interface LivelihoodProject {
  id: string;
  year: number;
  /** The vote campaign that selected it; absent for projects staff added after a delegates' 票决. */
  campaignId?: string;
  title: string;
  summary: string;
  category: string;
  budget?: number;
  location?: string;
  responsibleUnit?: string;
  votes: number;
  status: ProjectStatus;
  /** 0–100, from the latest update. */
  percent: number;
  deadline?: IsoTime;
  /** The first checkpoint not reached yet. */
  nextCheckpoint?: { title: string; dueAt: IsoTime };
  /** A checkpoint (or the deadline) passed unreached. */
  delayed: boolean;
}

export interface ProjectPlan {
  revision: number;
  responsibleUnit: string;
  contact?: string;
  budget?: number;
  startAt?: IsoTime;
  deadline: IsoTime;
  safeguards: string[];
  groupId: string;
  groupName: string;
  checkpoints: Checkpoint[];
  savedAt: IsoTime;
  /** Why the plan was adjusted (方案调整); absent on the first. */
  reason?: string;
}

export interface ProjectUpdate {
  id: string;
  body: string;
  percent: number;
  photos: string[];
  /** The checkpoint this update reached. */
  checkpointTitle?: string;
  /** Why the percent went down. */
  reason?: string;
  at: IsoTime;
}

export interface SupervisionRequest {
  id: string;
  text: string;
  dueAt: IsoTime;
  status: 'open' | 'closed';
  overdue: boolean;
  /** The responsible unit's answer, recorded by staff when closing it. */
  answer?: string;
  closedAt?: IsoTime;
}

export interface Supervision {
  id: string;
  date: IsoTime;
  participants?: string;
  findings: string;
  rating: SupervisionRating;
  requests: SupervisionRequest[];
  /** 'staff' or 'delegate': who recorded it (never who, by name). */
  recordedBy: 'staff' | 'delegate';
  at: IsoTime;
  /** Staff only: a delegate's text the content check held for review; shown to others once approved (a rejected one to nobody). */
  held?: boolean;
}

export interface ProjectRatingSummary {
  satisfied: number;
  basically_satisfied: number;
  dissatisfied: number;
  total: number;
  /** 满意 + 基本满意 over all ratings, in percent, rounded. */
  satisfactionRate: number;
}

export interface ProjectDetail {
  project: LivelihoodProject;
  plan?: ProjectPlan;
  /** Earlier revisions, newest first (方案调整). */
  revisions: ProjectPlan[];
  /** Newest first. */
  updates: ProjectUpdate[];
  /** Newest first. */
  supervisions: Supervision[];
  /** Published once accepted (验收); before that only how many delegates rated. */
  rating?: ProjectRatingSummary;
  ratingCount: number;
  acceptedAt?: IsoTime;
  following: boolean;
  /** What the caller may do now. */
  can: { editPlan: boolean; postUpdate: boolean; supervise: boolean; rate: boolean; accept: boolean; closeRequests: boolean };
  /** The caller's own rating, for a delegate who rated. */
  myRating?: Satisfaction;
}

/** A task the timer opens on the first of the month (Asia/Shanghai): 单月公告 for staff, 双月督办 for the group. */
export interface ProjectTask {
  id: string;
  kind: 'announce' | 'supervise';
  /** YYYY-MM in Shanghai. */
  month: string;
  projectId: string;
  projectTitle: string;
  groupId?: string;
  groupName?: string;
  status: 'open' | 'done';
  /** Announcement tasks: a draft prefilled from the last two months' updates and checkpoints. */
  draft?: string;
  doneAt?: IsoTime;
}

export interface ProjectYearSummary {
  year: number;
  total: number;
  /** Completed or accepted. */
  completed: number;
  /** Completed or accepted with every checkpoint reached by its date. */
  onTime: number;
  delayed: number;
}

export interface CheckpointInput {
  /** An existing checkpoint's id, to keep it (and whether it was reached) in a revision. */
  id?: string;
  title: string;
  dueAt: IsoTime;
}

export interface ProjectsActions {
  /** The year's projects (this year in Shanghai when absent), most voted first. */
  'projects.list': ActionSpec<{ year?: number; cursor?: string }, Page<LivelihoodProject>>;
  /** One project with its plan, revisions, updates, 督办 records and rating. */
  'projects.get': ActionSpec<{ id: string }, ProjectDetail>;
  /** 首页's line: N projects, completed, on time. */
  'projects.summary': ActionSpec<{ year?: number }, ProjectYearSummary>;
  /** Follow (or stop following) a project: followers hear of every update (projectUpdate). */
  'projects.follow': ActionSpec<{ id: string; follow: boolean } & Retryable, { following: boolean }>;
  /** An active delegate rates a completed project, once (满意度测评). */
  'projects.rate': ActionSpec<{ id: string; satisfaction: Satisfaction } & Retryable, { ratingCount: number }>;
  /** Open data: the year's projects, plans, updates and 督办 records as CSV, with no personal data. */
  'projects.export': ActionSpec<{ year?: number }, { filename: string; csv: string }>;
  /**
   * Open 督办 tasks, latest month first: a delegate's own group's; a group's liaison committee member's
   * groups' (read-only); staff every group's. Anyone else: PERMISSION_DENIED.
   */
  'supervisions.tasks': ActionSpec<Record<string, never>, { items: ProjectTask[] }>;
  /** Staff, or a delegate of the project's supervising group, record a 督办. */
  'supervisions.record': ActionSpec<
    {
      projectId: string;
      date: IsoTime;
      participants?: string;
      findings: string;
      rating: SupervisionRating;
      requests: { text: string; dueAt: IsoTime }[];
    } & Retryable,
    /** `held`: the content check asked for a person to look; it is public once staff approve it. */
    { id: string; requestIds: string[]; held?: boolean }
  >;
  /** Staff add a project decided by the delegates' 票决 (not from a vote campaign). */
  'admin.projects.create': ActionSpec<
    { title: string; summary: string; category: string; budget?: number; location?: string; year?: number } & Retryable,
    { id: string }
  >;
  /** Staff save the plan (一项目一方案); a later save is a revision (方案调整) and needs a reason. */
  'admin.projects.savePlan': ActionSpec<
    {
      id: string;
      responsibleUnit: string;
      contact?: string;
      budget?: number;
      startAt?: IsoTime;
      deadline: IsoTime;
      safeguards: string[];
      groupId: string;
      checkpoints: CheckpointInput[];
      reason?: string;
    } & Retryable,
    { checkpointIds: string[] }
  >;
  /** Staff publish a progress update (公告); followers are told. */
  'admin.projects.postUpdate': ActionSpec<
    { id: string; body: string; percent: number; photos?: string[]; checkpointId?: string; reason?: string } & Retryable,
    { id: string; status: ProjectStatus }
  >;
  /** Staff mark a completed, rated project accepted (验收): the rating is published. */
  'admin.projects.accept': ActionSpec<{ id: string } & Retryable, { status: ProjectStatus; rating: ProjectRatingSummary }>;
  /** Staff: the month's cycle tasks (this month in Shanghai when absent). */
  'admin.projects.tasks': ActionSpec<{ month?: string }, { month: string; items: ProjectTask[] }>;
  /** Staff record the responsible unit's answer to a 督办 request and close it. */
  'admin.supervisions.closeRequest': ActionSpec<{ projectId: string; itemId: string; answer: string } & Retryable, { status: 'closed' }>;
}
