// Every page the code navigates to, by one name. A capability adding a page adds its route here.
export const routes = {
  home: '/pages/home/home',
  delegates: '/pages/delegates/delegates',
  voting: '/pages/voting/voting',
  me: '/pages/me/me',
  about: '/packages/resident/about/about',
  stations: '/packages/resident/stations/stations',
  delegateBind: '/packages/delegate/bind/bind',
  workbench: '/packages/delegate/workbench/workbench',
  admin: '/packages/admin/index/index',
  adminDelegates: '/packages/admin/delegates/delegates',
  adminStations: '/packages/admin/stations/stations',
  adminCampaigns: '/packages/admin/campaigns/campaigns',
  campaign: '/packages/resident/campaign/campaign',
  receipt: '/packages/resident/receipt/receipt',
  results: '/packages/resident/results/results',
  adminMessages: '/packages/admin/messages/messages',
} as const;
