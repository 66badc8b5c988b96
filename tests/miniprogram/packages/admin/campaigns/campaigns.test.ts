import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { fillCampaignForm, gatewayCaller } from '../../../voting-backend';
import { useDemoBackend } from '../../../demo-backend';
import { renderPage } from '../../../../support/miniprogram';
import { campaignInput, EARLY_CLOSE, ok, openCampaign, STAFF } from '../../../../cloud/voting-fixtures';

// 票选管理: staff create a campaign from the form and take it through open, close and publish.

dayjs.extend(utc);
const backend = useDemoBackend();

/** A time `ms` from now as staff pick it: a Shanghai wall clock to the minute. */
const inShanghai = (ms: number) =>
  dayjs(Date.now() + ms)
    .utcOffset(480)
    .format('YYYY-MM-DD HH:mm');

const HOUR = 3600_000;

describe('票选管理', () => {
  it('creates a draft, schedules it after a confirmation, opens and closes early with reasons, publishes, shows the trail', async () => {
    const emulator = gatewayCaller(backend());
    const view = await renderPage('packages/admin/campaigns/campaigns', { emulator, openid: STAFF });
    await view.tap('.campaigns__new');
    // Saved with no times: the refusal is under 开始时间, in Chinese, and nothing is created.
    await fillCampaignForm(view, { title: '页面创建的票选' });
    await view.tap('.campaign-form >>> .campaigns__create');
    expect(view.text('.campaign-form >>> .campaigns__field-error--opensAt')).toMatch(/开始时间/);
    expect(view.toasts).toEqual([]);
    await fillCampaignForm(view, {
      opensAt: inShanghai(HOUR),
      closesAt: inShanghai(24 * HOUR),
      projects: '加装电梯｜城市建设｜为老小区加装电梯｜600\n社区食堂｜养老服务｜长者食堂\n口袋公园|环境整治|边角地建公园',
    });
    expect(view.has('.campaign-form >>> .campaigns__field-error--opensAt')).toBe(false);
    expect(view.text('.campaign-form >>> .campaigns__opens')).toContain(inShanghai(HOUR));
    await view.tap('.campaign-form >>> .campaigns__create');
    expect(view.toasts).toContain('已保存为草稿');
    expect(view.text()).toContain('页面创建的票选');
    const creates = view.apiCalls.filter((c) => c.action === 'admin.campaigns.create');
    expect(creates.map((c) => (c.result as { ok: boolean }).ok)).toEqual([false, true]);
    const id = (creates[1].result as any).data.id;

    await view.tap(`.page-state >>> .campaigns__actions--${id} .campaigns__schedule`);
    expect(view.modals.map((m) => m.title)).toEqual(['排期']);
    expect(view.modals[0].content).toContain('规则冻结');
    expect(view.toasts).toContain('已排期');

    // Opening before the announced time: the page asks why, and sends nothing without a reason it accepts.
    await view.tapText('.campaigns__tabs >>> .t-tabs__item', '已排期');
    await view.tap(`.page-state >>> .campaigns__actions--${id} .campaigns__open`);
    expect(view.text('.page-state >>> .campaigns__reason-box')).toContain('提前开启需要说明理由');
    await view.tap('.page-state >>> .campaigns__reason-confirm');
    expect(view.text('.page-state >>> .campaigns__reason-error')).toBe('提前开启投票需要填写理由');
    await view.fire('.page-state >>> .campaigns__reason', 'change', { value: '街道工作安排提前' });
    await view.tap('.page-state >>> .campaigns__reason-confirm');
    expect(view.toasts).toContain('投票已开启');
    // (Calls made here switch the helper's session away from the page, so states are read at the end.)
    const opens = view.apiCalls.filter((c) => c.action === 'admin.campaigns.open');
    expect(opens.map((c) => [(c.payload as any).reason, (c.result as any).ok])).toEqual([
      [undefined, false],
      ['街道工作安排提前', true],
    ]);

    // (Set-up calls switch the helper's session, so the page is rendered afresh after them.)
    // The form's vote is checked by phone (staff's default): the voter verifies first.
    await emulator.verifyPhone('admin-page-voter', '13811112222');
    await ok(emulator.call('admin-page-voter', 'votes.cast', { campaignId: id, projectIds: ['p2'] }));
    const again = await renderPage('packages/admin/campaigns/campaigns', { emulator, openid: STAFF });
    await again.tapText('.campaigns__tabs >>> .t-tabs__item', '投票中');
    await again.tap(`.page-state >>> .campaigns__actions--${id} .campaigns__close`);
    expect(again.text('.page-state >>> .campaigns__reason-box')).toContain('提前截止需要说明理由');
    await again.fire('.page-state >>> .campaigns__reason', 'change', { value: '项目库调整，本轮作废重投' });
    await again.tap('.page-state >>> .campaigns__reason-confirm');
    await again.tapText('.campaigns__tabs >>> .t-tabs__item', '已截止');
    await again.tap(`.page-state >>> .campaigns__actions--${id} .campaigns__publish`);
    expect(again.toasts).toContain('结果已公布');

    // The trail: every step, newest first, with the change and the reason given.
    await again.tapText('.campaigns__tabs >>> .t-tabs__item', '结果已公布');
    await again.tap(`.page-state >>> .campaigns__actions--${id} .campaigns__trail`);
    expect(again.texts('.page-state >>> .campaigns__trail-what')).toEqual([
      '公布结果（已截止 → 结果已公布）',
      '截止投票（投票中 → 已截止）',
      '开启投票（已排期 → 投票中）',
      '排期（规则冻结）（草稿 → 已排期）',
      '新建草稿',
    ]);
    expect(again.texts('.page-state >>> .campaigns__trail-reason')).toEqual(['理由：项目库调整，本轮作废重投', '理由：街道工作安排提前']);
    expect(again.text('.page-state >>> .campaigns__trail-head')).toContain(`工作人员 …${STAFF.slice(-6)}`);
    const campaign = await ok(emulator.call(STAFF, 'campaigns.get', { id }));
    expect(campaign.status).toBe('published');
    expect(campaign.recount).toMatchObject({ ballots: 1, matches: true });
    expect(campaign.projects.map((p: any) => [p.title, p.category, p.budget])).toEqual([
      ['加装电梯', '城市建设', 600],
      ['社区食堂', '养老服务', undefined],
      ['口袋公园', '环境整治', undefined],
    ]);
  });

  it('takes a scheduled campaign back to draft only after the person confirms', async () => {
    const emulator = gatewayCaller(backend());
    const { id } = await ok(emulator.call(STAFF, 'admin.campaigns.create', campaignInput({ title: '撤回的票选' })));
    await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }));
    const view = await renderPage('packages/admin/campaigns/campaigns', { emulator, openid: STAFF });
    await view.tapText('.campaigns__tabs >>> .t-tabs__item', '已排期');
    view.answerNextModal({ confirm: false });
    await view.tap(`.page-state >>> .campaigns__actions--${id} .campaigns__unschedule`);
    expect(view.modals.map((m) => m.title)).toEqual(['撤回为草稿']);
    expect((await ok(emulator.call(STAFF, 'campaigns.get', { id }))).status).toBe('scheduled');

    const view2 = await renderPage('packages/admin/campaigns/campaigns', { emulator, openid: STAFF });
    await view2.tapText('.campaigns__tabs >>> .t-tabs__item', '已排期');
    await view2.tap(`.page-state >>> .campaigns__actions--${id} .campaigns__unschedule`);
    expect(view2.toasts).toContain('已撤回为草稿');
    expect((await ok(emulator.call(STAFF, 'campaigns.get', { id }))).status).toBe('draft');
  });

  it('enters a station’s paper batch; a second staff member confirms it blind, a mismatch counting nothing', async () => {
    const emulator = gatewayCaller(backend());
    const second = 'page-second-staff';
    await ok(emulator.call(STAFF, 'admin.staff.grant', { openid: second }));
    const { id } = await openCampaign(emulator, { title: '纸质票页面' });
    const panel = '.page-state >>> .paper-panel >>> ';
    const fillSheet = async (view: Awaited<ReturnType<typeof renderPage>>, ballots: string, votes: string[]) => {
      await view.fire(`${panel}.paper__ballots`, 'change', { value: ballots });
      for (const [k, value] of votes.entries()) await view.fire(`${panel}.paper__votes--p${k + 1}`, 'change', { value });
    };

    const first = await renderPage('packages/admin/campaigns/campaigns', { emulator, openid: STAFF });
    await first.tapText('.campaigns__tabs >>> .t-tabs__item', '投票中');
    await first.tap(`.page-state >>> .campaigns__actions--${id} .campaigns__paper`);
    expect(first.text(`${panel}.paper__totals`)).toBe('尚无计入的纸质票');
    await first.tap(`${panel}.paper__enter`);
    await first.tap(`${panel}.paper__submit`);
    expect(first.text(`${panel}.paper__error`)).toBe('请选择站点');
    await first.tap(`${panel}.paper__station-choice`);
    // A project left empty is named by the server; nothing is entered.
    await fillSheet(first, '8', ['5', '4', '3']);
    await first.tap(`${panel}.paper__submit`);
    expect(first.text(`${panel}.paper__error`)).toBe('请填写「学校周边停车」的票数（没有票填 0）');
    await first.fire(`${panel}.paper__votes--p4`, 'change', { value: '0' });
    await first.tap(`${panel}.paper__submit`);
    expect(first.toasts).toContain('已录入，待复核');
    expect(first.text(`${panel}.paper__row`)).toContain('待复核');
    // The one who entered sees the batch but its figures are nowhere on the page.
    expect(first.has(`${panel}.paper__figures`)).toBe(false);

    const other = await renderPage('packages/admin/campaigns/campaigns', { emulator, openid: second });
    await other.tapText('.campaigns__tabs >>> .t-tabs__item', '投票中');
    await other.tap(`.page-state >>> .campaigns__actions--${id} .campaigns__paper`);
    await other.tap(`${panel}.paper__confirm`);
    await fillSheet(other, '8', ['5', '3', '3', '0']);
    await other.tap(`${panel}.paper__submit`);
    expect(other.text(`${panel}.paper__mismatch`)).toContain('与第一次录入不一致：「社区食堂」的票数');
    expect(other.text(`${panel}.paper__totals`)).toBe('尚无计入的纸质票');
    await other.fire(`${panel}.paper__votes--p2`, 'change', { value: '4' });
    await other.tap(`${panel}.paper__submit`);
    expect(other.toasts).toContain('复核一致，已计入');
    expect(other.text(`${panel}.paper__totals`)).toBe('已计入 1 个站点，共 8 张纸质票');
    expect(other.text(`${panel}.paper__row`)).toContain('8 张：老旧小区加装电梯 5，社区食堂 4，口袋公园 3，学校周边停车 0');
    expect(other.text(`${panel}.paper__row`)).toContain('复核不一致 1 次');

    // Residents read online, paper and combined totals once published.
    await ok(emulator.call(STAFF, 'admin.campaigns.close', { id, ...EARLY_CLOSE }));
    await ok(emulator.call(STAFF, 'admin.campaigns.publish', { id }));
    const results = await renderPage('packages/resident/results/results', { emulator, openid: 'paper-page-reader', options: { id } });
    expect(results.text('.page-state >>> .results__meta')).toContain('共 8 张选票');
    expect(results.text('.page-state >>> .results__sources')).toBe('其中网上 0 张，纸质 8 张（1 个站点），合计计票');
  });

  it('is refused to residents', async () => {
    const emulator = gatewayCaller(backend());
    const view = await renderPage('packages/admin/campaigns/campaigns', { emulator, openid: 'not-staff' });
    expect(view.text()).toContain('只有工委工作人员可以查看草稿');
  });
});
