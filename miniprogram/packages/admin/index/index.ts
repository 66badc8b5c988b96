import { call } from '../../../services/api';
import { openPage } from '../../../services/feedback';
import { definePage } from '../../../services/page';
import { routes } from '../../../services/routes';

// 管理后台: staff's entry points. The server decides who is staff (me.get); everyone else is told
// plainly that the area is not theirs. Each admin action checks the role again on the server.

interface AdminEntry {
  key: keyof typeof routes;
  title: string;
  description: string;
}

interface AdminData {
  entries: AdminEntry[];
}

const ENTRIES: AdminEntry[] = [
  { key: 'adminDelegates', title: '代表管理', description: '新增代表、发放绑定码、专业小组' },
  { key: 'adminStations', title: '家站点管理', description: '地址、开放时间、接待日' },
  { key: 'adminCampaigns', title: '民生实事投票', description: '发布票选、开启与结束、公布结果' },
  { key: 'adminOverdue', title: '留言督办', description: '超过时限仍未答复的留言' },
  { key: 'adminProjects', title: '民生实事', description: '实施方案、进展公告、单月公告与双月督办、验收' },
  { key: 'adminSuggestions', title: '代表建议', description: '交办承办单位、登记答复、跟踪超期' },
  { key: 'adminReviews', title: '专项评议', description: '发起评议、公布结果、跟踪整改' },
  { key: 'adminDuties', title: '履职统计', description: '设定履职清单，按小组和代表统计履职' },
  { key: 'adminNews', title: '履职动态', description: '发布工委动态，撤下已发布的动态' },
  { key: 'adminModeration', title: '内容审核', description: '待审核的留言与回复' },
  { key: 'adminWall', title: '留言墙管理', description: '审核、撤下或重新展示公开的留言' },
  { key: 'adminStaff', title: '工作人员', description: '授予或收回管理权限' },
];

definePage({
  data: {
    entries: [],
  } as AdminData,
  async firstScreen() {
    const me = await call('me.get', {});
    return me.roles.includes('staff') ? { status: 'ready', entries: ENTRIES } : { status: 'empty' };
  },
  methods: {
    onOpenEntry(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { key: AdminEntry['key'] }>) {
      openPage(routes[event.currentTarget.dataset.key]);
    },
  },
});
