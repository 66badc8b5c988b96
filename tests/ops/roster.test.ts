// `npm run ops -- import-roster FILE` against the emulator: a street's 70 delegates go in with their
// groups and stations, their binding codes come out once in a file and bind through the function (the
// same hashing and pepper), a second import changes nothing, and a roster with one bad row writes
// nothing and names the line.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { collectionCounts, ops } from './support';

const GROUPS = ['经济工作小组', '城建环保小组', '社会事业小组', '法制工作小组', '农业农村小组'];
const STATIONS = ['金港人大代表之家', '长江社区联络站', '南沙社区联络站', '东莱村联络点'];
const HEADER = '姓名,专业小组,联络站,职务,简介,手机';

/** A roster as a street office keeps it: one delegate a line, a few with quoted commas in their bio. */
function roster(count: number): string[] {
  const rows = [HEADER];
  for (let i = 1; i <= count; i++) {
    const bio = i % 10 === 0 ? '"长期关注民生，热心社区事务"' : '';
    const mobile = i % 3 === 0 ? `139${String(10000000 + i).slice(-8)}` : '';
    rows.push(
      `代表${String(i).padStart(2, '0')},${GROUPS[i % GROUPS.length]},${STATIONS[i % STATIONS.length]},${i % 7 === 0 ? '社区书记' : ''},${bio},${mobile}`,
    );
  }
  return rows;
}

let emulator: TestEmulator;
let dir: string;
const file = (name: string, lines: string[]) => {
  const target = path.join(dir, name);
  writeFileSync(target, `${lines.join('\r\n')}\r\n`);
  return target;
};
const codeFiles = () => readdirSync(dir).filter((name) => name.startsWith('codes'));

beforeAll(async () => {
  emulator = await startTestEmulator();
  dir = mkdtempSync(path.join(os.tmpdir(), 'yzt-roster-'));
});
afterAll(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a roster with one bad row writes nothing and names the line; so does --dry-run of a good one', async () => {
  const lines = roster(70);
  lines[36] = '代表36,,金港人大代表之家,,,'; // line 37: no group
  lines[50] = lines[50].replace(/,[^,]*$/, ',1380000'); // line 51: a short mobile
  const bad = await ops(['import-roster', file('bad.csv', lines), '--emulator', emulator.url, '--codes', path.join(dir, 'codes-bad.csv')]);
  expect(bad.code).toBe(1);
  expect(bad.lines).toContain('  第 37 行：「专业小组」不能为空');
  expect(bad.lines).toContain('  第 51 行：「手机」不是 11 位手机号：1380000');
  expect(bad.output).toContain('bad.csv: 2 problem(s), nothing was written');

  const dry = await ops(['import-roster', file('dry.csv', roster(70)), '--emulator', emulator.url, '--dry-run']);
  expect(dry.code).toBe(0);
  expect(dry.lines).toContain('  would add 第 2 行 代表01（城建环保小组 · 长江社区联络站）');
  expect(dry.output).toContain('dry run: 70 row(s): 70 new delegate(s), 0 updated, 5 new group(s), 4 new station(s) would be written');

  const counts = await collectionCounts(emulator.url);
  for (const name of ['delegates', 'groups', 'stations', 'bindCodes']) expect(counts[name]).toBe(0);
  expect(codeFiles()).toEqual([]);
});

test('70 delegates go in with their groups and stations; their codes are printed once and bind', async () => {
  const codes = path.join(dir, 'codes-first.csv');
  const { code, output } = await ops(['import-roster', file('roster.csv', roster(70)), '--emulator', emulator.url, '--codes', codes]);
  expect(code).toBe(0);
  expect(output).toContain('70 row(s): 70 new delegate(s), 0 updated, 5 new group(s), 4 new station(s)');
  expect(await collectionCounts(emulator.url)).toMatchObject({ delegates: 70, groups: 5, stations: 4, bindCodes: 70 });

  // What residents see: the groups in the roster's order, stations by kind (家, 站, 点).
  const groups = await emulator.call('resident-1', 'groups.list');
  expect(groups.ok && groups.data.items.map((g) => g.name)).toEqual([GROUPS[1], GROUPS[2], GROUPS[3], GROUPS[4], GROUPS[0]]);
  const stations = await emulator.call('resident-1', 'stations.list');
  expect(stations.ok && stations.data.items.map((s) => [s.kind, s.name])).toEqual([
    ['home', '金港人大代表之家'],
    ['station', '南沙社区联络站'],
    ['station', '长江社区联络站'],
    ['point', '东莱村联络点'],
  ]);

  const printed = readFileSync(codes, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(printed[0]).toBe('姓名,专业小组,联络站,绑定码,有效期至');
  expect(printed).toHaveLength(71);
  const [name, , , bindCode] = printed[10].split(',');
  // The code was hashed with the emulator's pepper by the function's own rules: the delegate binds.
  const bound = await emulator.call('person-10', 'delegates.bind', { code: bindCode.toLowerCase() });
  expect(bound).toMatchObject({ ok: true, data: { name } });
  // Only hashes are stored.
  const stored = JSON.stringify(await emulator.collection('bindCodes')) + JSON.stringify(await emulator.collection('delegates'));
  expect(stored).not.toContain(bindCode);
});

test('importing the same roster again changes nothing and makes no codes; an edited row updates that delegate only', async () => {
  const before = await emulator.collection('delegates');
  const again = await ops([
    'import-roster',
    path.join(dir, 'roster.csv'),
    '--emulator',
    emulator.url,
    '--codes',
    path.join(dir, 'codes-again.csv'),
  ]);
  expect(again.code).toBe(0);
  expect(again.output).toContain('70 row(s): 0 new delegate(s), 0 updated, 0 new group(s), 0 new station(s); nothing to change');
  expect(await emulator.collection('delegates')).toEqual(before);
  expect(existsSync(path.join(dir, 'codes-again.csv'))).toBe(false);

  const edited = roster(70);
  edited[5] = edited[5].replace(GROUPS[0], GROUPS[3]); // line 6, 代表05: another group
  const update = await ops([
    'import-roster',
    file('edited.csv', edited),
    '--emulator',
    emulator.url,
    '--codes',
    path.join(dir, 'codes-edit.csv'),
  ]);
  expect(update.output).toContain('70 row(s): 0 new delegate(s), 1 updated');
  expect(update.lines).toContain('  update    第 6 行 代表05: groupId');
  expect(existsSync(path.join(dir, 'codes-edit.csv'))).toBe(false);
  expect(await collectionCounts(emulator.url)).toMatchObject({ delegates: 70, groups: 5 });
});

test('the file itself: missing columns, unknown columns, namesakes and spreadsheets are named plainly', async () => {
  const run = async (name: string, lines: string[]) => (await ops(['import-roster', file(name, lines), '--emulator', emulator.url])).output;
  expect(await run('header.csv', ['名字,小组', '张三,经济工作小组'])).toContain('第 1 行：不认识的列「名字」');
  expect(await run('missing.csv', ['姓名,联络站', '张三,长江社区联络站'])).toContain('第 1 行：缺少必需的列「专业小组」');
  expect(await run('twice.csv', [HEADER, '张三,经济工作小组,,,,', '李四,经济工作小组,,,,', '张三,城建环保小组,,,,'])).toContain(
    '第 4 行：与第 2 行是同一位代表（姓名相同）',
  );
  expect(await run('commas.csv', [HEADER, '张三,经济工作小组,,,关心老人,儿童,'])).toContain('第 2 行：有 7 列，表头只有 6 列');
  // A bio over two lines (quoted): the next rows keep the line numbers a text editor shows.
  expect(await run('multiline.csv', [HEADER, '张三,经济工作小组,,,"第一段', '第二段",', '李四,,,,,'])).toContain(
    '第 4 行：「专业小组」不能为空',
  );
  writeFileSync(path.join(dir, 'roster.xlsx'), 'PK');
  expect((await ops(['import-roster', path.join(dir, 'roster.xlsx'), '--emulator', emulator.url])).output).toContain('另存为 → CSV UTF-8');
});
