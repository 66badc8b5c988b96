// `ops export DIR`: the year's reports as CSV for the street's annual review, with no personal data:
// message figures per delegate and per group, campaign results and the adopted livelihood projects.
// Residents appear in no file (no openid, name, phone or text); delegates are public office holders.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DelegateRecord, GroupRecord } from '../cloudfunctions/api/src/directory/rules';
import type { MessageRecord } from '../cloudfunctions/api/src/messages/rules';
import { HOUR_MS, shanghai, shanghaiMonth } from '../cloudfunctions/api/src/platform/time';
import type { ProjectRecord } from '../cloudfunctions/api/src/projects/rules';
import { PROJECT_STATUS_LABELS } from '../typings/contract/constants';
import { type Log, OpsError } from './output';
import { readAll } from './read';
import type { Target } from './target';

interface CampaignLike {
  _id: string;
  title: string;
  closesAt: Date;
  status: string;
  projects: Array<{ id: string; title: string }>;
  count?: { ballots: number; votes: Record<string, number> };
}

interface Figures {
  messages: number;
  replied: number;
  resolved: number;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  responseHours: number[];
}

const emptyFigures = (): Figures => ({
  messages: 0,
  replied: 0,
  resolved: 0,
  satisfied: 0,
  basicallySatisfied: 0,
  dissatisfied: 0,
  responseHours: [],
});
// Held and rejected messages never reached a delegate.
const COUNTED = new Set(['pending', 'replied', 'forwarded', 'resolved', 'closed']);

function add(figures: Figures, message: MessageRecord): void {
  figures.messages++;
  if (message.firstResponseAt) {
    figures.replied++;
    figures.responseHours.push((new Date(message.firstResponseAt).getTime() - new Date(message.createdAt).getTime()) / HOUR_MS);
  }
  if (message.status === 'resolved' || message.status === 'closed') figures.resolved++;
  if (message.satisfaction === 'satisfied') figures.satisfied++;
  if (message.satisfaction === 'basically_satisfied') figures.basicallySatisfied++;
  if (message.satisfaction === 'dissatisfied') figures.dissatisfied++;
}

const FIGURE_HEADER = ['留言数', '已答复', '已办结', '满意', '基本满意', '不满意', '平均首次答复(小时)'];
const figureCells = (f: Figures) => [
  f.messages,
  f.replied,
  f.resolved,
  f.satisfied,
  f.basicallySatisfied,
  f.dissatisfied,
  f.responseHours.length ? (f.responseHours.reduce((a, b) => a + b, 0) / f.responseHours.length).toFixed(1) : '',
];

const csv = (rows: Array<Array<string | number | undefined>>) =>
  `\uFEFF${rows.map((cells) => cells.map((cell) => (/[",\r\n]/.test(String(cell ?? '')) ? `"${String(cell).replace(/"/g, '""')}"` : String(cell ?? ''))).join(',')).join('\r\n')}\r\n`;

export async function exportYear(
  target: Target,
  dir: string,
  options: { dryRun: boolean; log: Log; streetId: string; year?: number },
): Promise<Record<string, number>> {
  const { log, streetId } = options;
  const year = options.year ?? shanghai(new Date()).year();
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new OpsError(`--year ${options.year}: give a year like 2026`);
  if (existsSync(dir) && readdirSync(dir).length) throw new OpsError(`${dir} is not empty: export into a new folder`);
  const from = shanghaiMonth(`${year}-01`).from;
  const to = shanghaiMonth(`${year + 1}-01`).from;
  const _ = target.db.command;
  const inYear = (field: string) => ({ streetId, [field]: _.gte(from).and(_.lt(to)) });
  const [delegates, groups, messages, campaigns, projects] = await Promise.all([
    readAll<DelegateRecord>(target.db, 'delegates', { streetId }),
    readAll<GroupRecord>(target.db, 'groups', { streetId }),
    readAll<MessageRecord>(target.db, 'messages', inYear('createdAt')),
    readAll<CampaignLike>(target.db, 'campaigns', inYear('closesAt')),
    readAll<ProjectRecord>(target.db, 'projects', { streetId, year }),
  ]);

  const byDelegate = new Map(delegates.map((d) => [d._id, emptyFigures()]));
  const byGroup = new Map(groups.map((g) => [g._id, emptyFigures()]));
  for (const message of messages) {
    if (!COUNTED.has(message.status)) continue;
    if (!byDelegate.has(message.delegateId)) byDelegate.set(message.delegateId, emptyFigures());
    if (!byGroup.has(message.groupId)) byGroup.set(message.groupId, emptyFigures());
    add(byDelegate.get(message.delegateId)!, message);
    add(byGroup.get(message.groupId)!, message);
  }
  const delegateOf = new Map(delegates.map((d) => [d._id, d]));
  const groupName = new Map(groups.map((g) => [g._id, g.name]));
  const members = (groupId: string) => delegates.filter((d) => d.groupId === groupId && d.active).length;
  // Every delegate and group of the street, with or without messages; a removed one by its stored name.
  const nameOfDelegate = (id: string) => delegateOf.get(id)?.name ?? messages.find((m) => m.delegateId === id)?.delegateName ?? id;

  const files: Record<string, string> = {
    [`${year}-代表留言统计.csv`]: csv([
      ['代表', '专业小组', ...FIGURE_HEADER],
      ...[...byDelegate].map(([id, f]) => [nameOfDelegate(id), groupName.get(delegateOf.get(id)?.groupId ?? '') ?? '', ...figureCells(f)]),
    ]),
    [`${year}-小组留言统计.csv`]: csv([
      ['专业小组', '代表数', ...FIGURE_HEADER],
      ...[...byGroup].map(([id, f]) => [groupName.get(id) ?? id, members(id), ...figureCells(f)]),
    ]),
    [`${year}-征集结果.csv`]: csv([
      ['征集', '截止', '项目', '得票', '投票人数'],
      ...campaigns
        .filter((c) => c.count)
        .flatMap((c) =>
          c.projects.map((p) => [c.title, shanghai(c.closesAt).format('YYYY-MM-DD'), p.title, c.count!.votes[p.id] ?? 0, c.count!.ballots]),
        ),
    ]),
    [`${year}-民生项目.csv`]: csv([
      ['项目', '类别', '得票', '预算(万元)', '地点', '责任单位', '状态', '进度(%)', '完成期限'],
      ...projects.map((p) => [
        p.title,
        p.category,
        p.votes,
        p.budget,
        p.location,
        p.responsibleUnit,
        PROJECT_STATUS_LABELS[p.status] ?? p.status,
        p.percent ?? 0,
        p.plan ? shanghai(p.plan.deadline).format('YYYY-MM-DD') : '',
      ]),
    ]),
  };
  const rows = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, text.split('\r\n').length - 3]));
  for (const [name, count] of Object.entries(rows)) log(`  ${options.dryRun ? 'would' : 'wrote'}     ${name}: ${count} row(s)`);
  if (options.dryRun) {
    log(`dry run: ${Object.keys(files).length} file(s) for ${year} would be written to ${dir}; nothing was written`);
    return rows;
  }
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  log(
    `export ${target.label}: ${year} → ${dir} (${messages.length} message(s), ${campaigns.length} campaign(s), ${projects.length} project(s); no personal data)`,
  );
  return rows;
}
