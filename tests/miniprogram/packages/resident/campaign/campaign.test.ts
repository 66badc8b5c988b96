import { gatewayCaller } from '../../../voting-backend';
import { useDemoBackend } from '../../../demo-backend';
import { renderPage } from '../../../../support/miniprogram';
import { ok, openCampaign } from '../../../../cloud/voting-fixtures';

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
    expect(cast.payload).toEqual({ campaignId: id, projectIds: ['p1', 'p3'] });
    const { receipt } = (cast.result as any).data;
    expect(view.navigations).toEqual([
      { kind: 'redirectTo', url: `/packages/resident/receipt/receipt?campaignId=${id}&receipt=${receipt}&fresh=1` },
    ]);
    expect(await ok(emulator.call('page-voter', 'votes.mine', { campaignId: id }))).toMatchObject({ projectIds: ['p1', 'p3'] });
  });

  it('shows my ballot instead of the choices once I have voted', async () => {
    const emulator = gatewayCaller(backend());
    const { id } = await openCampaign(emulator);
    await ok(emulator.call('page-voted', 'votes.cast', { campaignId: id, projectIds: ['p2'] }));
    const view = await renderPage('packages/resident/campaign/campaign', { emulator, openid: 'page-voted', options: { id } });
    expect(view.text()).toContain('您已投票');
    expect(view.text('.page-state >>> .campaign__voted')).toContain('社区食堂');
    expect(view.has('.page-state >>> .campaign__review')).toBe(false);
  });
});
