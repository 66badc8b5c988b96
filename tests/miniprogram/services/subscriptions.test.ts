import path from 'node:path';
import { startTestEmulator } from '../../support/emulator';
import { connect, MINIPROGRAM_ROOT } from '../../support/miniprogram';

// requestSubscriptions: WeChat's consent dialog answers (simulated here: it is the platform's UI, not
// our backend), the accepted templates are reported to the real `api`, and in local mode the emulator
// is given the credit WeChat itself would hold.
const { requestSubscriptions, requestSubscriptionsOnce } = require(path.join(MINIPROGRAM_ROOT, 'services/subscriptions')) as {
  requestSubscriptions: (keys: string[]) => Promise<string[]>;
  requestSubscriptionsOnce: (keys: string[]) => Promise<string[]>;
};
const { config } = require(path.join(MINIPROGRAM_ROOT, 'services/config')) as {
  config: { mode: 'cloud' | 'local'; localOpenid: string; templateIds: Record<string, string> };
};
const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  emulator = await startTestEmulator();
  config.templateIds = { ...emulator.templateIds };
});
afterAll(() => emulator.stop());

/** WeChat's dialog: the person accepts `accepted` and rejects the rest. */
function personAnswers(accepted: string[]) {
  const asked: string[][] = [];
  wx.requestSubscribeMessage = async ({ tmplIds }: { tmplIds: string[] }) => {
    asked.push(tmplIds);
    return Object.fromEntries([
      ['errMsg', 'requestSubscribeMessage:ok'],
      ...tmplIds.map((id) => [id, accepted.includes(id) ? 'accept' : 'reject']),
    ]);
  };
  return asked;
}

async function emulatorCredits(openid: string): Promise<unknown[]> {
  const response = await fetch(`${emulator.url}/_emulator/subscriptions`);
  const { items } = (await response.json()) as { items: { openid: string }[] };
  return items.filter((item) => item.openid === openid);
}

describe('requestSubscriptions', () => {
  it('in local mode, grants the accepted template in the emulator and records it with the server', async () => {
    config.mode = 'local';
    config.localOpenid = 'subscriber-local';
    const link = connect(emulator, 'subscriber-local');
    const asked = personAnswers([emulator.templateIds.messageUpdate]);

    const accepted = await requestSubscriptions(['messageUpdate', 'newMessage']);

    expect(accepted).toEqual(['messageUpdate']);
    expect(asked).toEqual([[emulator.templateIds.messageUpdate, emulator.templateIds.newMessage]]);
    expect(link.apiCalls).toEqual([
      expect.objectContaining({
        action: 'subscriptions.record',
        payload: { accepted: ['messageUpdate'] },
        result: expect.objectContaining({ ok: true }),
      }),
    ]);
    expect(await emulatorCredits('subscriber-local')).toEqual([
      expect.objectContaining({ templateId: emulator.templateIds.messageUpdate }),
    ]);
  });

  it('in cloud mode, only reports to the server (WeChat keeps its own credits)', async () => {
    config.mode = 'cloud';
    const link = connect(emulator, 'subscriber-cloud');
    personAnswers([emulator.templateIds.newMessage]);

    await expect(requestSubscriptions(['newMessage'])).resolves.toEqual(['newMessage']);

    expect(link.apiCalls.map((call) => call.action)).toEqual(['subscriptions.record']);
    expect(await emulatorCredits('subscriber-cloud')).toEqual([]);
  });

  it('asks nothing and reports nothing when the person refuses, or when no template is configured', async () => {
    config.mode = 'cloud';
    const link = connect(emulator, 'subscriber-refuses');
    const asked = personAnswers([]);

    await expect(requestSubscriptions(['voteResult'])).resolves.toEqual([]);
    await expect(requestSubscriptions(['unknownKey'])).resolves.toEqual([]);

    expect(asked).toEqual([[emulator.templateIds.voteResult]]);
    expect(link.apiCalls).toEqual([]);
  });

  it('asks for the inbox door once per session, not on every visit (issue 13, item 8)', async () => {
    config.mode = 'cloud';
    connect(emulator, 'subscriber-busy');
    const asked = personAnswers([emulator.templateIds.newMessage, emulator.templateIds.reminder]);
    expect(await requestSubscriptionsOnce(['newMessage', 'reminder'])).toEqual(['newMessage', 'reminder']);
    expect(await requestSubscriptionsOnce(['newMessage', 'reminder'])).toEqual([]);
    expect(asked).toHaveLength(1);
  });
});
