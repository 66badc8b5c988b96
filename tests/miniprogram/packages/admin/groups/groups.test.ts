import { renderPage } from '../../../../support/miniprogram';
import { useDemoBackend } from '../../../demo-backend';

const emulator = useDemoBackend();

describe('代表小组', () => {
  it('staff add a group with its liaison, and edit one', async () => {
    const view = await renderPage('packages/admin/groups/groups', { emulator: emulator(), openid: 'staff-openid' });
    expect(view.text()).toContain('综合治理小组');
    await view.tap('.page-state >>> .adm-groups__new');
    view.page.instance.setData({ form: { id: '', name: '生态环保', duty: '河道与绿化', liaisonName: '钱国平', liaisonTitle: '副主任' } });
    await view.tap('.page-state >>> .adm-groups__save');
    expect(view.text()).toContain('生态环保小组');
    expect(view.text()).toContain('联系委员：钱国平 副主任');

    await view.tap('.page-state >>> .adm-groups__row');
    expect((view.page.data as { form: { name: string } }).form.name).toBe('综合治理');
  });

  it("invites a group's liaison with a one-time code, which the member enters on 我的 to follow the group", async () => {
    const view = await renderPage('packages/admin/groups/groups', { emulator: emulator(), openid: 'staff-openid' });
    const groupId = (view.page.data as { groups: { id: string }[] }).groups[0].id;
    view.answerNextModal({ confirm: false });
    await view.tap('.page-state >>> .adm-groups__invite');
    const [shown] = view.modals;
    expect(shown.title).toBe('联系委员邀请码');
    const code = shown.content!.split('\n')[0];
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);

    const me = await renderPage('pages/me/me', { emulator: emulator(), openid: 'liaison-qian' });
    expect(me.has('.me__overdue')).toBe(false);
    me.answerNextModal({ confirm: true, content: code });
    await me.tap('.me__claim-invite');
    expect(me.toasts).toContain('已开通联系小组');
    expect(me.has('.me__overdue')).toBe(true);
    const mine = await emulator().call('liaison-qian', 'me.get', {});
    expect(mine).toMatchObject({ ok: true, data: { roles: ['resident'], liaisonGroupIds: [groupId] } });
  });

  it("shows the server's refusal under the field it names, and clears it as the field is edited (issue 13, item 2)", async () => {
    const view = await renderPage('packages/admin/groups/groups', { emulator: emulator(), openid: 'staff-openid' });
    await view.tap('.page-state >>> .adm-groups__new');
    // 23 characters: past what the server takes (a pasted name can be longer than the input's maxlength).
    await view.fire('.page-state >>> .adm-groups__name', 'change', { value: '生态环境保护与绿色发展及河湖长制协同推进工作组' });
    await view.tap('.page-state >>> .adm-groups__save');
    expect(view.text('.page-state >>> .adm-groups__name >>> .t-input__tips')).toBe('「名称」不能超过 20 个字');
    expect(view.toasts).toEqual([]);
    await view.fire('.page-state >>> .adm-groups__name', 'change', { value: '环境保护' });
    expect(view.text('.page-state >>> .adm-groups__name')).not.toContain('不能超过');
  });
});
