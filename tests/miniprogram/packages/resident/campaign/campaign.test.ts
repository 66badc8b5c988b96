import { gatewayCaller } from '../../../voting-backend';
import { useDemoBackend } from '../../../demo-backend';
import { renderPage } from '../../../../support/miniprogram';
import { campaignInput, EARLY_OPEN, ok, openCampaign } from '../../../../cloud/voting-fixtures';

// 项目票选: the projects with their details, choosing between min and max, the confirm step, the cast.

const backend = useDemoBackend();

describe('项目票选', () => {
  it('shows the projects with their details, enforces the maximum, confirms, casts and opens the receipt', async () => {
    const emulator = gatewayCaller(backend());
    const { id } = await openCampaign(emulator, { minChoices: 1, maxChoices: 2 });
    const view = await renderPage('packages/resident/campaign/campaign', { emulator, openid: 'page-voter', options: { id } });
    expect(view.text()).toContain('2027 年民生实事项目票选');
    expect(view.text()).toContain('老旧小区加装电梯');
    expect(view.text()).toContain('预算约 600 万元');
    expect(view.text()).toContain('责任单位：街道城管科');
    expect(view.text()).toContain('请选择 1–2 个项目，已选 0 个');

    await view.tap('.page-state >>> .campaign__project--p1');
    await view.tap('.page-state >>> .campaign__project--p3');
    await view.tap('.page-state >>> .campaign__project--p4');
    expect(view.toasts).toEqual(['最多只能选择 2 个项目']);
    expect(view.text()).toContain('已选 2 个');

    await view.tap('.page-state >>> .campaign__review');
    const confirm = view.text('.page-state >>> .campaign__confirm');
    expect(confirm).toContain('1. 老旧小区加装电梯');
    expect(confirm).toContain('2. 口袋公园');
    expect(confirm).toContain('投票提交后不能更改');
    expect(view.apiCalls.filter((c) => c.action === 'votes.cast')).toHaveLength(0);

    await view.tap('.page-state >>> .campaign__confirm-button');
    const cast = view.apiCalls.find((c) => c.action === 'votes.cast')!;
    expect(cast.payload).toEqual({ campaignId: id, projectIds: ['p1', 'p3'], requestId: expect.any(String) });
    const { receipt } = (cast.result as any).data;
    expect(view.navigations).toEqual([
      { kind: 'redirectTo', url: `/packages/resident/receipt/receipt?campaignId=${id}&receipt=${receipt}&fresh=1` },
    ]);
    // The server knows that I voted, not what; this phone shows what I chose, and my receipt.
    expect(await ok(emulator.call('page-voter', 'votes.mine', { campaignId: id }))).toEqual({ voted: true, day: expect.any(String) });
    const again = await renderPage('packages/resident/campaign/campaign', { emulator, openid: 'page-voter', options: { id } });
    const voted = again.text('.page-state >>> .campaign__voted');
    expect(voted).toContain('1. 老旧小区加装电梯');
    expect(voted).toContain('2. 口袋公园');
    expect(voted).toContain(`凭证码 ${receipt}`);
    expect(again.has('.page-state >>> .campaign__review')).toBe(false);
  });

  it('one project to choose: radios, where choosing another moves the choice; several: checkboxes, where a tap unticks (issue 13, item 3)', async () => {
    const emulator = gatewayCaller(backend());
    const single = await openCampaign(emulator, { minChoices: 1, maxChoices: 1 });
    let view = await renderPage('packages/resident/campaign/campaign', {
      emulator,
      openid: 'page-voter-radio',
      options: { id: single.id },
    });
    expect(view.has('.page-state >>> .campaign__project--p1 >>> .t-radio__icon')).toBe(true);
    await view.tap('.page-state >>> .campaign__project--p1');
    await view.tap('.page-state >>> .campaign__project--p3');
    await view.tap('.page-state >>> .campaign__project--p3'); // a radio stays chosen
    expect(view.toasts).toEqual([]);
    expect(view.text()).toContain('已选 1 个');
    await view.tap('.page-state >>> .campaign__review');
    expect(view.texts('.page-state >>> .campaign__chosen')).toEqual(['1. 口袋公园']);

    const several = await openCampaign(emulator, { minChoices: 1, maxChoices: 3 });
    view = await renderPage('packages/resident/campaign/campaign', { emulator, openid: 'page-voter-check', options: { id: several.id } });
    expect(view.has('.page-state >>> .campaign__project--p1 >>> .t-checkbox__icon')).toBe(true);
    await view.tap('.page-state >>> .campaign__project--p1');
    await view.tap('.page-state >>> .campaign__project--p3');
    await view.tap('.page-state >>> .campaign__project--p1'); // unticked
    expect(view.text()).toContain('已选 1 个');
  });

  it('a ballot whose answer was lost is sent again with the same request and keeps its receipt', async () => {
    const emulator = gatewayCaller(backend());
    const { id } = await openCampaign(emulator);
    const view = await renderPage('packages/resident/campaign/campaign', { emulator, openid: 'page-lost', options: { id } });
    await view.tap('.page-state >>> .campaign__project--p2');
    await view.tap('.page-state >>> .campaign__review');
    // The ballot lands but both answers (the call and the service's own retry) are lost on the way back.
    view.loseNextAnswers(2);
    await view.tap('.page-state >>> .campaign__confirm-button');
    expect(view.navigations).toEqual([]);
    await view.tap('.page-state >>> .campaign__confirm-button');
    const casts = view.apiCalls.filter((c) => c.action === 'votes.cast');
    const sent = casts.map((c) => (c.payload as any).requestId);
    expect(new Set(sent).size).toBe(1);
    const { receipt } = (casts[casts.length - 1].result as any).data;
    expect(view.navigations).toEqual([
      { kind: 'redirectTo', url: `/packages/resident/receipt/receipt?campaignId=${id}&receipt=${receipt}&fresh=1` },
    ]);
    expect(await ok(emulator.call('page-lost', 'votes.verify', { campaignId: id, receipt }))).toMatchObject({ counted: true });
  });

  it('on another phone, says that I voted and on which day, and that the choices stay on the phone I voted with', async () => {
    const emulator = gatewayCaller(backend());
    const { id } = await openCampaign(emulator);
    await ok(emulator.call('page-voted', 'votes.cast', { campaignId: id, projectIds: ['p2'] }));
    const view = await renderPage('packages/resident/campaign/campaign', { emulator, openid: 'page-voted', options: { id } });
    const voted = view.text('.page-state >>> .campaign__voted');
    expect(voted).toContain('您已投票');
    expect(voted).toMatch(/\d{4}年\d{1,2}月\d{1,2}日投票/);
    expect(voted).toContain('只保存在投票时使用的手机上');
    expect(voted).not.toContain('社区食堂');
    expect(view.has('.page-state >>> .campaign__review')).toBe(false);
  });

  describe('a vote checked by phone', () => {
    it('verifies the number and casts in one tap, and a second account with that number has voted already', async () => {
      const emulator = gatewayCaller(backend());
      // As staff make it: without `verification`, a resident vote is checked by phone.
      const { id } = await openCampaign(emulator, { verification: undefined });
      const view = await renderPage('packages/resident/campaign/campaign', { emulator, openid: 'page-phone-a', options: { id } });
      await view.tap('.page-state >>> .campaign__project--p2');
      await view.tap('.page-state >>> .campaign__review');
      expect(view.text('.page-state >>> .campaign__confirm')).toContain('一个号码只能投一票');
      expect(view.has('.page-state >>> .campaign__confirm-button')).toBe(false);

      await view.sharePhone('.page-state >>> .campaign__phone-confirm', '13712345678');
      const calls = view.apiCalls.map((c) => c.action);
      expect(calls.slice(calls.indexOf('me.verifyPhone'))).toEqual(['me.verifyPhone', 'votes.cast']);
      const { receipt } = (view.apiCalls.find((c) => c.action === 'votes.cast')!.result as any).data;
      expect(view.navigations).toEqual([
        { kind: 'redirectTo', url: `/packages/resident/receipt/receipt?campaignId=${id}&receipt=${receipt}&fresh=1` },
      ]);

      // Another WeChat account verified with the same number: that number has voted.
      await emulator.verifyPhone('page-phone-b', '13712345678');
      const other = await renderPage('packages/resident/campaign/campaign', { emulator, openid: 'page-phone-b', options: { id } });
      expect(other.text('.page-state >>> .campaign__voted')).toContain('您已投票');
      expect(other.has('.page-state >>> .campaign__review')).toBe(false);
    });

    it('a verified resident casts with the pass the page was given, and the server then reads only the marker', async () => {
      const emulator = gatewayCaller(backend());
      const { id } = await openCampaign(emulator, { verification: undefined });
      await emulator.verifyPhone('page-phone-pass', '13712340000');
      const view = await renderPage('packages/resident/campaign/campaign', { emulator, openid: 'page-phone-pass', options: { id } });
      const mine = (view.apiCalls.find((c) => c.action === 'votes.mine')!.result as any).data;
      expect(mine.pass).toEqual(expect.any(String));
      await view.tap('.page-state >>> .campaign__project--p1');
      await view.tap('.page-state >>> .campaign__review');
      await view.tap('.page-state >>> .campaign__confirm-button');
      const cast = view.apiCalls.find((c) => c.action === 'votes.cast')!;
      expect(cast.payload).toMatchObject({ campaignId: id, pass: mine.pass });
      expect((cast.result as any).ok).toBe(true);
      expect(view.navigations[0].url).toContain('/packages/resident/receipt/receipt?');
    });

    it('declining to share the number casts nothing and says how to come back', async () => {
      const emulator = gatewayCaller(backend());
      const { id } = await openCampaign(emulator, { verification: undefined });
      const view = await renderPage('packages/resident/campaign/campaign', { emulator, openid: 'page-phone-no', options: { id } });
      await view.tap('.page-state >>> .campaign__project--p1');
      await view.tap('.page-state >>> .campaign__review');
      await view.refusePhone('.page-state >>> .campaign__phone-confirm');
      expect(view.apiCalls.filter((c) => c.action === 'votes.cast' || c.action === 'me.verifyPhone')).toEqual([]);
      expect(view.toasts).toEqual(['未验证手机号。需要参与投票时，可随时再来验证']);
      expect(view.has('.page-state >>> .campaign__phone-confirm')).toBe(true);
    });

    it('a number not on the roster is told so, cannot choose, and may verify another number', async () => {
      const emulator = gatewayCaller(backend());
      const created = await ok<{ id: string }>(
        emulator.call('staff-openid', 'admin.campaigns.create', campaignInput({ verification: undefined, title: '名册投票' })),
      );
      const id = created.id;
      await ok(emulator.call('staff-openid', 'admin.rosters.import', { campaignId: id, csv: '13800005678' }));
      await ok(emulator.call('staff-openid', 'admin.campaigns.schedule', { id }));
      await ok(emulator.call('staff-openid', 'admin.campaigns.open', { id, ...EARLY_OPEN }));
      await emulator.verifyPhone('page-roster', '13600009999');

      const view = await renderPage('packages/resident/campaign/campaign', { emulator, openid: 'page-roster', options: { id } });
      expect(view.text('.page-state >>> .campaign__roster')).toContain('136****9999 不在本次投票的住户名册中');
      await view.tap('.page-state >>> .campaign__project--p1');
      await view.tap('.page-state >>> .campaign__review');
      expect(view.has('.page-state >>> .campaign__confirm')).toBe(false);

      await view.sharePhone('.page-state >>> .campaign__change-phone', '13800005678');
      expect(view.has('.page-state >>> .campaign__roster')).toBe(false);
      await view.tap('.page-state >>> .campaign__project--p1');
      await view.tap('.page-state >>> .campaign__review');
      await view.tap('.page-state >>> .campaign__confirm-button');
      expect(view.apiCalls.find((c) => c.action === 'votes.cast')?.result).toMatchObject({ ok: true });
    });
  });
});
