// Values both sides of the contract must agree on, declared once. The function imports this file;
// the mini-program cannot reach outside its own root at run time, so the build copies it verbatim to
// miniprogram/generated/contract.ts (scripts/generate.mjs). Keep it free of imports for that reason.

/** Message categories, in the order the compose page offers them. */
export const MESSAGE_CATEGORIES = ['交通出行', '教育', '医疗卫生', '环境卫生', '安全生产', '社区治理', '其他'] as const;
export type MessageCategory = (typeof MESSAGE_CATEGORIES)[number];

/** Longest texts people may write, in characters as a person counts them; the server enforces them. */
export const TEXT_LIMITS = {
  messageTitle: 40,
  messageBody: 1000,
  reply: 1000,
  ratingComment: 200,
  dutySummary: 1000,
  dutyPlace: 40,
  newsTitle: 40,
  newsBody: 2000,
} as const;

/** Kinds of a delegate's duty (履职记录), in the order the log form offers them. */
export const DUTY_KINDS = ['接待选民', '走访调研', '视察督办', '提出建议', '参加会议', '学习培训', '其他'] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];

/** Photos attached to one message. */
export const PHOTOS_MAX = 6;

/** Subscribe-message templates, by the key the code speaks of; template ids live in configuration. */
export const TEMPLATE_KEYS = ['newMessage', 'messageUpdate', 'reminder', 'voteResult', 'projectUpdate'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** 民生实事: what a project's status and a 督办's rating are called (projects.ts ProjectStatus, SupervisionRating). */
export const PROJECT_STATUS_LABELS = { planning: '制定方案', in_progress: '实施中', completed: '已完工', accepted: '已验收' } as const;
export const SUPERVISION_RATING_LABELS = { on_track: '进展顺利', minor_issues: '存在问题', delayed: '进度滞后' } as const;

/** The privacy notice (个人信息保护指引) in force; a new version asks everyone to agree again. */
export const PRIVACY_NOTICE_VERSION = '2026-12';

/** Rows in one page of every paginated list. */
export const PAGE_SIZE = 20;

/**
 * Writes that take a client `requestId` (8–64 of A–Z a–z 0–9 _ -): the client makes one per attempt
 * of a person's action and sends the same one again when no answer came; the server answers a repeat
 * with the first answer and writes nothing more.
 */
export const RETRYABLE_ACTIONS = [
  'me.update',
  'me.consent',
  'me.delete',
  'me.verifyPhone',
  'delegates.bind',
  'receptions.register',
  'messages.send',
  'messages.reply',
  'messages.transition',
  'messages.recordAnswer',
  'messages.rate',
  'votes.cast',
  'admin.votes.castAssisted',
  'messages.withdrawPublic',
  'admin.wall.hide',
  'admin.wall.show',
  'admin.staff.grant',
  'me.claimInvite',
  'admin.staff.revoke',
  'admin.groups.create',
  'admin.groups.update',
  'admin.stations.create',
  'admin.stations.update',
  'admin.delegates.update',
  'admin.delegates.unbind',
  'admin.receptions.create',
  'admin.campaigns.create',
  'admin.campaigns.update',
  'admin.campaigns.schedule',
  'admin.campaigns.unschedule',
  'admin.campaigns.open',
  'admin.campaigns.select',
  'admin.rosters.import',
  'admin.rosters.remove',
  'admin.paper.enter',
  'admin.paper.confirm',
  'admin.paper.discard',
  'admin.moderation.approve',
  'admin.moderation.reject',
  'admin.stats.rebuild',
  'suggestions.submit',
  'suggestions.rate',
  'admin.suggestions.assign',
  'admin.suggestions.answer',
  'admin.reviews.create',
  'reviews.score',
  'admin.reviews.publish',
  'admin.reviews.rectify',
  'duties.log',
  'duties.edit',
  'duties.delete',
  'admin.duties.setTargets',
  'admin.news.post',
  'admin.news.remove',
  'projects.follow',
  'projects.rate',
  'supervisions.record',
  'admin.projects.create',
  'admin.projects.savePlan',
  'admin.projects.postUpdate',
  'admin.projects.accept',
  'admin.supervisions.closeRequest',
] as const;

/** Writes a client never repeats by itself: a repeat would count twice or issue a second secret. */
export const SEND_ONCE_ACTIONS = [
  'subscriptions.record',
  'admin.delegates.create',
  'admin.delegates.reissueCode',
  'admin.staff.invite',
  'admin.campaigns.close',
  'admin.campaigns.publish',
] as const;

/**
 * What each payload field is called in the messages people read ("「标题」至少需要 2 个字"); the
 * error's `field` keeps the field's own name for programs. Every field of every action has one.
 */
export const FIELD_LABELS: Record<string, string> = {
  checkpointId: '节点',
  checkpoints: '节点',
  deadline: '完成期限',
  findings: '督办发现',
  follow: '关注',
  participants: '参加人员',
  percent: '进度',
  projectId: '项目',
  rating: '督办评价',
  requests: '督办要求',
  safeguards: '保障措施',
  startAt: '开始日期',
  text: '内容',
  accepted: '订阅项',
  answer: '答复内容',
  active: '启用状态',
  address: '地址',
  bio: '简介',
  ballots: '选票张数',
  body: '内容',
  budget: '预算',
  campaignId: '票选',
  category: '类别',
  class: '答复类别',
  coSigners: '联名代表',
  closesAt: '截止时间',
  code: '绑定码',
  comment: '评价意见',
  community: '所在社区',
  contact: '联系方式',
  csv: '名册文件',
  date: '日期',
  criteria: '评议指标',
  cursor: '分页参数',
  delegateId: '代表',
  delegateIds: '接待代表',
  department: '承办部门',
  description: '说明',
  dueAt: '办理期限',
  duty: '职责',
  eligibility: '投票人',
  endsAt: '结束时间',
  groupId: '代表小组',
  hours: '开放时间',
  itemId: '整改事项',
  id: '编号',
  isPublic: '是否公开',
  keyword: '关键词',
  kind: '类型',
  latitude: '纬度',
  liaison: '联系人',
  liaisonOpenid: '联系委员',
  location: '地点',
  longitude: '经度',
  maxChoices: '最多可选项目数',
  minChoices: '最少可选项目数',
  month: '月份',
  name: '名称',
  nickname: '称呼',
  note: '说明',
  openid: '用户编号',
  opensAt: '开始时间',
  phone: '电话',
  photo: '照片',
  photos: '照片',
  place: '地点',
  required: '要求次数',
  pass: '投票凭证',
  projectIds: '项目',
  projects: '候选项目',
  reason: '理由',
  rectifications: '整改事项',
  receipt: '凭证码',
  receptionId: '接待日',
  requestId: '请求编号',
  responsibleUnit: '责任单位',
  resultsVisibility: '结果公开方式',
  satisfaction: '满意度',
  scores: '评分',
  startsAt: '开始时间',
  stationId: '站点',
  status: '状态',
  subject: '记录',
  summary: '简介',
  theme: '主题',
  targets: '履职清单',
  topics: '评议内容',
  title: '标题',
  unit: '承办单位',
  version: '版本',
  to: '办理方式',
  verification: '身份验证方式',
  votes: '各项目票数',
  year: '年份',
};

/** Where one action's field means something else than the name usually does (a code from WeChat, not a binding code). */
export const ACTION_FIELD_LABELS: Record<string, Record<string, string>> = {
  'me.verifyPhone': { code: '手机号验证凭据' },
  'me.claimInvite': { code: '邀请码' },
  'admin.votes.castAssisted': { code: '居民手机号验证凭据' },
  'admin.reviews.create': { department: '被评议部门' },
  'duties.log': { summary: '履职内容' },
  'duties.edit': { summary: '履职内容' },
  'admin.news.post': { body: '正文' },
  'admin.projects.create': { title: '项目名称', summary: '项目简介' },
  'admin.projects.savePlan': { dueAt: '计划日期', id: '项目', reason: '调整理由', startAt: '开始日期', title: '节点名称' },
  'admin.projects.postUpdate': { id: '项目', reason: '下调理由' },
  'supervisions.record': { date: '督办日期', dueAt: '完成期限', text: '督办要求' },
  'admin.supervisions.closeRequest': { itemId: '督办要求', answer: '承办单位答复' },
};
