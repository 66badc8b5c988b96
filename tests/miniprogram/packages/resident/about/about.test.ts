import { renderPage } from '../../../../support/miniprogram';

describe('关于工委', () => {
  it('explains the practice and leads to the delegates tab', async () => {
    const view = await renderPage('packages/resident/about/about');

    expect(view.text()).toContain('三联三进三督');
    expect(view.text()).toContain('民生实事');
    await view.tap('.about__delegates');
    expect(view.navigations).toEqual([{ kind: 'switchTab', url: '/pages/delegates/delegates' }]);
  });
});
