import { renderPage } from '../../../../support/miniprogram';
import { useDemoBackend } from '../../../demo-backend';

const emulator = useDemoBackend();

describe('代表小组', () => {
  it('staff add a group with its liaison, and edit one', async () => {
    const view = await renderPage('packages/admin/groups/groups', { emulator: emulator(), openid: 'staff-openid' });
    expect(view.text()).toContain('综合治理小组');
    await view.tap('.page-state >>> .adm-groups__new');
    view.page.instance.setData({
      form: { id: '', name: '生态环保', duty: '河道与绿化', liaisonName: '钱国平', liaisonTitle: '副主任', liaisonOpenid: '' },
    });
    await view.fire('.page-state >>> .adm-groups__liaison-openid', 'input', { value: 'liaison-qian' });
    await view.tap('.page-state >>> .adm-groups__save');
    expect(view.text()).toContain('生态环保小组');
    expect(view.text()).toContain('联系委员：钱国平 副主任');
    // The linked person now follows the group; the page never shows the openid.
    expect(view.text()).not.toContain('liaison-qian');
    const created = view.apiCalls.find((c) => c.action === 'admin.groups.create');
    const me = await emulator().call('liaison-qian', 'me.get', {});
    expect(me).toMatchObject({ ok: true, data: { liaisonGroupIds: [(created!.result as { data: { id: string } }).data.id] } });

    await view.tap('.page-state >>> .adm-groups__row');
    expect((view.page.data as { form: { name: string } }).form.name).toBe('综合治理');
  });
});
