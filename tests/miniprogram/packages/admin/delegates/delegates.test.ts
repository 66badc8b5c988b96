import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useDemoBackend } from '../../../demo-backend';
import { renderPage } from '../../../../support/miniprogram';

const emulator = useDemoBackend();

describe('代表管理', () => {
  it('creates a delegate and shows the one-time binding code, which then binds', async () => {
    const view = await renderPage('packages/admin/delegates/delegates', { emulator: emulator(), openid: 'staff-openid' });
    expect(view.text()).toContain('已绑定');
    await view.tap('.page-state >>> .adm-delegates__new');
    await view.fire('.page-state >>> .delegate-form >>> .adm-delegates__name', 'change', { value: '钱海燕' });
    await view.tap('.page-state >>> .delegate-form >>> .adm-delegates__save');
    const issued = (view.page.data as { issued: { code: string } | null }).issued;
    expect(issued?.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(view.text('.page-state >>> .adm-delegates__issued')).toContain(issued!.code);

    const bind = await renderPage('packages/delegate/bind/bind', { emulator: emulator(), openid: 'qian-phone' });
    await bind.fire('.bind__input', 'change', { value: issued!.code });
    await bind.tap('.bind__submit');
    expect(bind.text()).toContain('您好，钱海燕代表');
  });

  it('shows a refusal under the field it names, writes nothing, and clears it as the field is edited', async () => {
    const view = await renderPage('packages/admin/delegates/delegates', { emulator: emulator(), openid: 'staff-openid' });
    await view.tap('.page-state >>> .adm-delegates__new');
    await view.tap('.page-state >>> .delegate-form >>> .adm-delegates__save');
    const refused = view.apiCalls.filter((c) => c.action === 'admin.delegates.create');
    expect(refused).toHaveLength(1);
    expect((refused[0].result as { ok: boolean }).ok).toBe(false);
    // In Chinese, under 姓名, not in a toast.
    expect(view.text('.page-state >>> .delegate-form >>> .adm-delegates__name')).toMatch(/姓名.*至少/);
    expect(view.toasts).toEqual([]);
    await view.fire('.page-state >>> .delegate-form >>> .adm-delegates__name', 'change', { value: '周' });
    expect(view.text('.page-state >>> .delegate-form >>> .adm-delegates__name')).not.toMatch(/至少/);
  });

  it("uploads a delegate's photo, which the profile then shows from storage", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'yzt-portrait-'));
    const portrait = path.join(folder, 'portrait.jpg');
    fs.writeFileSync(portrait, Buffer.from('not really a jpeg, but bytes all the same'));

    const view = await renderPage('packages/admin/delegates/delegates', { emulator: emulator(), openid: 'staff-openid' });
    await view.tap('.page-state >>> .adm-delegates__new');
    await view.fire('.page-state >>> .delegate-form >>> .adm-delegates__name', 'change', { value: '韩雪梅' });
    view.choosePhotos([portrait]);
    await view.tap('.page-state >>> .delegate-form >>> .adm-delegates__photo');
    expect(view.has('.page-state >>> .delegate-form >>> .adm-delegates__photo-image')).toBe(true);
    await view.tap('.page-state >>> .delegate-form >>> .adm-delegates__save');

    const stored = (await emulator().collection('delegates')).find((d: any) => d.name === '韩雪梅') as { _id: string; photo?: string };
    expect(stored.photo).toMatch(/^cloud:\/\//);
    const cloudPath = stored.photo!.replace(/^cloud:\/\/[^/]+\//, '');
    const served = await fetch(`${emulator().url}/_emulator/storage/${cloudPath}`);
    expect(await served.text()).toBe('not really a jpeg, but bytes all the same');

    // Locally the profile loads the picture through the emulator's storage URL.
    const profile = await renderPage('packages/resident/delegate/delegate', {
      emulator: emulator(),
      openid: 'demo-resident',
      transport: 'local',
      options: { id: stored._id },
    });
    expect((profile.page.data as { photo: string }).photo).toMatch(new RegExp(`/_emulator/storage/${cloudPath}$`));
    expect(profile.has('.delegate__avatar')).toBe(true);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('reissues a code, which replaces the one shown before', async () => {
    const view = await renderPage('packages/admin/delegates/delegates', { emulator: emulator(), openid: 'staff-openid' });
    // Typed, then the 搜索 button (not only the keyboard's key); clearing brings every delegate back.
    await view.fire('.page-state >>> .adm__search', 'change', { value: '陆文静' });
    await view.tap('.page-state >>> .adm__search >>> .t-search__search-action');
    expect(view.texts('.page-state >>> .adm__name').map((name) => name.split(' ')[0])).toEqual(['陆文静']);
    await view.fire('.page-state >>> .adm__search >>> .t-search__clear', 'touchstart');
    expect(view.texts('.page-state >>> .adm__name').length).toBeGreaterThan(1);
    await view.fire('.page-state >>> .adm__search', 'change', { value: '陆文静' });
    await view.fire('.page-state >>> .adm__search', 'submit', { value: '陆文静' });
    expect(view.texts('.page-state >>> .adm__name')).toHaveLength(1);
    await view.tap('.page-state >>> .adm-delegates__reissue');
    const issued = (view.page.data as { issued: { code: string } | null }).issued;
    expect(issued?.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    const bind = await renderPage('packages/delegate/bind/bind', { emulator: emulator(), openid: 'lu-old-code' });
    await bind.fire('.bind__input', 'change', { value: 'YZTD-2468' });
    await bind.tap('.bind__submit');
    expect(bind.text('.bind__input')).toContain('绑定码不正确');
  });

  it('is refused to a resident', async () => {
    const view = await renderPage('packages/admin/delegates/delegates', { emulator: emulator(), openid: 'demo-resident' });
    expect(view.text('.page-state')).toContain('没有权限');
  });
});
