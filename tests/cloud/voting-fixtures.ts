// Shared set-up of the voting tests: a campaign in a known state, opened by staff.
// (Not a test file itself: jest only runs *.test.ts.)
import type { startTestEmulator } from '../support/emulator';
import { AppError } from '../../cloudfunctions/api/src/app/errors';
import { ok, STAFF } from './messages-fixtures';

export { boundDelegate, ok, STAFF } from './messages-fixtures';

export type TestEmulator = Awaited<ReturnType<typeof startTestEmulator>>;

const HOUR = 3600_000;

// `any`: tests also send it deliberately broken, which the typed call would not allow.
export function campaignInput(over: Record<string, unknown> = {}): any {
  return {
    title: '2027 年民生实事项目票选',
    description: '请从下列候选项目中选出您最希望明年办理的实事。',
    eligibility: 'residents',
    // These fixtures count WeChat accounts, so any test openid can vote; votes checked by phone (the
    // default a staff member gets) are tested in voting-phone.test.ts and rosters.test.ts.
    verification: 'none',
    minChoices: 1,
    maxChoices: 2,
    // Ahead, so the campaign can be scheduled (docs/architecture.md#voting-lifecycle).
    opensAt: new Date(Date.now() + HOUR).toISOString(),
    closesAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    projects: [
      { title: '老旧小区加装电梯', summary: '为 5 个老旧小区加装电梯 12 部', category: '城市建设', budget: 600, location: '幸福里社区' },
      { title: '社区食堂', summary: '新建 2 个社区长者食堂', category: '养老服务', budget: 150 },
      { title: '口袋公园', summary: '利用边角地建 3 个口袋公园', category: '环境整治' },
      { title: '学校周边停车', summary: '增设接送车位 80 个', category: '交通出行', responsibleUnit: '街道城管科' },
    ],
    ...over,
  };
}

/** Reason staff give for opening before the announced time (the fixtures open at once). */
export const EARLY_OPEN = { reason: '测试：提前开启投票' };
/** Reason staff give for closing before the announced time. */
export const EARLY_CLOSE = { reason: '测试：提前截止投票' };

/** A campaign created, scheduled and opened (early, with a reason) by staff; answers its id and project ids. */
export async function openCampaign(
  emulator: TestEmulator,
  over: Record<string, unknown> = {},
): Promise<{ id: string; projectIds: string[] }> {
  const created = await ok<{ id: string; projectIds: string[] }>(emulator.call(STAFF, 'admin.campaigns.create', campaignInput(over)));
  await ok(emulator.call(STAFF, 'admin.campaigns.schedule', { id: created.id }));
  await ok(emulator.call(STAFF, 'admin.campaigns.open', { id: created.id, ...EARLY_OPEN }));
  return created;
}

/** Everything stored about a campaign's ballots, to show that a refusal wrote nothing. */
export async function votingState(emulator: TestEmulator, campaignId: string) {
  const ballots = ((await emulator.collection('ballots')) as any[]).filter((b) => b.campaignId === campaignId);
  const shards = ((await emulator.collection('tallies')) as any[]).filter((t) => t.campaignId === campaignId);
  const campaign = ((await emulator.collection('campaigns')) as any[]).find((c) => c._id === campaignId);
  const markers = ((await emulator.collection('voterMarkers')) as any[]).filter((m) => m.campaignId === campaignId);
  return { ballots, shards, campaign, markers };
}

/** Sums the shards and counts the ballots; the two must always agree. */
export async function countsOf(emulator: TestEmulator, campaignId: string) {
  const { ballots, shards } = await votingState(emulator, campaignId);
  const fromShards = { ballots: 0, votes: {} as Record<string, number> };
  for (const shard of shards) {
    fromShards.ballots += shard.ballots;
    for (const [p, n] of Object.entries(shard.votes ?? {})) fromShards.votes[p] = (fromShards.votes[p] ?? 0) + (n as number);
  }
  const fromBallots = { ballots: ballots.length, votes: {} as Record<string, number> };
  for (const ballot of ballots) for (const p of ballot.projectIds) fromBallots.votes[p] = (fromBallots.votes[p] ?? 0) + 1;
  return { fromShards, fromBallots, ballots };
}

/** The structured refusal a pure rule throws (for the rules' own tests). */
export function refusal(work: () => unknown): { code: string; message: string; field?: string } {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error.toJSON();
    throw error;
  }
  throw new Error('expected a refusal');
}
