// Demo content for `npm start`: one street of a Jiangsu district with its professional groups, its
// 1 家 4 站 4 点, about seventy delegates and the coming reception days, so a newcomer sees a living
// directory. Act as `demo-delegate` (bound to 周建国) or `demo-resident` to try the other roles; the
// unbound delegate 陆文静 accepts the binding code YZTD-2468 (with the default pepper). A 民生实事
// vote is open with live totals and a dozen secret ballots already cast; demo-resident has not voted.
// 代表建议 stand at every stage (one answered waits for 周建国's rating) and a 专项评议 is open while
// last one's results and 整改事项 are published. The year's 履职清单 is set, a dozen delegates have
// logged duties (周建国 attended two past reception days), the committee has posted news to 履职动态,
// and `demo-liaison` (钱国平) is the liaison of 综合治理, whose delegates have two messages waiting beyond the
// escalation time (超期留言) and a 双月督办 open in every month. This year's vote is published and its 民生实事 stand in
// every status (实事成效): one being planned, two under way (one delayed, its plan adjusted), one completed
// and waiting for the delegates' 满意度测评 (周建国 has not rated it), one accepted with its rating
// published; with plans, updates with photos, a 督办 record and this month's 单月公告 or 双月督办 task.
//
// The data is written out as the function would have stored it: the derived fields (sort keys, the
// binding code's hash, a station's upcoming receptions, voter markers, receipt hashes, tallies) are computed here, not by importing the
// function's code, and tests/emulator/seed.test.ts checks them against the function's own rules.
import { createHash, createHmac } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { LOCAL_SECRETS } from '../functions/local-secrets';

dayjs.extend(utc);

type Doc = Record<string, unknown>;
interface Brief {
  id: string;
  startsAt: Date;
  endsAt: Date;
  theme?: string;
  delegates: { id: string; name: string }[];
}
const STREET = process.env.STREET_ID?.trim() || 'default';
export const DEMO_BIND_CODE = 'YZTD-2468';
const KIND_ORDER = { home: 1, station: 2, point: 3 } as const;
/** What a station keeps of its coming receptions (the function keeps the same number). */
const UPCOMING_KEPT = 5;

export const demoSortKeys = {
  delegate: (name: string, id: string) => `${name}\u0001${id}`,
  station: (kind: keyof typeof KIND_ORDER, name: string) => `${KIND_ORDER[kind]}:${name}`,
};

/** The stored hash of a binding code: sha256 of `pepper:CODE` without the dash, as the function hashes it. */
export function demoCodeHash(code: string, pepper: string): string {
  return createHash('sha256')
    .update(`${pepper}:${code.toUpperCase().replace(/-/g, '')}`)
    .digest('hex');
}

const GROUPS = [
  {
    _id: 'g1',
    name: '综合治理',
    duty: '平安建设、矛盾调解、社区治理与网格化管理',
    liaison: { name: '钱国平', title: '街道人大工委副主任' },
    liaisonOpenid: 'demo-liaison',
  },
  {
    _id: 'g2',
    name: '经济发展',
    duty: '营商环境、产业园区、就业创业与小微企业服务',
    liaison: { name: '孙丽华', title: '街道人大工委委员' },
  },
  { _id: 'g3', name: '社会事业', duty: '教育、医疗卫生、养老托育与文化体育', liaison: { name: '李卫东', title: '街道人大工委委员' } },
  { _id: 'g4', name: '城乡建设', duty: '老旧小区改造、道路交通、河道整治与垃圾分类', liaison: { name: '周敏', title: '街道人大工委委员' } },
  { _id: 'g5', name: '民主法治', duty: '普法宣传、基层民主、代表建议督办', liaison: { name: '吴志刚', title: '街道人大工委办公室主任' } },
];

const STATIONS = [
  {
    _id: 's1',
    kind: 'home',
    name: '运河街道人大代表之家',
    address: '运河街道清风路 18 号党群服务中心三楼',
    hours: '周一至周五 8:30–17:00',
    contact: '0519-8881 2301',
    location: { latitude: 31.7806, longitude: 119.9742 },
  },
  {
    _id: 's2',
    kind: 'station',
    name: '清风社区代表联络站',
    address: '清风路 102 号清风社区服务中心二楼',
    hours: '周二、周四 9:00–11:30',
    contact: '0519-8881 2315',
  },
  {
    _id: 's3',
    kind: 'station',
    name: '南塘社区代表联络站',
    address: '南塘街 36 号南塘社区邻里中心一楼',
    hours: '周三 9:00–11:30，周五 14:00–16:30',
    contact: '0519-8881 2322',
  },
  {
    _id: 's4',
    kind: 'station',
    name: '锦绣社区代表联络站',
    address: '锦绣路 9 号锦绣苑社区用房',
    hours: '周一、周三 14:00–16:30',
    contact: '0519-8881 2336',
  },
  {
    _id: 's5',
    kind: 'station',
    name: '新桥社区代表联络站',
    address: '新桥东路 58 号新桥社区党群服务站',
    hours: '周二、周五 9:00–11:30',
    contact: '0519-8881 2348',
  },
  {
    _id: 's6',
    kind: 'point',
    name: '运河科技园代表联络点',
    address: '运河科技园 A 座一楼企业服务大厅',
    hours: '每月第一个周四 14:00–16:00',
  },
  {
    _id: 's7',
    kind: 'point',
    name: '花园农贸市场代表联络点',
    address: '花园街 21 号农贸市场管理办公室',
    hours: '每月第二个周六 8:00–10:00',
  },
  {
    _id: 's8',
    kind: 'point',
    name: '运河实验小学代表联络点',
    address: '育才路 5 号运河实验小学家校中心',
    hours: '每月第三个周三 15:30–17:00',
  },
  {
    _id: 's9',
    kind: 'point',
    name: '颐康养老服务中心代表联络点',
    address: '南塘街 88 号颐康养老服务中心一楼',
    hours: '每月最后一个周五 9:30–11:00',
  },
] as const;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢钟陆顾';
const GIVEN = [
  '建国',
  '文静',
  '海燕',
  '志强',
  '丽萍',
  '伟',
  '秀英',
  '俊杰',
  '晓红',
  '国华',
  '春梅',
  '宏伟',
  '玉兰',
  '立新',
  '雪芳',
  '振华',
  '红梅',
  '永刚',
  '慧敏',
  '明',
  '桂芳',
  '卫国',
  '婷',
  '德兴',
  '亚男',
  '浩然',
  '晨',
  '佳怡',
  '长生',
  '凤英',
];
const ROLES: Record<string, string[]> = {
  g1: ['清风社区党委书记', '南塘社区网格长', '运河派出所社区民警', '退休司法调解员', '物业服务企业负责人'],
  g2: ['运河科技园企业负责人', '个体工商户代表', '新材料公司工程师', '商会秘书长', '电商创业者'],
  g3: ['运河实验小学教师', '社区卫生服务中心医生', '颐康养老服务中心院长', '幼儿园园长', '文化站站长'],
  g4: ['锦绣社区居委会主任', '建筑设计院工程师', '环卫所班组长', '新桥社区居民', '市政工程公司技术员'],
  g5: ['律师事务所律师', '退休教师', '社区法律顾问', '新桥社区居委会委员', '志愿者协会负责人'],
};
const BIO_TOPICS: Record<string, string> = {
  g1: '关注小区安全和邻里纠纷化解，常年参与社区网格巡查',
  g2: '关注小微企业经营和家门口就业，推动园区服务窗口前移',
  g3: '关注一老一小，长期为社区老人和孩子争取服务资源',
  g4: '关注老旧小区加装电梯、停车和道路维修，熟悉工程建设',
  g5: '关注基层民主和依法办事，热心为居民提供法律咨询',
};

/** A fixed sequence so the demo directory is the same on every machine. */
function* sequence(seed: number) {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x;
  }
}

function delegates(now: Date): Doc[] {
  const random = sequence(20260501);
  const pick = <T>(items: readonly T[]) => items[(random.next().value as number) % items.length];
  const used = new Set<string>(['周建国', '陆文静']);
  const out: Doc[] = [];
  for (let n = 1; n <= 70; n++) {
    const groupId = `g${((n - 1) % 5) + 1}`;
    let name = n === 1 ? '周建国' : n === 2 ? '陆文静' : '';
    while (!name || (n > 2 && used.has(name))) name = pick([...SURNAMES]) + pick(GIVEN);
    used.add(name);
    const id = `d${String(n).padStart(2, '0')}`;
    const title = pick(ROLES[groupId]);
    out.push({
      _id: id,
      streetId: STREET,
      name,
      title,
      groupId,
      stationId: STATIONS[(n - 1) % STATIONS.length]._id,
      bio: `${title}。${BIO_TOPICS[groupId]}。`,
      active: true,
      sortKey: demoSortKeys.delegate(name, id),
      createdAt: now,
      updatedAt: now,
    });
  }
  return out;
}

/** Shanghai (UTC+8) wall-clock time `days` from today at `hour`. */
function shanghaiAt(now: Date, days: number, hour: number, minute = 0): Date {
  return dayjs(now)
    .utcOffset(8 * 60)
    .startOf('day')
    .add(days, 'day')
    .hour(hour)
    .minute(minute)
    .toDate();
}

export function demoSeed(now = new Date()): Record<string, Record<string, unknown>[]> {
  const people = delegates(now);
  const themes = ['老旧小区加装电梯', '家门口就业服务', '一老一小服务', '背街小巷整治', '平安社区建设', '垃圾分类与河道保洁'];
  const receptions: Doc[] = [];
  const upcoming = new Map<string, Brief[]>();
  STATIONS.forEach((station, s) => {
    for (let week = 0; week < 2; week++) {
      const id = `r${s + 1}${week + 1}`;
      const startsAt = shanghaiAt(now, 2 + s + week * 7, s % 2 ? 14 : 9);
      const endsAt = dayjs(startsAt).add(150, 'minute').toDate();
      const onDuty = people
        .filter((p) => p.stationId === station._id)
        .slice(week * 2, week * 2 + 2)
        .map((p) => ({ id: String(p._id), name: String(p.name) }));
      const brief: Brief = { id, startsAt, endsAt, theme: themes[(s + week) % themes.length], delegates: onDuty };
      receptions.push({
        _id: id,
        streetId: STREET,
        stationId: station._id,
        stationName: station.name,
        startsAt,
        endsAt,
        theme: brief.theme,
        delegates: onDuty,
        interestCount: 0,
        createdAt: now,
      });
      upcoming.set(station._id, [...(upcoming.get(station._id) ?? []), brief]);
    }
  });

  const vote = demoVote(now);
  const lastVote = demoPublishedVote(now);
  const projects = demoProjects(now);
  const codeHash = demoCodeHash(DEMO_BIND_CODE, process.env.BIND_CODE_PEPPER || LOCAL_SECRETS.BIND_CODE_PEPPER);
  const codeExpiresAt = dayjs(now).add(365, 'day').toDate();
  people[0] = { ...people[0], openid: 'demo-delegate', boundAt: now, codeUsed: true };
  people[1] = { ...people[1], codeHash, codeExpiresAt, codeUsed: false };

  return {
    groups: GROUPS.map((g, i) => ({ ...g, streetId: STREET, sortKey: String(i + 1), createdAt: now, updatedAt: now })),
    stations: STATIONS.map((s) => ({
      ...s,
      streetId: STREET,
      sortKey: demoSortKeys.station(s.kind, s.name),
      upcoming: soonest(upcoming.get(s._id) ?? []),
      createdAt: now,
      updatedAt: now,
    })),
    delegates: people,
    bindCodes: [{ _id: codeHash, streetId: STREET, delegateId: people[1]._id, expiresAt: codeExpiresAt }],
    receptions,
    campaigns: [vote.campaign, lastVote.campaign],
    ballots: [...vote.ballots, ...lastVote.ballots],
    voterMarkers: [...vote.markers, ...lastVote.markers],
    tallies: [...vote.tallies, ...lastVote.tallies],
    projects: projects.projects,
    projectTasks: projects.tasks,
    ...demoMessages(now, people),
    suggestions: demoSuggestions(now, people),
    reviews: demoReviews(now),
    ...demoDuties(now, people, receptions),
    users: [
      {
        _id: 'demo-delegate',
        streetId: STREET,
        profile: { nickname: '周建国' },
        delegateId: people[0]._id,
        createdAt: now,
        updatedAt: now,
      },
      {
        _id: 'demo-resident',
        streetId: STREET,
        profile: { nickname: '清风居民', community: '清风社区' },
        followedProjects: [`${DEMO_PUBLISHED_CAMPAIGN_ID}:p1`],
        createdAt: now,
        updatedAt: now,
      },
      { _id: 'demo-liaison', streetId: STREET, profile: { nickname: '钱国平' }, liaisonGroupIds: ['g1'], createdAt: now, updatedAt: now },
    ],
  };
}

/**
 * Messages to 综合治理's delegates still waiting for a first reply beyond the escalation time (7 days;
 * their delegates have not bound their WeChat yet): what the group's liaison, demo-liaison, follows on
 * 超期留言. Stored as messages/rules.ts keeps a pending message whose reminder went out after 3 days,
 * with the street's public counters (`figures`) that their sending added (stats/rules.ts).
 */
function demoMessages(now: Date, people: Doc[]): { messages: Doc[]; figures: Doc[] } {
  const ago = (days: number) => dayjs(now).subtract(days, 'day').toDate();
  const waiting: [Doc, string, string, string, string, number, string?][] = [
    [
      people[5],
      'demo-resident-qingfeng',
      '社区治理',
      '楼道堆放杂物无人清理',
      '清风苑 12 幢楼道长期堆放旧家具和纸箱，存在消防隐患，向物业反映多次没有处理。',
      9,
      '13912348765',
    ],
    [
      people[10],
      'demo-resident-nantang',
      '交通出行',
      '南塘街早高峰乱停车',
      '南塘街菜场门口早上七点到八点乱停车严重，公交车经常过不去。',
      12,
    ],
  ];
  const messages = waiting.map(([delegate, residentOpenid, category, title, body, days, phone], n) => {
    const sentAt = ago(days);
    return {
      _id: createHash('sha256')
        .update(`${residentOpenid}:demo-message-${n + 1}`)
        .digest('hex')
        .slice(0, 24),
      streetId: STREET,
      residentOpenid,
      delegateId: delegate._id,
      delegateName: delegate.name,
      delegateOpenid: '',
      groupId: delegate.groupId,
      stationId: delegate.stationId,
      category,
      title,
      body,
      photos: [],
      ...(phone ? { phone } : {}),
      isPublic: false,
      status: 'pending',
      thread: [],
      createdAt: sentAt,
      updatedAt: sentAt,
      deliveredAt: sentAt,
      waitingSince: sentAt,
      reminderSentAt: dayjs(sentAt).add(3, 'day').toDate(),
    };
  });
  // What each message's sending added to the counters: its year's and month's (and station's) collected,
  // its delegate's received.
  const figures: Doc = { _id: STREET, years: {}, months: {}, delegates: {} };
  const add = (path: string[]) => {
    let at = figures as Record<string, unknown>;
    for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    const last = path[path.length - 1];
    at[last] = ((at[last] as number | undefined) ?? 0) + 1;
  };
  for (const m of messages) {
    const sent = dayjs(m.createdAt).utcOffset(8 * 60);
    add(['years', sent.format('YYYY'), 'collected']);
    add(['months', sent.format('YYYY-MM'), 'collected']);
    add(['months', sent.format('YYYY-MM'), 'stations', String(m.stationId), 'collected']);
    add(['delegates', String(m.delegateId), 'received']);
  }
  return { messages, figures: [figures] };
}

/**
 * 代表建议 at each stage (suggestions/rules.ts): one closed with 满意, one answered and waiting for the
 * demo delegate's rating, one assigned, one just filed by the demo delegate.
 */
function demoSuggestions(now: Date, people: Doc[]): Doc[] {
  const day = 24 * 3600_000;
  const ago = (days: number) => new Date(now.getTime() - days * day);
  const by = (person: Doc) => ({ delegateId: person._id, delegateName: person.name });
  const base = (id: string, author: Doc, title: string, body: string, category: string, createdDaysAgo: number) => ({
    _id: id,
    streetId: STREET,
    ...by(author),
    coSigners: [] as { delegateId: unknown; name: unknown }[],
    delegateIds: [author._id],
    title,
    body,
    category,
    round: 1,
    createdAt: ago(createdDaysAgo),
  });
  const assigned = (unit: string, assignedDaysAgo: number, dueInDays: number) => ({
    unit,
    assignedAt: ago(assignedDaysAgo),
    dueAt: new Date(ago(assignedDaysAgo).getTime() + dueInDays * day),
    assignedBy: 'staff-openid',
  });
  const closed = {
    ...base('sgdemo1', people[5], '学校周边增设护学岗', '上下学高峰学校门口拥堵，建议增设护学岗并划定临时停车区。', '交通出行', 40),
    ...assigned('街道平安办', 38, 30),
    status: 'closed',
    answer: { body: '已在两所学校门口设置护学岗，每天早晚各一小时，并划定临时停车区 40 个。', class: 'A', at: ago(20), by: 'staff-openid' },
    answeredAt: ago(20),
    satisfaction: 'satisfied',
    steps: [
      { kind: 'submitted', at: ago(40) },
      { kind: 'assigned', at: ago(38), note: '街道平安办' },
      { kind: 'answered', at: ago(20), note: 'A' },
      { kind: 'rated', at: ago(18), note: '满意' },
    ],
  };
  const answered = {
    ...base(
      'sgdemo2',
      people[0],
      '老旧小区增设电动自行车充电桩',
      '幸福里、清风苑等老旧小区电动自行车充电难，飞线充电隐患大，建议统一规划集中充电点。',
      '城市建设',
      25,
    ),
    coSigners: [{ delegateId: people[2]._id, name: people[2].name }],
    delegateIds: [people[0]._id, people[2]._id],
    ...assigned('街道城管科', 24, 30),
    status: 'answered',
    answer: {
      body: '已列入明年老旧小区改造计划，先在幸福里建成两处集中充电点，其余年内完成。',
      class: 'B',
      at: ago(3),
      by: 'staff-openid',
    },
    answeredAt: ago(3),
    steps: [
      { kind: 'submitted', at: ago(25) },
      { kind: 'assigned', at: ago(24), note: '街道城管科' },
      { kind: 'answered', at: ago(3), note: 'B' },
    ],
  };
  const inHand = {
    ...base('sgdemo3', people[8], '社区长者食堂增加晚餐供应', '长者食堂只供午餐，独居老人晚餐不便，建议试行晚餐供应。', '养老服务', 12),
    ...assigned('街道社会事业科', 10, 30),
    status: 'assigned',
    steps: [
      { kind: 'submitted', at: ago(12) },
      { kind: 'assigned', at: ago(10), note: '街道社会事业科' },
    ],
  };
  const filed = {
    ...base('sgdemo4', people[0], '河道沿线增设夜间照明', '运河沿线步道夜间照明不足，晚间散步的居民较多，建议增设路灯。', '城市建设', 1),
    status: 'submitted',
    steps: [{ kind: 'submitted', at: ago(1) }],
  };
  return [closed, answered, inHand, filed].map((d) => ({ ...d, updatedAt: now }));
}

/** 专项评议: one published with its results and 整改事项 (one done), one open for scoring. */
function demoReviews(now: Date): Doc[] {
  const day = 24 * 3600_000;
  const at = (days: number) => new Date(now.getTime() + days * day);
  return [
    {
      _id: 'rvdemo1',
      streetId: STREET,
      title: '2026 年度街道社会事业科专项评议',
      department: '街道社会事业科',
      topics: ['养老服务与长者食堂', '社区卫生服务'],
      criteria: ['工作态度', '办事效率', '整改成效'],
      opensAt: at(-60),
      closesAt: at(-46),
      createdBy: 'staff-openid',
      createdAt: at(-61),
      published: true,
      publishedAt: at(-44),
      results: { count: 37, delegates: 21, residents: 16, averages: [4.3, 3.8, 3.5] },
      rectifications: [
        { id: 'z1', text: '长者食堂增加晚餐供应', status: 'done', doneAt: at(-10), note: '11 月起试行晚餐供应，每周一至周五' },
        { id: 'z2', text: '社区卫生服务站延长周末开放时间', status: 'pending' },
      ],
    },
    {
      _id: 'rvdemo2',
      streetId: STREET,
      title: '2026 年度街道城管科专项评议',
      department: '街道城管科',
      topics: ['占道经营与夜市管理', '老旧小区环境整治'],
      criteria: ['工作态度', '办事效率', '整改成效'],
      opensAt: at(-2),
      closesAt: at(12),
      createdBy: 'staff-openid',
      createdAt: at(-3),
      published: false,
      rectifications: [],
    },
  ];
}

/**
 * 履职 (duties/rules.ts): the year's 履职清单, entries a dozen delegates logged this year (most public,
 * one private), two reception days 周建国 attended that have ended (derived as 接待选民; added to
 * `receptions`, past ones never in a station's upcoming list) and the committee's news.
 */
function demoDuties(now: Date, people: Doc[], receptions: Doc[]): { duties: Doc[]; dutyTargets: Doc[]; news: Doc[] } {
  const today = dayjs(now).utcOffset(8 * 60);
  const year = today.year();
  // Days back from today, kept inside this year (early in January everything falls on 1 January).
  const dayOf = (back: number) => {
    const day = today.subtract(back, 'day');
    return (day.year() === year ? day : today.startOf('year')).format('YYYY-MM-DD');
  };
  const at = (back: number, hour: number) => shanghaiAt(now, -back, hour);
  const station = STATIONS[0];
  [30, 12].forEach((back, i) => {
    const startsAt = dayjs(`${dayOf(back)}T09:00:00+08:00`).toDate();
    receptions.push({
      _id: `rpast${i + 1}`,
      streetId: STREET,
      stationId: station._id,
      stationName: station.name,
      startsAt,
      endsAt: dayjs(startsAt).add(150, 'minute').toDate(),
      theme: i ? '老旧小区加装电梯' : '家门口就业服务',
      delegates: [{ id: String(people[0]._id), name: String(people[0].name) }],
      interestCount: 0,
      createdAt: at(back + 14, 9),
    });
  });
  const entries: [number, string, number, string, string, boolean][] = [
    [0, '走访调研', 40, '清风社区幸福里', '走访幸福里老旧小区，逐户听取加装电梯意见，整理出 3 个单元的共性难题。', true],
    [0, '参加会议', 25, '街道人大工委', '参加工委季度履职交流会，汇报联系选民和建议办理情况。', true],
    [0, '学习培训', 20, '区人大常委会', '参加区人大代表履职能力培训班，学习代表法和议案建议写作。', true],
    [0, '视察督办', 8, '清风河', '随工委视察清风河整治工程进度，提出加快护栏安装的意见。', true],
    [0, '其他', 3, '', '与社区书记碰头，商量下月接待日的主题和通知方式。', false],
    [5, '接待选民', 35, '清风社区代表联络站', '在联络站接待选民 6 人次，涉及停车难和垃圾分类，已分别转社区和城管。', true],
    [10, '走访调研', 28, '和平社区', '调研社区助餐点运营情况，老人反映菜品少、价格偏高。', true],
    [15, '视察督办', 18, '学府路', '视察学校周边护学岗设置情况，早高峰秩序明显改善。', true],
    [20, '参加会议', 15, '街道办事处', '列席街道民生实事项目推进会，关注加装电梯和充电桩两个项目。', true],
    [25, '学习培训', 12, '', '参加线上专题学习：基层立法联系点工作。', true],
    [30, '走访调研', 9, '兴业园区', '走访园区小微企业，收集用工和融资方面的困难。', true],
    [35, '接待选民', 6, '阳光社区代表联络站', '接待日收到 4 条意见，其中路灯维修已当场联系解决。', true],
    [40, '其他', 4, '', '参与社区矛盾调解，协助化解一起相邻漏水纠纷。', true],
    [45, '走访调研', 2, '城东社区', '走访独居老人 5 户，了解助老服务需求。', true],
    [50, '参加会议', 1, '街道人大工委', '参加专项评议动员会，领取评议材料。', true],
  ];
  const duties = entries.map(([person, kind, back, place, summary, isPublic], n) => {
    const delegate = people[person];
    const date = dayOf(back);
    return {
      _id: `dtdemo${String(n + 1).padStart(2, '0')}`,
      streetId: STREET,
      delegateId: delegate._id,
      delegateName: delegate.name,
      groupId: delegate.groupId,
      kind,
      date,
      year: Number(date.slice(0, 4)),
      ...(place ? { place } : {}),
      summary,
      photos: [],
      isPublic,
      status: 'shown',
      createdAt: at(back, 18),
      updatedAt: at(back, 18),
    };
  });
  const dutyTargets = [
    {
      _id: `${STREET}:${year}`,
      streetId: STREET,
      year,
      targets: [
        { kind: '接待选民', required: 4 },
        { kind: '走访调研', required: 2 },
        { kind: '视察督办', required: 1 },
        { kind: '提出建议', required: 1 },
        { kind: '参加会议', required: 2 },
        { kind: '学习培训', required: 1 },
      ],
      updatedAt: at(60, 10),
      updatedBy: 'staff-openid',
    },
  ];
  const news = [
    {
      _id: 'nwdemo1',
      streetId: STREET,
      title: '工委召开季度履职交流会',
      body: '街道人大工委召开季度履职交流会，五个专业代表小组分别交流联系选民、建议办理和专项评议的做法。',
      photos: [],
      createdAt: at(24, 17),
      createdBy: 'staff-openid',
    },
    {
      _id: 'nwdemo2',
      streetId: STREET,
      title: '代表走进清风社区听民意',
      body: '十位代表走进清风社区，围绕老旧小区加装电梯、电动自行车充电等问题听取居民意见，现场收集意见 23 条。',
      photos: [],
      createdAt: at(7, 17),
      createdBy: 'staff-openid',
    },
  ];
  return { duties, dutyTargets, news };
}

/** A station's coming receptions, earliest first, as many as the function keeps. */
function soonest(briefs: Brief[]): Brief[] {
  return [...briefs].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).slice(0, UPCOMING_KEPT);
}

// ---- a vote in progress (docs/architecture.md#voting)

export const DEMO_CAMPAIGN_ID = 'cdemo2027minsheng';
const DEMO_PROJECTS = [
  { title: '老旧小区加装电梯', summary: '为清风、明月两个小区加装电梯 8 部', category: '城市建设', budget: 480 },
  { title: '社区长者食堂', summary: '新建 2 个长者食堂，60 岁以上老人就餐优惠', category: '养老服务', budget: 150 },
  { title: '口袋公园', summary: '利用边角地建 3 个口袋公园', category: '环境整治', budget: 90 },
  { title: '学校周边停车', summary: '增设接送车位 80 个', category: '交通出行', responsibleUnit: '街道城管科' },
  { title: '背街小巷改造', summary: '改造 6 条背街小巷的路面和照明', category: '城市建设', budget: 260 },
];
const DEMO_SHARDS = 4;

/** The function's keyed hash: HMAC-SHA256 of the parts joined by ':' with VOTER_KEY_SECRET. */
export function demoKeyedHash(...parts: string[]): string {
  return createHmac('sha256', process.env.VOTER_KEY_SECRET || LOCAL_SECRETS.VOTER_KEY_SECRET)
    .update(parts.join(':'))
    .digest('hex');
}

/** The receipt demo voter `n` was given (they are not real people; the hashes are what counts). */
export const demoReceipt = (n: number) => `DEMA-VTEK-${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[n].repeat(4)}`;

/** An open resident campaign with live totals, its ballots, their voters' markers and the tallies. */
function demoVote(now: Date): { campaign: Doc; ballots: Doc[]; markers: Doc[]; tallies: Doc[] } {
  const projects = DEMO_PROJECTS.map((p, i) => ({ ...p, id: `p${i + 1}` }));
  const opensAt = shanghaiAt(now, -1, 9);
  const day = (at: Date) =>
    dayjs(at)
      .utcOffset(8 * 60)
      .format('YYYY-MM-DD');
  const campaign: Doc = {
    _id: DEMO_CAMPAIGN_ID,
    streetId: STREET,
    title: '2027 年民生实事项目票选',
    description: '请从下列候选项目中选出您最希望明年办理的 1–3 件实事。结果实时公布，截止后逐张复核。',
    eligibility: 'residents',
    minChoices: 1,
    maxChoices: 3,
    opensAt,
    closesAt: shanghaiAt(now, 7, 18),
    resultsVisibility: 'live',
    projects,
    status: 'open',
    shards: DEMO_SHARDS,
    createdBy: 'demo-staff',
    createdAt: opensAt,
    updatedAt: opensAt,
    openedAt: opensAt,
  };
  const tallies: Doc[] = Array.from({ length: DEMO_SHARDS }, (_, k) => ({
    _id: `${DEMO_CAMPAIGN_ID}:shard-${k}`,
    campaignId: DEMO_CAMPAIGN_ID,
    streetId: STREET,
    shard: k,
    projectIds: projects.map((p) => p.id),
    ballots: 0,
    votes: {} as Record<string, number>,
    public: true,
    closed: false,
  }));
  const ballots: Doc[] = [];
  const markers: Doc[] = [];
  const pick = sequence(2027);
  for (let n = 1; n <= 12; n++) {
    const chosen = [...new Set([pick.next().value! % 5, pick.next().value! % 5, pick.next().value! % 5].slice(0, 1 + (n % 3)))]
      .sort()
      .map((k) => projects[k].id);
    const shard = n % DEMO_SHARDS;
    const castDay = day(n <= 7 ? opensAt : now);
    ballots.push({
      _id: createHash('sha256').update(`demo-ballot-${n}`).digest('hex').slice(0, 24),
      campaignId: DEMO_CAMPAIGN_ID,
      streetId: STREET,
      projectIds: chosen,
      receiptHash: demoKeyedHash('receipt', DEMO_CAMPAIGN_ID, demoReceipt(n).replace(/-/g, '')),
      day: castDay,
      shard,
    });
    markers.push({ _id: demoKeyedHash('marker', DEMO_CAMPAIGN_ID, `openid:demo-voter-${n}`), campaignId: DEMO_CAMPAIGN_ID, day: castDay });
    const tally = tallies[shard] as { ballots: number; votes: Record<string, number> };
    tally.ballots += 1;
    for (const p of chosen) tally.votes[p] = (tally.votes[p] ?? 0) + 1;
  }
  return { campaign, ballots, markers, tallies };
}

// ---- this year's vote, published, and its 民生实事 (docs/architecture.md#projects)

export const DEMO_PUBLISHED_CAMPAIGN_ID = 'cdemo2026published';
const LAST_PROJECTS = [
  {
    title: '老旧小区加装电梯',
    summary: '为幸福里、清风苑两个小区加装电梯 12 部',
    category: '城市建设',
    budget: 600,
    location: '幸福里社区',
  },
  { title: '社区长者食堂', summary: '新建 2 个社区长者食堂，提供助餐送餐', category: '养老服务', budget: 150 },
  { title: '口袋公园', summary: '利用边角地建 3 个口袋公园', category: '环境整治', budget: 90 },
  { title: '学校周边护学通道', summary: '在 3 所小学门口划设护学通道和临时停车位', category: '交通出行', budget: 40 },
  { title: '背街小巷整治', summary: '整治 6 条背街小巷的路面、照明和排水', category: '城市建设', budget: 260 },
];
const LAST_VOTES = [[1, 2], [1], [2, 3], [1, 5], [2], [1, 2], [3, 5], [1], [4, 5], [2, 1]];
const LAST_SHARDS = 2;

/** When this year's vote closed: early in the current Shanghai year, and always before now. */
function lastVoteClosedAt(now: Date): Date {
  const yearStart = dayjs(now)
    .utcOffset(8 * 60)
    .startOf('year')
    .toDate()
    .getTime();
  return new Date(yearStart + Math.min(10 * DAY_MS, (now.getTime() - yearStart) / 2));
}
const DAY_MS = 24 * 3600_000;

/** A resident campaign of this year, closed, recounted and published, with its ballots and sealed shards. */
function demoPublishedVote(now: Date): { campaign: Doc; ballots: Doc[]; markers: Doc[]; tallies: Doc[] } {
  const closesAt = lastVoteClosedAt(now);
  const opensAt = new Date(closesAt.getTime() - 7 * DAY_MS);
  const projects = LAST_PROJECTS.map((p, i) => ({ ...p, id: `p${i + 1}`, selected: true }));
  const day = dayjs(closesAt)
    .utcOffset(8 * 60)
    .subtract(1, 'day')
    .format('YYYY-MM-DD');
  const votes: Record<string, number> = {};
  const ballots: Doc[] = [];
  const markers: Doc[] = [];
  const tallies = Array.from({ length: LAST_SHARDS }, (_, k) => ({
    _id: `${DEMO_PUBLISHED_CAMPAIGN_ID}:final-${k}`,
    campaignId: DEMO_PUBLISHED_CAMPAIGN_ID,
    streetId: STREET,
    shard: k,
    projectIds: projects.map((p) => p.id),
    ballots: 0,
    votes: {} as Record<string, number>,
    public: true,
    closed: true,
  }));
  LAST_VOTES.forEach((chosen, i) => {
    const n = i + 1;
    const projectIds = chosen.map((k) => `p${k}`).sort();
    const shard = n % LAST_SHARDS;
    ballots.push({
      _id: createHash('sha256').update(`demo-published-ballot-${n}`).digest('hex').slice(0, 24),
      campaignId: DEMO_PUBLISHED_CAMPAIGN_ID,
      streetId: STREET,
      projectIds,
      receiptHash: demoKeyedHash('receipt', DEMO_PUBLISHED_CAMPAIGN_ID, demoReceipt(n + 12).replace(/-/g, '')),
      day,
      shard,
    });
    markers.push({
      _id: demoKeyedHash('marker', DEMO_PUBLISHED_CAMPAIGN_ID, `openid:demo-voter-2026-${n}`),
      campaignId: DEMO_PUBLISHED_CAMPAIGN_ID,
      day,
    });
    tallies[shard].ballots += 1;
    for (const p of projectIds) {
      tallies[shard].votes[p] = (tallies[shard].votes[p] ?? 0) + 1;
      votes[p] = (votes[p] ?? 0) + 1;
    }
  });
  const campaign: Doc = {
    _id: DEMO_PUBLISHED_CAMPAIGN_ID,
    streetId: STREET,
    title: `${dayjs(closesAt)
      .utcOffset(8 * 60)
      .year()} 年民生实事项目票选`,
    description: '请从下列候选项目中选出您最希望今年办理的 1–2 件实事。',
    eligibility: 'residents',
    minChoices: 1,
    maxChoices: 2,
    opensAt,
    closesAt,
    resultsVisibility: 'after_close',
    projects,
    status: 'published',
    shards: LAST_SHARDS,
    count: { ballots: ballots.length, votes },
    recount: { ballots: ballots.length, shardBallots: ballots.length, matches: true, at: closesAt },
    createdBy: 'demo-staff',
    createdAt: opensAt,
    updatedAt: closesAt,
    openedAt: opensAt,
    closedAt: closesAt,
    publishedAt: closesAt,
  };
  return { campaign, ballots, markers, tallies };
}

/**
 * The published vote's projects in every status, written as projects/rules.ts stores them (plans,
 * updates, 督办, ratings, alert states; tests/emulator/seed.test.ts holds the derived fields to the
 * function's rules), and this month's cycle tasks.
 */
function demoProjects(now: Date): { projects: Doc[]; tasks: Doc[] } {
  const closesAt = lastVoteClosedAt(now);
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const year = dayjs(closesAt)
    .utcOffset(8 * 60)
    .year();
  const month = dayjs(now)
    .utcOffset(8 * 60)
    .format('YYYY-MM');
  const votes: Record<string, number> = {};
  for (const chosen of LAST_VOTES) for (const k of chosen) votes[`p${k}`] = (votes[`p${k}`] ?? 0) + 1;
  const base = (k: number) => {
    const p = LAST_PROJECTS[k - 1];
    return {
      _id: `${DEMO_PUBLISHED_CAMPAIGN_ID}:p${k}`,
      streetId: STREET,
      projectId: `p${k}`,
      year,
      campaignId: DEMO_PUBLISHED_CAMPAIGN_ID,
      source: 'campaign',
      title: p.title,
      summary: p.summary,
      category: p.category,
      budget: p.budget,
      ...('location' in p ? { location: p.location } : {}),
      votes: votes[`p${k}`] ?? 0,
      createdAt: closesAt,
    };
  };
  const plan = (over: Doc) => ({
    revision: 1,
    responsibleUnit: '街道城管科',
    contact: '城管科办公室 0519-88812301',
    startAt: at(-120),
    deadline: at(120),
    safeguards: ['成立项目工作专班，每周调度', '资金纳入街道年度预算，专款专用', '施工期间设置便民通道和公示牌'],
    groupId: 'g4',
    groupName: '城乡建设',
    savedAt: at(-120),
    savedBy: 'staff-openid',
    ...over,
  });
  const photo = (name: string) => `cloud://demo/${DEMO_PHOTO_DIR}/${name}.png`;

  const elevator = {
    ...base(1),
    responsibleUnit: '街道城管科',
    status: 'in_progress',
    percent: 60,
    plan: plan({
      checkpoints: [
        { id: 'c1', title: '完成设计和居民意见征询', dueAt: at(-90), doneAt: at(-95), updateId: 'u4' },
        { id: 'c2', title: '首批 6 部电梯开工', dueAt: at(-40), doneAt: at(-45), updateId: 'u5' },
        { id: 'c3', title: '12 部电梯全部投入使用', dueAt: at(100) },
      ],
    }),
    revisions: [],
    updates: [
      {
        id: 'u4',
        body: '设计方案完成，幸福里、清风苑 12 个单元居民意见征询全部通过。',
        percent: 20,
        photos: [photo('elevator-meeting')],
        checkpointId: 'c1',
        checkpointTitle: '完成设计和居民意见征询',
        at: at(-95),
        by: 'staff-openid',
      },
      {
        id: 'u5',
        body: '首批 6 部电梯进场施工，每个单元门口公示工期和联系人。',
        percent: 45,
        photos: [photo('elevator-site-1'), photo('elevator-site-2')],
        checkpointId: 'c2',
        checkpointTitle: '首批 6 部电梯开工',
        at: at(-45),
        by: 'staff-openid',
      },
      {
        id: 'u6',
        body: '首批 3 部电梯通过验收投入使用，其余 3 部完成井道施工。',
        percent: 60,
        photos: [photo('elevator-done')],
        at: at(-10),
        by: 'staff-openid',
      },
    ],
    supervisions: [
      {
        id: 's7',
        date: at(-30),
        participants: '城乡建设组代表 5 人、街道城管科、施工单位',
        findings: '施工组织有序，安全防护到位；部分单元施工噪音影响午休，材料堆放占用消防通道。',
        rating: 'minor_issues',
        requests: [
          {
            id: 'r8',
            text: '调整施工时间，中午 12 点至 2 点停止高噪音作业',
            dueAt: at(-20),
            status: 'closed',
            answer: '已与施工单位约定午间停工，并在单元门口公示。',
            closedAt: at(-25),
            closedBy: 'staff-openid',
          },
          { id: 'r9', text: '清理消防通道，材料集中堆放', dueAt: at(10), status: 'open' },
        ],
        recordedBy: 'delegate',
        recorderOpenid: 'demo-delegate-g4',
        at: at(-30),
      },
    ],
    ratings: {},
    seq: 9,
    cycleMonth: month,
    createdAt: closesAt,
    updatedAt: at(-10),
  };
  const canteen = {
    ...base(2),
    responsibleUnit: '街道社会事业科',
    status: 'completed',
    percent: 100,
    completedAt: at(-5),
    plan: plan({
      responsibleUnit: '街道社会事业科',
      contact: '社会事业科 0519-88812302',
      deadline: at(20),
      groupId: 'g3',
      groupName: '社会事业',
      checkpoints: [
        { id: 'c1', title: '完成选址和改造设计', dueAt: at(-80), doneAt: at(-85), updateId: 'u3' },
        { id: 'c2', title: '两个食堂开门营业', dueAt: at(-4), doneAt: at(-5), updateId: 'u4' },
      ],
    }),
    revisions: [],
    updates: [
      {
        id: 'u3',
        body: '选址确定在清风社区服务中心和明月社区活动室，改造设计完成。',
        percent: 30,
        photos: [],
        checkpointId: 'c1',
        checkpointTitle: '完成选址和改造设计',
        at: at(-85),
        by: 'staff-openid',
      },
      {
        id: 'u4',
        body: '两个长者食堂开门营业，60 岁以上老人凭卡就餐享受优惠，行动不便的老人可预约送餐。',
        percent: 100,
        photos: [photo('canteen-open')],
        checkpointId: 'c2',
        checkpointTitle: '两个食堂开门营业',
        at: at(-5),
        by: 'staff-openid',
      },
    ],
    supervisions: [],
    ratings: { d03: 'satisfied', d08: 'basically_satisfied' },
    seq: 4,
    createdAt: closesAt,
    updatedAt: at(-5),
  };
  const park = {
    ...base(3),
    responsibleUnit: '街道城管科',
    status: 'accepted',
    percent: 100,
    completedAt: at(-60),
    acceptedAt: at(-30),
    plan: plan({
      deadline: at(-50),
      checkpoints: [{ id: 'c1', title: '3 个口袋公园建成开放', dueAt: at(-55), doneAt: at(-60), updateId: 'u2' }],
    }),
    revisions: [],
    updates: [
      {
        id: 'u2',
        body: '3 个口袋公园建成开放，增设座椅 40 个、健身器材 12 套。',
        percent: 100,
        photos: [photo('park')],
        checkpointId: 'c1',
        checkpointTitle: '3 个口袋公园建成开放',
        at: at(-60),
        by: 'staff-openid',
      },
    ],
    supervisions: [],
    ratings: { d04: 'satisfied', d09: 'satisfied', d14: 'satisfied', d19: 'basically_satisfied' },
    ratingSummary: { satisfied: 3, basically_satisfied: 1, dissatisfied: 0, total: 4, satisfactionRate: 100 },
    seq: 2,
    createdAt: closesAt,
    updatedAt: at(-30),
  };
  const school = { ...base(4), status: 'planning', percent: 0, createdAt: closesAt };
  const firstAlleyPlan = plan({
    groupId: 'g1',
    groupName: '综合治理',
    deadline: at(30),
    savedAt: at(-100),
    checkpoints: [
      { id: 'c1', title: '完成 6 条小巷摸排', dueAt: at(-70), doneAt: at(-72), updateId: 'u3' },
      { id: 'c2', title: '路面和排水完工', dueAt: at(-20) },
    ],
  });
  const alleys = {
    ...base(5),
    responsibleUnit: '街道城管科',
    status: 'in_progress',
    percent: 30,
    plan: {
      ...firstAlleyPlan,
      revision: 2,
      deadline: at(90),
      savedAt: at(-40),
      reason: '雨污分流管网需与区水务局同步施工，路面完工顺延',
      checkpoints: [
        { id: 'c1', title: '完成 6 条小巷摸排', dueAt: at(-70), doneAt: at(-72), updateId: 'u3' },
        { id: 'c2', title: '路面和排水完工', dueAt: at(-3) },
        { id: 'c4', title: '照明改造完工', dueAt: at(80) },
      ],
    },
    revisions: [firstAlleyPlan],
    updates: [
      {
        id: 'u3',
        body: '完成 6 条背街小巷摸排，形成问题清单 42 项。',
        percent: 30,
        photos: [photo('alley')],
        checkpointId: 'c1',
        checkpointTitle: '完成 6 条小巷摸排',
        at: at(-72),
        by: 'staff-openid',
      },
    ],
    supervisions: [],
    ratings: {},
    seq: 4,
    alerts: { 'cp:c2': 'reminded' },
    cycleMonth: month,
    createdAt: closesAt,
    updatedAt: at(-40),
  };
  const list = [elevator, canteen, park, school, alleys] as Doc[];
  for (const p of list) {
    const due = demoAlertAt(p);
    if (due) p.alertAt = due;
  }
  const odd = Number(month.slice(5)) % 2 === 1;
  const cycleTask = (p: typeof elevator | typeof alleys) => ({
    _id: `${p._id}:${month}`,
    streetId: STREET,
    kind: odd ? 'announce' : 'supervise',
    month,
    projectId: p._id,
    projectTitle: p.title,
    groupId: p.plan.groupId,
    groupName: p.plan.groupName,
    status: 'open',
    ...(odd
      ? {
          draft: `【民生实事进展公告】${p.title}（${dayjs(now)
            .utcOffset(8 * 60)
            .format('YYYY年M月')}）\n当前进度：${p.percent}%`,
        }
      : {}),
    openedAt: shanghaiAt(
      now,
      1 -
        dayjs(now)
          .utcOffset(8 * 60)
          .date(),
      0,
      5,
    ),
  });
  const tasks: Doc[] = [cycleTask(elevator), cycleTask(alleys)];
  // In an odd month 综合治理's 双月督办 of last month is still open (its delegates have not recorded it
  // yet), so the group's liaison and delegates have a 督办 task in every month of the demo.
  if (odd) {
    const last = dayjs(now)
      .utcOffset(8 * 60)
      .startOf('month')
      .subtract(1, 'month');
    tasks.push({
      _id: `${alleys._id}:${last.format('YYYY-MM')}`,
      streetId: STREET,
      kind: 'supervise',
      month: last.format('YYYY-MM'),
      projectId: alleys._id,
      projectTitle: alleys.title,
      groupId: alleys.plan.groupId,
      groupName: alleys.plan.groupName,
      status: 'open',
      openedAt: last.add(5, 'minute').toDate(),
    });
  }
  (elevator as Doc).openTaskIds = [tasks[0]._id];
  (alleys as Doc).openTaskIds = tasks.slice(1).map((t) => t._id);
  return { projects: list, tasks };
}

/** projects/rules.ts nextAlertAt, written out: the next reminder (due date) or escalation (+7 days). */
function demoAlertAt(p: Doc): Date | undefined {
  const alerts = (p.alerts ?? {}) as Record<string, string>;
  const items: { key: string; dueAt: Date }[] = [];
  const plan = p.plan as { checkpoints: { id: string; dueAt: Date; doneAt?: Date }[] } | undefined;
  if (p.status === 'planning' || p.status === 'in_progress')
    for (const c of plan?.checkpoints ?? []) if (!c.doneAt) items.push({ key: `cp:${c.id}`, dueAt: c.dueAt });
  for (const s of (p.supervisions ?? []) as { requests: { id: string; dueAt: Date; status: string }[] }[])
    for (const r of s.requests) if (r.status === 'open') items.push({ key: `rq:${r.id}`, dueAt: r.dueAt });
  const times = items
    .filter((i) => alerts[i.key] !== 'escalated')
    .map((i) => i.dueAt.getTime() + (alerts[i.key] === 'reminded' ? 7 * DAY_MS : 0));
  return times.length ? new Date(Math.min(...times)) : undefined;
}

// ---- the demo's photos: plain coloured pictures put into the emulator's storage beside the data

const DEMO_PHOTO_DIR = 'demo-projects';
const DEMO_PHOTOS: Record<string, [number, number, number]> = {
  'elevator-meeting': [214, 196, 170],
  'elevator-site-1': [160, 174, 192],
  'elevator-site-2': [176, 160, 142],
  'elevator-done': [150, 190, 170],
  'canteen-open': [230, 190, 150],
  park: [140, 190, 120],
  alley: [180, 180, 170],
};

/** The files the demo's records point at (cloud paths under the storage root), as the seed writes them. */
export function demoFiles(): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(DEMO_PHOTOS).map(([name, rgb]) => [`${DEMO_PHOTO_DIR}/${name}.png`, solidPng(240, 180, rgb)]));
}

/** A PNG of one colour (RGB, 8 bits), written by hand so the emulator needs no image library. */
function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
