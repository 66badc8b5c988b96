// Demo content for `npm start`: one street of a Jiangsu district with its professional groups, its
// 1 家 4 站 4 点, about seventy delegates and the coming reception days, so a newcomer sees a living
// directory. Act as `demo-delegate` (bound to 周建国) or `demo-resident` to try the other roles; the
// unbound delegate 陆文静 accepts the binding code YZTD-2468 (with the default pepper). A 民生实事
// vote is open with live totals and a dozen secret ballots already cast; demo-resident has not voted.
// 代表建议 stand at every stage (one answered waits for 周建国's rating) and a 专项评议 is open while
// last one's results and 整改事项 are published. The year's 履职清单 is set, a dozen delegates have
// logged duties (周建国 attended two past reception days), the committee has posted news to 履职动态,
// and `demo-liaison` (钱国平) is the liaison of 综合治理.
//
// The data is written out as the function would have stored it: the derived fields (sort keys, the
// binding code's hash, a station's upcoming receptions, voter markers, receipt hashes, tallies) are computed here, not by importing the
// function's code, and tests/emulator/seed.test.ts checks them against the function's own rules.
import { createHash, createHmac } from 'node:crypto';
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

export function demoSeed(): Record<string, Record<string, unknown>[]> {
  const now = new Date();
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
    campaigns: [vote.campaign],
    ballots: vote.ballots,
    voterMarkers: vote.markers,
    tallies: vote.tallies,
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
      { _id: 'demo-resident', streetId: STREET, profile: { nickname: '清风居民', community: '清风社区' }, createdAt: now, updatedAt: now },
      { _id: 'demo-liaison', streetId: STREET, profile: { nickname: '钱国平' }, liaisonGroupIds: ['g1'], createdAt: now, updatedAt: now },
    ],
  };
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
