import type { ActionSpec, IsoTime, Page, Retryable } from './common';
import type { ResponseStats } from './messages';

export type StationKind = 'home' | 'station' | 'point';

export interface Liaison {
  /** The committee member who follows the group. */
  name: string;
  title?: string;
  phone?: string;
}

export interface Group {
  id: string;
  name: string;
  duty?: string;
  liaison?: Liaison;
}

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** A reception day as a station shows it: when, who, what about. */
export interface ReceptionBrief {
  id: string;
  startsAt: IsoTime;
  endsAt: IsoTime;
  theme?: string;
  delegates: { id: string; name: string }[];
}

export interface Reception extends ReceptionBrief {
  stationId: string;
  stationName: string;
  interestCount: number;
}

export interface Station {
  id: string;
  kind: StationKind;
  name: string;
  address: string;
  location?: GeoPoint;
  hours?: string;
  contact?: string;
  /** The earliest reception that has not ended yet. */
  nextReception?: ReceptionBrief;
}

/** A delegate as residents see them; group and station names come from groups.list / stations.list. */
export interface Delegate {
  id: string;
  name: string;
  title?: string;
  photo?: string;
  bio?: string;
  groupId: string;
  stationId?: string;
  active: boolean;
  /** Whether someone has bound the record (so messages reach a phone). */
  bound: boolean;
}

/** The profile page's one answer: the delegate, their group and station (when they have one), their figures. */
export interface DelegateProfile {
  delegate: Delegate;
  group?: Group;
  station?: Station;
  stats: ResponseStats;
}

/** What staff see besides: the state of the binding code. */
export interface DelegateAdminView extends Delegate {
  boundAt?: IsoTime;
  codeExpiresAt?: IsoTime;
  codeUsed: boolean;
}

export interface BindCodeIssued {
  /** Shown once to staff; only its hash is stored. */
  bindCode: string;
  expiresAt: IsoTime;
}

export interface DelegateListQuery {
  groupId?: string;
  stationId?: string;
  keyword?: string;
  cursor?: string;
}

export interface DelegateInput {
  name: string;
  groupId: string;
  stationId?: string;
  title?: string;
  bio?: string;
  photo?: string;
}

export type GroupInput = Omit<Group, 'id'> & {
  /** The liaison's openid (shown on their 我的 page): links the person who follows the group's backlog. Never shown publicly. */
  liaisonOpenid?: string;
};

export type StationInput = Omit<Station, 'id' | 'nextReception'>;

/** Figures of a reception month, counted from messages, never typed in. */
export interface ReceptionMonthFigures {
  month: string;
  stationId?: string;
  collected: number;
  resolved: number;
}

export type CodeKind = 'delegate' | 'station';

export interface MiniProgramCode {
  /** What the code carries, `d=<id>` or `s=<id>` (at most 32 characters). */
  scene: string;
  page: string;
  /** PNG image, base64. */
  imageBase64: string;
}

type Partially<T> = { [K in keyof T]?: T[K] };

export interface DirectoryActions {
  'groups.list': ActionSpec<Record<string, never>, { items: Group[] }>;
  'stations.list': ActionSpec<Record<string, never>, { items: Station[] }>;
  'delegates.list': ActionSpec<DelegateListQuery, Page<Delegate>>;
  'delegates.get': ActionSpec<{ id: string }, Delegate>;
  /** A delegate's public response figures, from the messages they received. */
  'delegates.stats': ActionSpec<{ id: string }, ResponseStats>;
  /** A delegate's profile page in one call: what delegates.get, groups.list, stations.list and delegates.stats give it. */
  'delegates.profile': ActionSpec<{ id: string }, DelegateProfile>;
  'delegates.bind': ActionSpec<{ code: string } & Retryable, { delegateId: string; name: string }>;
  'receptions.list': ActionSpec<{ stationId?: string; cursor?: string }, Page<Reception>>;
  'receptions.register': ActionSpec<{ receptionId: string } & Retryable, { interestCount: number }>;
  'receptions.figures': ActionSpec<{ month: string; stationId?: string }, ReceptionMonthFigures>;
  'admin.groups.create': ActionSpec<GroupInput & Retryable, { id: string }>;
  /** `liaisonOpenid`: absent keeps the link, null removes it. */
  'admin.groups.update': ActionSpec<
    { id: string } & Partially<Omit<GroupInput, 'liaisonOpenid'>> & { liaisonOpenid?: string | null } & Retryable,
    { id: string }
  >;
  'admin.stations.create': ActionSpec<StationInput & Retryable, { id: string }>;
  'admin.stations.update': ActionSpec<{ id: string } & Partially<StationInput> & Retryable, { id: string }>;
  'admin.delegates.list': ActionSpec<DelegateListQuery, Page<DelegateAdminView>>;
  'admin.delegates.create': ActionSpec<DelegateInput, { id: string } & BindCodeIssued>;
  'admin.delegates.update': ActionSpec<
    { id: string; active?: boolean } & Omit<Partially<DelegateInput>, 'stationId'> & { stationId?: string | null } & Retryable,
    { id: string }
  >;
  'admin.delegates.reissueCode': ActionSpec<{ id: string }, BindCodeIssued>;
  'admin.delegates.unbind': ActionSpec<{ id: string } & Retryable, { id: string }>;
  'admin.receptions.create': ActionSpec<
    { stationId: string; startsAt: IsoTime; endsAt: IsoTime; delegateIds: string[]; theme?: string } & Retryable,
    { id: string }
  >;
  'admin.codes.get': ActionSpec<{ kind: CodeKind; id: string }, MiniProgramCode>;
}
