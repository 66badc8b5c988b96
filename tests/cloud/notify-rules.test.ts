import {
  afterFailure,
  backoffMs,
  cutPhrase,
  cutThing,
  formatShanghaiTime,
  MAX_ATTEMPTS,
  renderTemplateData,
} from '../../cloudfunctions/api/src/notify/rules';

describe('template data within WeChat limits', () => {
  test('a thing longer than 20 characters is cut to 20, marked with an ellipsis', () => {
    const long = '小区东门外的路灯已经坏了两个星期晚上出行很不方便';
    const cut = cutThing(long);
    expect(Array.from(cut)).toHaveLength(20);
    expect(cut.endsWith('…')).toBe(true);
    expect(cutThing('路灯坏了')).toBe('路灯坏了');
  });

  test('a phrase keeps at most 5 Chinese characters and nothing else', () => {
    expect(cutPhrase('已回复')).toBe('已回复');
    expect(cutPhrase('留言人对结果不满意')).toBe('留言人对结');
    expect(cutPhrase('OK 123')).toBe('有更新');
  });

  test('time reads in Asia/Shanghai', () => {
    expect(formatShanghaiTime(new Date('2026-04-30T16:30:00Z'))).toBe('2026年05月01日 00:30');
  });

  test('rendered data names every template field', () => {
    const data = renderTemplateData('newMessage', {
      subject: '路灯',
      state: '待回复',
      at: new Date('2026-01-01T00:00:00Z'),
      hint: '请及时回复',
    });
    expect(data).toEqual({ thing1: '路灯', phrase2: '待回复', time3: '2026年01月01日 08:00', thing4: '请及时回复' });
  });
});

describe('what a failed send leads to', () => {
  const at = new Date('2026-01-01T00:00:00Z');

  test('43101 (no credit) stops at once: undeliverable, shown as a to-do, never retried', () => {
    expect(afterFailure(43101, 1, at).status).toBe('undeliverable');
  });

  test('a transient error retries later, waiting longer each time', () => {
    const first = afterFailure(-1, 1, at);
    const third = afterFailure(-1, 3, at);
    expect(first.status).toBe('queued');
    expect(third.nextAttemptAt.getTime() - at.getTime()).toBeGreaterThan(first.nextAttemptAt.getTime() - at.getTime());
    expect(backoffMs(30)).toBe(6 * 3600_000);
  });

  test('after the last attempt the notification fails for good (and stays visible)', () => {
    expect(afterFailure(-1, MAX_ATTEMPTS, at).status).toBe('failed');
  });
});
