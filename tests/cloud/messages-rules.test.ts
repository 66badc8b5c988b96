import type { MessageRecord, StoredEntry } from '../../cloudfunctions/api/src/messages/rules';
import { allowedSteps, effectOf, maskPhone, messageId, viewerOf, visibleEntries } from '../../cloudfunctions/api/src/messages/rules';

const at = new Date('2026-03-01T02:00:00Z');
const message = (over: Partial<MessageRecord> = {}): MessageRecord => ({
  _id: 'm1',
  streetId: 'default',
  residentOpenid: 'r1',
  delegateId: 'd1',
  delegateName: '王代表',
  delegateOpenid: 'o-d1',
  groupId: 'g1',
  category: '其他',
  title: '路灯',
  body: '坏了',
  photos: [],
  isPublic: false,
  status: 'pending',
  thread: [],
  createdAt: at,
  updatedAt: at,
  ...over,
});
const entry = (over: Partial<StoredEntry>): StoredEntry => ({ id: 'e1', kind: 'reply', by: 'delegate', at, ...over });

test('a retried send names the same message; another resident or request another one', () => {
  expect(messageId('r1', 'req-00001')).toBe(messageId('r1', 'req-00001'));
  expect(messageId('r2', 'req-00001')).not.toBe(messageId('r1', 'req-00001'));
});

test('only the author, the addressed delegate and staff see a message', () => {
  const m = message();
  expect(viewerOf(m, { openid: 'r1', isStaff: false })).toBe('resident');
  expect(viewerOf(m, { openid: 'x', delegateId: 'd1', isStaff: false })).toBe('delegate');
  expect(viewerOf(m, { openid: 'x', delegateId: 'd2', isStaff: false })).toBeNull();
  expect(viewerOf(m, { openid: 'r2', isStaff: false })).toBeNull();
  expect(viewerOf(m, { openid: 's', isStaff: true })).toBe('staff');
  expect(viewerOf(message({ status: 'held' }), { openid: 'x', delegateId: 'd1', isStaff: false })).toBeNull();
});

test('the loop: reply, forward, resolve, rate; 不满意 reopens', () => {
  expect(effectOf(message(), entry({ kind: 'reply' })).change).toMatchObject({ status: 'replied', firstResponseAt: at });
  expect(effectOf(message(), entry({ kind: 'forward', department: '城管科' })).change.status).toBe('forwarded');
  expect(effectOf(message({ status: 'replied' }), entry({ kind: 'resolve' })).change).toMatchObject({ status: 'resolved', resolvedAt: at });
  expect(
    effectOf(message({ status: 'resolved' }), entry({ kind: 'rating', by: 'resident', satisfaction: 'dissatisfied' })).change.status,
  ).toBe('pending');
  expect(
    effectOf(message({ status: 'resolved' }), entry({ kind: 'rating', by: 'resident', satisfaction: 'satisfied' })).change.status,
  ).toBe('closed');
  expect(allowedSteps(message(), 'delegate').resolve).toBe(false);
  expect(allowedSteps(message({ status: 'resolved' }), 'resident').rate).toBe(true);
  expect(allowedSteps(message({ status: 'resolved' }), 'delegate').rate).toBe(false);
});

test('held entries are shown only to their author and staff', () => {
  const entries = [entry({ id: 'a', held: true, authorOpenid: 'o-d1', body: 'x' })];
  expect(visibleEntries(entries, 'r1', 'resident')).toHaveLength(0);
  expect(visibleEntries(entries, 'o-d1', 'delegate')).toHaveLength(1);
  expect(visibleEntries(entries, 's', 'staff')).toHaveLength(1);
});

test('phones are masked', () => {
  expect(maskPhone('13812345678')).toBe('138****5678');
  expect(maskPhone('051988812301')).toBe('0519****2301');
  expect(maskPhone('02588812301')).toBe('025****2301');
});
