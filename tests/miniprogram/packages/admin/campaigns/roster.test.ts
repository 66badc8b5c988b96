import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fillCampaignForm, gatewayCaller } from '../../../voting-backend';
import { useDemoBackend } from '../../../demo-backend';
import { renderPage } from '../../../../support/miniprogram';
import { campaignInput, ok, STAFF } from '../../../../cloud/voting-fixtures';

// 票选管理 › 住户名册 (issue 9, item 3): staff pick a CSV from a chat, the server refuses a file with bad
// lines naming them, a good file becomes the roster; and the form makes resident votes phone-checked.

const backend = useDemoBackend();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const at = path.join(dir, name);
  fs.writeFileSync(at, text, 'utf8');
  return at;
};

describe('住户名册', () => {
  it('imports a CSV chosen from a chat; a file with bad lines is refused whole, naming them', async () => {
    const emulator = gatewayCaller(backend());
    const { id } = await ok<{ id: string }>(
      emulator.call(STAFF, 'admin.campaigns.create', campaignInput({ title: '名册票选', verification: undefined })),
    );
    const view = await renderPage('packages/admin/campaigns/campaigns', { emulator, openid: STAFF });
    const panel = `.page-state >>> .roster-panel--${id}`;
    expect(view.text(panel)).toContain('未设置住户名册');

    view.chooseFile(file('bad.csv', '户主,手机号\n张三,13812341234\n李四,1390000222\n'));
    await view.tap(`${panel} >>> .roster-panel__import`);
    expect(view.modals).toEqual([
      { title: '名册未导入', content: '名册第 3 行没有有效的手机号（11 位，以 1 开头）。请改正后重新导入，本次未保存任何号码' },
    ]);
    expect((await ok(emulator.call(STAFF, 'campaigns.get', { id }))).rosterCount).toBeUndefined();

    const again = await renderPage('packages/admin/campaigns/campaigns', { emulator, openid: STAFF });
    again.chooseFile(file('good.csv', '户主,手机号\n张三,13812341234\n李四,13900002222\n'));
    await again.tap(`${panel} >>> .roster-panel__import`);
    expect(again.toasts).toContain('已导入 2 个号码');
    expect(again.text(panel)).toContain('住户名册：2 个号码');
    expect(again.text(`.page-state`)).toContain('限名册内住户');

    await again.tap(`${panel} >>> .roster-panel__remove`);
    expect(again.modals.map((m) => m.title)).toContain('移除住户名册');
    expect(again.text(panel)).toContain('未设置住户名册');
  });

  it('does nothing when staff cancel the file picker', async () => {
    const emulator = gatewayCaller(backend());
    const { id } = await ok<{ id: string }>(
      emulator.call(STAFF, 'admin.campaigns.create', campaignInput({ title: '取消选择', verification: undefined })),
    );
    const view = await renderPage('packages/admin/campaigns/campaigns', { emulator, openid: STAFF });
    view.chooseFile(null);
    await view.tap(`.page-state >>> .roster-panel--${id} >>> .roster-panel__import`);
    expect(view.apiCalls.map((c) => c.action)).toEqual(['campaigns.list']);
    expect(view.toasts).toEqual([]);
  });

  it('offers no roster on votes that do not check phones, nor on delegate votes', async () => {
    const emulator = gatewayCaller(backend());
    const accounts = await ok<{ id: string }>(emulator.call(STAFF, 'admin.campaigns.create', campaignInput({ verification: 'none' })));
    const delegates = await ok<{ id: string }>(emulator.call(STAFF, 'admin.campaigns.create', campaignInput({ eligibility: 'delegates' })));
    const view = await renderPage('packages/admin/campaigns/campaigns', { emulator, openid: STAFF });
    expect(view.has(`.page-state >>> .roster-panel--${accounts.id}`)).toBe(false);
    expect(view.has(`.page-state >>> .roster-panel--${delegates.id}`)).toBe(false);
  });

  it('the form checks residents by phone unless staff turn it off', async () => {
    const emulator = gatewayCaller(backend());
    const view = await renderPage('packages/admin/campaigns/campaigns', { emulator, openid: STAFF });
    await view.tap('.campaigns__new');
    expect(view.text('.campaign-form >>> .campaigns__phone-check')).toContain('一个手机号限投一票');
    await view.tap('.campaign-form >>> .campaigns__phone-switch');
    await fillCampaignForm(view, {
      title: '不验证手机号的票选',
      opensAt: '2030-03-01 09:00',
      closesAt: '2030-03-08 18:00',
      projects: '加装电梯｜城市建设\n社区食堂｜养老服务\n口袋公园｜环境整治',
    });
    await view.tap('.campaign-form >>> .campaigns__create');
    const created = view.apiCalls.find((c) => c.action === 'admin.campaigns.create')!;
    expect(created.payload).toMatchObject({ verification: 'none' });
    expect(created.result).toMatchObject({ ok: true });
  });
});
