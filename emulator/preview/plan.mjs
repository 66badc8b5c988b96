// Which page to open as whom, with which query, on the demo data: shared by `npm run screenshots` and
// the real-browser checks (tests/browser). The page list is app.json's, read when asked, so a page
// added by anyone is visited too; a page this file knows nothing about opens without a query.
//
// Who opens what: the tab pages as each role (我的 and 首页 differ by role), the resident package as a
// resident, the delegate package as the bound demo delegate, the admin package as staff.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROLES = { resident: 'demo-resident', delegate: 'demo-delegate', staff: 'staff-openid' };

/** The demo delegate 周建国 (emulator/seed/demo.ts), bound to demo-delegate. */
const DEMO_DELEGATE_ID = 'd01';
const HOUR = 3600_000;
/** The published vote whose projects the demo seed carries through their plans (emulator/seed/demo.ts). */
const DEMO_PROJECTS_CAMPAIGN = 'cdemo2026published';

export function rolesFor(page, tabPages) {
  if (tabPages.includes(page)) return ['resident', 'delegate', 'staff'];
  if (page.startsWith('packages/delegate/')) return ['delegate'];
  if (page.startsWith('packages/admin/')) return ['staff'];
  return ['resident'];
}

/**
 * Makes what the key screens show, as the people would (through the gateway): a resident's message
 * answered by the demo delegate, an open campaign with the resident's ballot, and a published one.
 * Each step is best effort: when the contract has moved on, the pages that needed it open without
 * their query (and show their own error state) and the step's failure is in `skipped`.
 *
 * `call(openid, action, payload)` answers the function's `{ ok, data | error }`; `phoneCode(openid,
 * phoneNumber)` answers the emulator's one-time code for that number (POST /_emulator/phone-codes), so
 * voters verify their phones as the campaigns (checked by phone, as staff get by default) require.
 */
export async function prepareDemo(call, phoneCode) {
  const facts = { skipped: [] };
  let counter = 0;
  const requestId = () => `preview-${Date.now().toString(36)}-${(counter += 1)}`;
  const step = async (name, run) => {
    try {
      await run();
    } catch (error) {
      facts.skipped.push(`${name}: ${error?.message ?? error}`);
    }
  };
  const ok = async (openid, action, payload) => {
    const answer = await call(openid, action, payload);
    if (!answer?.ok) throw new Error(`${action} answered ${JSON.stringify(answer?.error ?? answer)}`);
    return answer.data;
  };
  const verifyPhone = async (openid, phoneNumber) => ok(openid, 'me.verifyPhone', { code: await phoneCode(openid, phoneNumber) });

  await step('message', async () => {
    const sent = await ok(ROLES.resident, 'messages.send', {
      delegateId: DEMO_DELEGATE_ID,
      category: '交通出行',
      title: '幸福里小区门口早高峰拥堵',
      body: '每天早上七点半到八点半，小区门口接送学生的车辆占道停放，行人只能走机动车道，希望能增设临时停车位并安排人员疏导。',
      isPublic: true,
      requestId: requestId(),
    });
    facts.messageId = sent.id;
    await ok(ROLES.delegate, 'messages.reply', {
      id: sent.id,
      body: '您好，已收到。我会在本周接待日约交警中队和社区一起到现场查看，下周给您答复。',
      requestId: requestId(),
    });
  });

  const projects = [
    { title: '老旧小区加装电梯', summary: '为 5 个老旧小区加装电梯 12 部', category: '城市建设', budget: 600, location: '幸福里社区' },
    { title: '社区长者食堂', summary: '新建 2 个社区长者食堂，提供助餐送餐', category: '养老服务', budget: 150 },
    { title: '口袋公园', summary: '利用边角地建 3 个口袋公园', category: '环境整治' },
    { title: '学校周边停车', summary: '增设接送车位 80 个', category: '交通出行', responsibleUnit: '街道城管科' },
  ];
  const campaign = (title) => ({
    title,
    description: '请从下列候选项目中选出您最希望明年办理的实事。',
    eligibility: 'residents',
    minChoices: 1,
    maxChoices: 2,
    opensAt: new Date(Date.now() + HOUR).toISOString(),
    closesAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    projects,
    requestId: requestId(),
  });

  // Staff create, schedule, and open early (with the reason the audit trail keeps).
  const open = async (title) => {
    const created = await ok(ROLES.staff, 'admin.campaigns.create', campaign(title));
    await ok(ROLES.staff, 'admin.campaigns.schedule', { id: created.id, requestId: requestId() });
    await ok(ROLES.staff, 'admin.campaigns.open', { id: created.id, reason: '演示：提前开启', requestId: requestId() });
    return created;
  };

  await step('published campaign', async () => {
    const created = await open('2026 年民生实事项目票选');
    for (const [index, openid] of ['preview-voter-1', 'preview-voter-2', 'preview-voter-3'].entries()) {
      await verifyPhone(openid, `1390000000${index + 1}`);
      await ok(openid, 'votes.cast', { campaignId: created.id, projectIds: created.projectIds.slice(index % 2, (index % 2) + 2) });
    }
    await ok(ROLES.staff, 'admin.campaigns.close', { id: created.id, reason: '演示：提前截止' });
    await ok(ROLES.staff, 'admin.campaigns.publish', { id: created.id });
    facts.resultsCampaignId = created.id;
    await ok(ROLES.staff, 'admin.campaigns.select', { id: created.id, projectIds: created.projectIds.slice(0, 2), requestId: requestId() });
  });

  await step('open campaign', async () => {
    const created = await open('2027 年民生实事项目票选');
    facts.campaignId = created.id;
    await verifyPhone(ROLES.resident, '13812341234');
    const cast = await ok(ROLES.resident, 'votes.cast', { campaignId: created.id, projectIds: created.projectIds.slice(0, 2) });
    facts.receipt = cast.receipt;
  });

  await step('suggestion', async () => {
    const { id } = await ok(ROLES.delegate, 'suggestions.submit', {
      title: '老旧小区增设电动自行车充电桩',
      body: '幸福里、清风苑等老旧小区电动自行车充电难，飞线充电隐患大，建议统一规划集中充电点。',
      category: '城市建设',
      requestId: requestId(),
    });
    await ok(ROLES.staff, 'admin.suggestions.assign', {
      id,
      unit: '街道城管科',
      dueAt: new Date(Date.now() + 30 * 24 * HOUR).toISOString(),
      requestId: requestId(),
    });
    await ok(ROLES.staff, 'admin.suggestions.answer', {
      id,
      answer: '已列入明年老旧小区改造计划，先在幸福里建成两处集中充电点，其余年内完成。',
      class: 'B',
      requestId: requestId(),
    });
    facts.suggestionId = id;
  });

  await step('review', async () => {
    const { id } = await ok(ROLES.staff, 'admin.reviews.create', {
      title: '2026 年度街道城管科专项评议',
      department: '街道城管科',
      topics: ['占道经营与夜市管理', '老旧小区环境整治'],
      criteria: ['工作态度', '办事效率', '整改成效'],
      opensAt: new Date(Date.now() - HOUR).toISOString(),
      closesAt: new Date(Date.now() + 14 * 24 * HOUR).toISOString(),
      requestId: requestId(),
    });
    facts.reviewId = id;
  });

  await step('station', async () => {
    const stations = await ok(ROLES.resident, 'stations.list', {});
    facts.stationId = stations.items?.[0]?.id;
  });
  return facts;
}

/** The query a page needs to show the demo content, from what prepareDemo made. */
export function queryFor(page, facts) {
  const queries = {
    'packages/resident/thread/thread': facts.messageId && { id: facts.messageId },
    'packages/delegate/thread/thread': facts.messageId && { id: facts.messageId },
    'packages/resident/delegate/delegate': { id: DEMO_DELEGATE_ID },
    'packages/resident/compose/compose': { delegateId: DEMO_DELEGATE_ID },
    'packages/resident/campaign/campaign': facts.campaignId && { id: facts.campaignId },
    'packages/resident/receipt/receipt': facts.campaignId && facts.receipt && { campaignId: facts.campaignId, receipt: facts.receipt },
    'packages/resident/results/results': facts.resultsCampaignId && { id: facts.resultsCampaignId },
    'packages/admin/receptions/receptions': facts.stationId && { stationId: facts.stationId },
    'packages/admin/assisted/assisted': facts.campaignId && { id: facts.campaignId },
    'packages/resident/suggestion/suggestion': facts.suggestionId && { id: facts.suggestionId },
    'packages/resident/review/review': facts.reviewId && { id: facts.reviewId },
    'packages/resident/report/report': { delegateId: DEMO_DELEGATE_ID },
    // 民生实事 of the demo seed (emulator/seed/demo.ts): p1 under way, p4 being planned, p5 supervised by 周建国's group.
    'packages/resident/project/project': { id: `${DEMO_PROJECTS_CAMPAIGN}:p1` },
    'packages/admin/project-plan/project-plan': { id: `${DEMO_PROJECTS_CAMPAIGN}:p4` },
    'packages/admin/project-update/project-update': { id: `${DEMO_PROJECTS_CAMPAIGN}:p1` },
    'packages/delegate/supervision/supervision': { projectId: `${DEMO_PROJECTS_CAMPAIGN}:p5` },
  };
  return queries[page] || {};
}

/** Every page app.json declares, main package first, then subpackages. `root` is the repository's. */
export function appPages(root) {
  const app = appJson(root);
  const pages = [...app.pages];
  for (const sub of app.subPackages ?? []) for (const page of sub.pages) pages.push(path.posix.join(sub.root, page));
  return pages;
}

export function appTabPages(root) {
  return (appJson(root).tabBar?.list ?? []).map((item) => item.pagePath);
}

function appJson(root) {
  const file = path.join(root, 'miniprogram', 'app.json');
  if (!existsSync(file)) throw new Error(`no ${file}`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Every page of app.json as each role that opens it: `{ page, role, openid }` (queries come from the demo). */
export function pageRoles(root) {
  const tabPages = appTabPages(root);
  return appPages(root).flatMap((page) => rolesFor(page, tabPages).map((role) => ({ page, role, openid: ROLES[role] })));
}

/** The preview address of a visit. */
export function previewPath(visit, query = {}, options = {}) {
  const params = new URLSearchParams({ page: visit.page, openid: visit.openid, ...query });
  if (options.largeText) params.set('text', 'large');
  return `/preview/phone.html?${params}`;
}
