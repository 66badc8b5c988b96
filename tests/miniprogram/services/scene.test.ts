import { decodeScene, encodeScene, SCENE_MAX_LENGTH } from '../../../miniprogram/services/scene';
import { renderPage } from '../../support/miniprogram';
import { useDemoBackend } from '../demo-backend';

const emulator = useDemoBackend();

describe('scene of a 代表码 / 站点码', () => {
  it('round-trips a delegate and a station, also when WeChat hands it over URL-encoded', () => {
    expect(decodeScene(encodeScene({ kind: 'delegate', id: 'k3m9x2p4q7rt' }))).toEqual({ kind: 'delegate', id: 'k3m9x2p4q7rt' });
    expect(decodeScene(encodeURIComponent(encodeScene({ kind: 'station', id: 's1' })))).toEqual({ kind: 'station', id: 's1' });
  });

  it('stays within the 32 characters WeChat allows and refuses ids that would not fit', () => {
    expect(encodeScene({ kind: 'delegate', id: 'a'.repeat(30) }).length).toBe(SCENE_MAX_LENGTH);
    expect(() => encodeScene({ kind: 'delegate', id: 'a'.repeat(31) })).toThrow();
  });

  it('reads anything else (no scene, a shared link, junk) as no preselection', () => {
    for (const scene of [undefined, '', 'x=1', 'd=', 'd=a b', '%E0%A4%A', `d=${'a'.repeat(31)}`]) expect(decodeScene(scene)).toBeNull();
  });
});

describe('scanning a 代表码', () => {
  // tests/cloud/directory-codes.test.ts reads the printed PNG back to this same scene.
  it('opens the compose page with that delegate preselected, through its onLoad options', async () => {
    const scene = encodeURIComponent(encodeScene({ kind: 'delegate', id: 'd01' }));
    const view = await renderPage('packages/resident/compose/compose', {
      emulator: emulator(),
      openid: 'demo-resident',
      options: { scene },
    });
    expect((view.page.data as { delegateId: string }).delegateId).toBe('d01');
    expect(view.text()).not.toContain('请先选择一位代表');
  });
});
