import { gatewayCaller } from '../../../voting-backend';
import { useDemoBackend } from '../../../demo-backend';
import { renderPage } from '../../../../support/miniprogram';
import { campaignInput, EARLY_OPEN, ok, openCampaign, STAFF } from '../../../../cloud/voting-fixtures';

// 代办投票 (issue 9, item 8): at a 家站点 staff help a resident choose; the resident verifies their own
// number on the staff member's phone and the ballot is theirs.

const backend = useDemoBackend();

async function setUp() {
  const emulator = gatewayCaller(backend());
  const { id } = await ok<{ id: string }>(
    emulator.call(STAFF, 'admin.campaigns.create', campaignInput({ title: '代办页票选', verification: undefined })),
  );
  await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id }));
  await ok(emulator.call(STAFF, 'admin.campaigns.open', { id, ...EARLY_OPEN }));
  const station = await ok<{ id: string }>(
    emulator.call(STAFF, 'admin.stations.create', { kind: 'station', name: '运河家站点', address: '运河路 1 号' }),
  );
  return { emulator, id, stationId: station.id };
}

describe('代办投票', () => {
  it('the resident chooses, verifies their own number in one tap, and sees their receipt; the next resident starts clean', async () => {
    const { emulator, id, stationId } = await setUp();
    const view = await renderPage('packages/admin/assisted/assisted', { emulator, openid: STAFF, options: { id } });
    expect(view.text()).toContain('代办页票选');

    await view.tap('.page-state >>> .assisted__project--p1');
    await view.tap('.page-state >>> .assisted__review');
    expect(view.toasts).toEqual(['请先选择代办所在的站点']);
    await view.tap(`.page-state >>> .assisted__station--${stationId}`);
    await view.tap('.page-state >>> .assisted__review');
    expect(view.text('.page-state >>> .assisted__confirm')).toContain('1. 老旧小区加装电梯');

    await view.sharePhone('.page-state >>> .assisted__cast', '13766667777');
    const cast = view.apiCalls.find((c) => c.action === 'admin.votes.castAssisted')!;
    expect(cast.payload).toEqual({
      campaignId: id,
      stationId,
      code: expect.any(String),
      projectIds: ['p1'],
      requestId: expect.any(String),
    });
    const { receipt } = (cast.result as any).data;
    expect(view.text('.page-state >>> .assisted__done')).toContain(`凭证码 ${receipt}`);
    expect(view.text()).toContain('本次已代办 1 票');

    await view.tap('.page-state >>> .assisted__next');
    expect(view.has('.page-state >>> .assisted__done')).toBe(false);
    expect(view.text()).not.toContain(receipt);
    expect(view.text()).toContain('已选 0 个');

    // The ballot counts and is the resident's: on their own phone with that number, they have voted.
    expect(await ok(emulator.call('any-reader', 'votes.verify', { campaignId: id, receipt }))).toMatchObject({ counted: true });
    await emulator.verifyPhone('assisted-page-resident', '13766667777');
    expect(await ok(emulator.call('assisted-page-resident', 'votes.mine', { campaignId: id }))).toMatchObject({ voted: true });
  });

  it('a number that has voted already is told so, and no receipt is shown', async () => {
    const { emulator, id, stationId } = await setUp();
    await emulator.verifyPhone('already-voted', '13788889999');
    await ok(emulator.call('already-voted', 'votes.cast', { campaignId: id, projectIds: ['p2'] }));
    const view = await renderPage('packages/admin/assisted/assisted', { emulator, openid: STAFF, options: { id } });
    await view.tap(`.page-state >>> .assisted__station--${stationId}`);
    await view.tap('.page-state >>> .assisted__project--p1');
    await view.tap('.page-state >>> .assisted__review');
    await view.sharePhone('.page-state >>> .assisted__cast', '13788889999');
    expect(view.toasts).toEqual(['您已经投过票了，每人只能投一次']);
    expect(view.has('.page-state >>> .assisted__done')).toBe(false);
    expect(view.apiCalls.find((c) => c.action === 'admin.votes.castAssisted')?.result).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_EXISTS' },
    });
  });

  it('a vote that counts accounts offers no assisted ballot', async () => {
    const emulator = gatewayCaller(backend());
    const { id } = await openCampaign(emulator, { verification: 'none' });
    const view = await renderPage('packages/admin/assisted/assisted', { emulator, openid: STAFF, options: { id } });
    expect(view.text()).toContain('代办投票只用于正在进行、按手机号核对的居民投票');
    expect(view.has('.page-state >>> .assisted__review')).toBe(false);
  });
});
