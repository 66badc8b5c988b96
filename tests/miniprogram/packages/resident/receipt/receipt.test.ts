import { gatewayCaller } from '../../../voting-backend';
import { useDemoBackend } from '../../../demo-backend';
import { renderPage } from '../../../../support/miniprogram';
import { ok, openCampaign } from '../../../../cloud/voting-fixtures';

// 投票凭证: the code, copyable, verified against the real backend; anyone can check a typed code.

const backend = useDemoBackend();

describe('投票凭证', () => {
  it('shows the receipt, says it was counted, and checks a typed receipt', async () => {
    const emulator = gatewayCaller(backend());
    const { id } = await openCampaign(emulator);
    const { receipt } = await ok(emulator.call('receipt-voter', 'votes.cast', { campaignId: id, projectIds: ['p1'] }));
    const view = await renderPage('packages/resident/receipt/receipt', {
      emulator,
      openid: 'receipt-voter',
      options: { campaignId: id, receipt, fresh: '1' },
    });
    expect(view.text()).toContain('投票成功');
    expect(view.page.querySelector('.page-state >>> .receipt__done')?.data.theme).toBe('success'); // t-result's success screen
    expect(view.text('.page-state >>> .receipt__code')).toBe(receipt);
    expect(view.text('.page-state >>> .receipt__verdict')).toContain('已计入');
    await view.tap('.page-state >>> .receipt__copy');

    await view.fire('.page-state >>> .receipt__input', 'change', { value: 'ZZZZ-ZZZZ-ZZZZ' });
    await view.tap('.page-state >>> .receipt__verify');
    expect(view.text('.page-state >>> .receipt__verdict')).toContain('未找到这张凭证对应的选票');

    await view.fire('.page-state >>> .receipt__input', 'change', { value: receipt.toLowerCase() });
    await view.tap('.page-state >>> .receipt__verify');
    expect(view.text('.page-state >>> .receipt__verdict')).toContain('已计入');
  });
});
