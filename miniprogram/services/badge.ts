import { call } from './api';

// A delegate sees, on the 我的 tab, how many messages wait for their first reply: the one number they
// act on. Refreshed when 首页 or 我的 shows; nothing is shown to anyone else.

/** 我的 is the fourth tab (app.json tabBar). */
const ME_TAB = 3;

/** Updates the badge; answers the pending count (0 on failure: a badge never blocks a page). */
export async function refreshPendingBadge(): Promise<number> {
  try {
    const { pending } = await call('messages.inboxCounts', {});
    if (pending > 0) wx.setTabBarBadge({ index: ME_TAB, text: pending > 99 ? '99+' : String(pending), fail: () => {} });
    else wx.removeTabBarBadge({ index: ME_TAB, fail: () => {} });
    return pending;
  } catch {
    return 0;
  }
}
