// `npm run ops -- export DIR`: the year's figures for the street's review, per delegate and group,
// campaign results and projects, with no resident's data in any file.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shanghai } from '../../cloudfunctions/api/src/platform/time';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { ops } from './support';

let emulator: TestEmulator;
let dir: string;

beforeAll(async () => {
  emulator = await startTestEmulator({ seed: true });
  dir = mkdtempSync(path.join(os.tmpdir(), 'yzt-export-'));
});
afterAll(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

const read = (folder: string, name: string) =>
  readFileSync(path.join(folder, name), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));

test('the year in four CSV files: figures per delegate and group, campaign results, projects; nothing personal', async () => {
  const [delegate] = (await emulator.collection('delegates')) as Array<{ _id: string; name: string; groupId: string }>;
  const send = (openid: string, n: number) =>
    emulator.call(openid, 'messages.send', {
      delegateId: delegate._id,
      category: '交通出行',
      title: `路口红绿灯太短${n}`,
      body: `老人过马路来不及，希望延长绿灯时间${n}`,
      phone: '13912345678',
      requestId: `export-test-${n}`,
    });
  const first = await send('resident-a', 1);
  expect(first.ok).toBe(true);
  expect((await send('resident-b', 2)).ok).toBe(true);
  await emulator.callRaw('demo-delegate', {
    action: 'messages.reply',
    payload: { id: first.ok && first.data.id, body: '已联系交警部门', requestId: 'export-reply-1' },
  });
  // Messages were written just now: this Shanghai year is theirs.
  const year = shanghai(new Date()).year();
  const closesAt = { $date: new Date().toISOString() };
  const imported = await fetch(`${emulator.url}/_emulator/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      collections: {
        campaigns: [
          {
            _id: 'c-export',
            streetId: 'default',
            title: '民生实事项目征集',
            closesAt,
            status: 'published',
            projects: [
              { id: 'p1', title: '老旧小区加装电梯' },
              { id: 'p2', title: '社区食堂' },
            ],
            count: { ballots: 120, votes: { p1: 80, p2: 65 } },
          },
        ],
        projects: [
          {
            _id: 'c-export:p1',
            streetId: 'default',
            year,
            campaignId: 'c-export',
            projectId: 'p1',
            title: '老旧小区加装电梯',
            summary: '',
            category: '城建',
            votes: 80,
            status: 'planning',
            createdAt: closesAt,
          },
        ],
      },
    }),
  });
  expect(imported.status).toBe(200);

  const folder = path.join(dir, 'report');
  const dry = await ops(['export', folder, '--emulator', emulator.url, '--year', String(year), '--dry-run']);
  expect(dry.output).toContain('nothing was written');
  const { code, output } = await ops(['export', folder, '--emulator', emulator.url, '--year', String(year)]);
  expect(code).toBe(0);
  expect(output).toContain('no personal data');
  const y = year;
  expect(readdirSync(folder).sort()).toEqual(
    [`${y}-代表留言统计.csv`, `${y}-小组留言统计.csv`, `${y}-民生项目.csv`, `${y}-征集结果.csv`].sort(),
  );

  const perDelegate = read(folder, `${y}-代表留言统计.csv`);
  expect(perDelegate[0]).toEqual(['代表', '专业小组', '留言数', '已答复', '已办结', '满意', '基本满意', '不满意', '平均首次答复(小时)']);
  const row = perDelegate.find((cells) => cells[0] === delegate.name)!;
  expect(row.slice(2, 4)).toEqual(['2', '1']);
  // The demo seed's own waiting messages of this year are counted too.
  const seeded = (await emulator.collection('messages')).filter(
    (m) => String(m.residentOpenid).startsWith('demo-') && shanghai(new Date(m.createdAt as string)).year() === y,
  ).length;
  const perGroup = read(folder, `${y}-小组留言统计.csv`);
  expect(perGroup.slice(1).reduce((sum, cells) => sum + Number(cells[2]), 0)).toBe(2 + seeded);
  // The demo seed's own published vote of this year is in the files too; this test's campaign is checked.
  expect(
    read(folder, `${y}-征集结果.csv`)
      .slice(1)
      .filter((cells) => cells[0] === '民生实事项目征集'),
  ).toEqual([
    ['民生实事项目征集', expect.any(String), '老旧小区加装电梯', '80', '120'],
    ['民生实事项目征集', expect.any(String), '社区食堂', '65', '120'],
  ]);
  const projects = read(folder, `${y}-民生项目.csv`);
  expect(projects[0]).toEqual(['项目', '类别', '得票', '预算(万元)', '地点', '责任单位', '状态', '进度(%)', '完成期限']);
  expect(projects.find((cells) => cells[2] === '80')?.slice(0, 3)).toEqual(['老旧小区加装电梯', '城建', '80']);
  // The demo seed's 民生实事 read in Chinese, with their progress: 已验收 at 100%, one still being planned.
  expect(projects.find((cells) => cells[0] === '口袋公园' && cells[6] === '已验收')?.[7]).toBe('100');
  expect(projects.some((cells) => cells[6] === '制定方案' && cells[8] === '')).toBe(true);

  const everything = readdirSync(folder)
    .map((name) => readFileSync(path.join(folder, name), 'utf8'))
    .join('\n');
  for (const personal of ['resident-a', 'resident-b', '13912345678', '路口红绿灯', '老人过马路', '已联系交警'])
    expect(everything).not.toContain(personal);
});
