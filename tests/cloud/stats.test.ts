import { startTestEmulator } from '../support/emulator';
import { boundDelegate, draft, ok, STAFF } from './messages-fixtures';
import { shanghai } from '../../cloudfunctions/api/src/platform/time';

// The public figures are counters kept by the writes that change them (docs/architecture.md#budgets): each figure
// is one document read. Staff's admin.stats.rebuild recomputes them from the messages and says whether they
// matched, so the counters can be checked and repaired.

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator?.stop());

const DAY = 24 * 3600_000;

test('after sends, replies, a held message approved, ratings and the timer, the counters equal a rebuild from the messages', async () => {
  const { delegateId } = await boundDelegate(emulator, 'st-delegate', '蒋代表');
  const other = (await boundDelegate(emulator, 'st-other', '沈代表')).delegateId;
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) ids.push((await ok(emulator.call(`st-res-${i}`, 'messages.send', draft(i % 2 ? other : delegateId)))).id);
  // Held for review, then approved by staff: counted from the approval on.
  const held = await ok(emulator.call('st-res-held', 'messages.send', draft(delegateId, { body: '物业乱收费，有事加微信联系我。' })));
  expect(held.status).toBe('held');
  const [item] = (await ok(emulator.call(STAFF, 'admin.moderation.list', {}))).items;
  await ok(emulator.call(STAFF, 'admin.moderation.approve', { id: item.id }));

  await ok(emulator.call('st-delegate', 'messages.reply', { id: ids[0], body: '收到' }));
  await ok(emulator.call('st-delegate', 'messages.reply', { id: ids[0], body: '再补充一句' }));
  await ok(emulator.call('st-delegate', 'messages.transition', { id: ids[0], to: 'resolved', note: '已修好' }));
  await ok(emulator.call('st-res-0', 'messages.rate', { id: ids[0], satisfaction: 'satisfied' }));
  await ok(emulator.call('st-other', 'messages.transition', { id: ids[1], to: 'forwarded', department: '城管科' }));
  await ok(emulator.call('st-other', 'messages.transition', { id: ids[1], to: 'resolved' }));
  await ok(emulator.call('st-res-1', 'messages.rate', { id: ids[1], satisfaction: 'dissatisfied' }));
  await ok(emulator.call('st-delegate', 'messages.transition', { id: ids[2], to: 'forwarded', department: '住建局' }));
  await ok(emulator.call('st-delegate', 'messages.transition', { id: ids[2], to: 'resolved' }));
  // The timer closes a resolved message left unrated after a week.
  await emulator.advanceClock(8 * DAY);
  await emulator.timer();

  const summary = await ok(emulator.call('anyone', 'stats.summary', {}));
  // The 不满意 reopened ids[1]: it is no longer resolved. Two ratings are below the minimum sample for a rate.
  expect(summary).toMatchObject({ collected: 7, replied: 3, resolved: 2 });
  expect(summary.satisfactionRate).toBeUndefined();
  const check = await ok(emulator.call(STAFF, 'admin.stats.rebuild', {}));
  expect(check).toEqual({ messages: 7, matched: true, differences: [] });
  expect(await ok(emulator.call('anyone', 'stats.summary', {}))).toEqual(summary);
});

test('a counter that drifted is found and repaired by the rebuild; only staff may run it', async () => {
  const own = await startTestEmulator();
  try {
    const year = shanghai(Date.now()).year();
    // Counters that disagree with the messages, as a lost increment or a stale restore would leave them.
    const imported = await fetch(`${own.url}/_emulator/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ collections: { figures: [{ _id: 'default', years: { [year]: { collected: 5, replied: 2 } } }] } }),
    });
    expect(imported.status).toBe(200);
    const { delegateId } = await boundDelegate(own, 'dr-delegate', '韩代表');
    await ok(own.call('dr-res', 'messages.send', draft(delegateId)));
    expect(await ok(own.call('anyone', 'stats.summary', {}))).toEqual({ year, collected: 6, replied: 2, resolved: 0 });
    expect(await own.call('anyone', 'admin.stats.rebuild', {})).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await ok(own.call(STAFF, 'admin.stats.rebuild', {}))).toEqual({
      messages: 1,
      matched: false,
      differences: [`years.${year}.collected`, `years.${year}.replied`],
    });
    expect(await ok(own.call('anyone', 'stats.summary', {}))).toEqual({ year, collected: 1, replied: 0, resolved: 0 });
    expect(await ok(own.call(STAFF, 'admin.stats.rebuild', {}))).toMatchObject({ matched: true });
  } finally {
    await own.stop();
  }
});
