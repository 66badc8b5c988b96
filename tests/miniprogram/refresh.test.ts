import fs from 'node:fs';
import path from 'node:path';
import { appPages, MINIPROGRAM_ROOT, renderPage } from '../support/miniprogram';
import { useDemoBackend } from './demo-backend';

// Every list and thread page reloads on pull-down (issue 13, item 6): the page's json enables the
// gesture and definePage answers it by fetching the first screen again.

const emulator = useDemoBackend();

const LIST_AND_THREAD_PAGES = [
  'pages/delegates/delegates',
  'pages/voting/voting',
  'packages/resident/messages/messages',
  'packages/resident/stations/stations',
  'packages/resident/wall/wall',
  'packages/resident/thread/thread',
  'packages/delegate/inbox/inbox',
  'packages/delegate/thread/thread',
  'packages/delegate/workbench/workbench',
  'packages/admin/campaigns/campaigns',
  'packages/admin/delegates/delegates',
  'packages/admin/groups/groups',
  'packages/admin/moderation/moderation',
  'packages/admin/overdue/overdue',
  'packages/admin/receptions/receptions',
  'packages/admin/staff/staff',
  'packages/admin/stations/stations',
];

test.each(LIST_AND_THREAD_PAGES)('%s enables pull-down and answers it', (page) => {
  expect(appPages().has(page)).toBe(true);
  const json = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_ROOT, `${page}.json`), 'utf8'));
  expect(json.enablePullDownRefresh).toBe(true);
  expect(fs.readFileSync(path.join(MINIPROGRAM_ROOT, `${page}.ts`), 'utf8')).toMatch(/refresh: true/);
});

test('pulling down a list fetches it again and ends the gesture', async () => {
  const stopped = jest.fn();
  (globalThis as unknown as { wx: { stopPullDownRefresh: () => void } }).wx.stopPullDownRefresh = stopped;
  const view = await renderPage('packages/delegate/inbox/inbox', { emulator: emulator(), openid: 'demo-delegate' });
  const before = view.apiCalls.filter((c) => c.action === 'messages.inbox').length;
  await view.lifecycle('onPullDownRefresh');
  expect(view.apiCalls.filter((c) => c.action === 'messages.inbox').length).toBe(before + 1);
  expect(stopped).toHaveBeenCalled();
});
