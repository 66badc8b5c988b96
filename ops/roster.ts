// `ops import-roster FILE`: groups, stations and delegates from the CSV a street office already keeps
// (columns 姓名, 专业小组, 联络站, 职务, 简介, 手机; 联络站地址 optional). Every row is checked first and
// problems are reported by line; one bad row and nothing is written. Re-importing the same file changes
// nothing. New delegates get binding codes made by the function's own rules (hashed with the
// environment's BIND_CODE_PEPPER), printed once to a CSV file for the office to print.
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import {
  delegateSortKey,
  hashBindCode,
  newBindCode,
  newId,
  normalizeBindCode,
  stationSortKey,
  type BindCodeRecord,
  type DelegateRecord,
  type GroupRecord,
  type StationRecord,
} from '../cloudfunctions/api/src/directory/rules';
import { secret } from '../cloudfunctions/api/src/platform/secrets';
import { DAY_MS, shanghai } from '../cloudfunctions/api/src/platform/time';
import type { StationKind } from '../typings/contract';
import { type Log, OpsError } from './output';
import { readAll } from './read';
import type { Target } from './target';

// ---- the file

const COLUMNS = {
  name: '姓名',
  group: '专业小组',
  station: '联络站',
  title: '职务',
  bio: '简介',
  mobile: '手机',
  address: '联络站地址',
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['name', 'group'];
// The limits of admin.delegates.create, admin.groups.create and admin.stations.create.
const MAX_LENGTH: Record<Column, number> = { name: 20, group: 20, station: 30, title: 60, bio: 500, mobile: 11, address: 100 };
const MOBILE = /^1[3-9]\d{9}$/;

export interface RosterRow {
  line: number;
  name: string;
  group: string;
  station?: string;
  address?: string;
  title?: string;
  bio?: string;
  mobile?: string;
}

/** RFC 4180 CSV; each record keeps the line it starts on, so errors point at what a person sees. */
export function parseCsv(text: string): Array<{ line: number; cells: string[] }> {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    cells.push(cell);
    records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length) endRecord();
  return records;
}

/** A roster file's text: UTF-8 (with or without BOM) or, as older Excel saves CSV in China, GBK. */
export function readRosterText(file: string): string {
  if (!existsSync(file)) throw new OpsError(`${file}: no such file`);
  if (/\.xlsx?$/i.test(file)) throw new OpsError(`${file}: save the sheet as CSV first (Excel: 另存为 → CSV UTF-8)`);
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gbk').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

/** Checks every row; answers the rows, or every problem by line number (Chinese, for the office). */
export function validateRoster(text: string): { rows: RosterRow[]; errors: string[] } {
  const records = parseCsv(text).filter(({ cells }) => cells.some((cell) => cell.trim()));
  const errors: string[] = [];
  if (!records.length) return { rows: [], errors: ['文件是空的：第一行应是表头（姓名,专业小组,联络站,职务,简介,手机）'] };
  const [header, ...body] = records;
  const columnOf = new Map<Column, number>();
  header.cells.forEach((title, index) => {
    const column = (Object.keys(COLUMNS) as Column[]).find((key) => COLUMNS[key] === title.trim());
    if (column) columnOf.set(column, index);
    else if (title.trim())
      errors.push(`第 ${header.line} 行：不认识的列「${title.trim()}」（可用的列：${Object.values(COLUMNS).join('、')}）`);
  });
  for (const column of REQUIRED) if (!columnOf.has(column)) errors.push(`第 ${header.line} 行：缺少必需的列「${COLUMNS[column]}」`);
  if (errors.length) return { rows: [], errors };
  if (!body.length) return { rows: [], errors: ['表头下没有代表：每位代表一行'] };

  const rows: RosterRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of body) {
    const rowErrors: string[] = [];
    if (cells.length > header.cells.length)
      rowErrors.push(`有 ${cells.length} 列，表头只有 ${header.cells.length} 列（文字中的逗号请用引号括起来）`);
    const value = (column: Column): string | undefined => {
      const index = columnOf.get(column);
      const text = index === undefined ? '' : (cells[index] ?? '').trim();
      if (!text) {
        if (REQUIRED.includes(column)) rowErrors.push(`「${COLUMNS[column]}」不能为空`);
        return undefined;
      }
      if ([...text].length > MAX_LENGTH[column]) rowErrors.push(`「${COLUMNS[column]}」最多 ${MAX_LENGTH[column]} 个字`);
      return text;
    };
    const row: RosterRow = {
      line,
      name: value('name') ?? '',
      group: value('group') ?? '',
      station: value('station'),
      address: value('address'),
      title: value('title'),
      bio: value('bio'),
      mobile: value('mobile')?.replace(/[\s-]/g, ''),
    };
    if (row.mobile && !MOBILE.test(row.mobile)) rowErrors.push(`「手机」不是 11 位手机号：${row.mobile}`);
    if (row.address && !row.station) rowErrors.push('填了「联络站地址」却没有「联络站」');
    const key = `${row.name}\u0001${row.mobile ?? ''}`;
    if (row.name && seen.has(key)) rowErrors.push(`与第 ${seen.get(key)} 行是同一位代表（姓名${row.mobile ? '和手机' : ''}相同）`);
    seen.set(key, line);
    if (rowErrors.length) errors.push(`第 ${line} 行：${rowErrors.join('；')}`);
    else rows.push(row);
  }
  return { rows: errors.length ? [] : rows, errors };
}

/** 人大代表之家 → home, …联络点 → point, anything else a station (the directory's three kinds). */
export function stationKindOf(name: string): StationKind {
  if (name.includes('家')) return 'home';
  if (name.endsWith('点')) return 'point';
  return 'station';
}

// ---- the import

export interface ImportOptions {
  dryRun: boolean;
  log: Log;
  streetId: string;
  now?: Date;
  /** Where the new delegates' binding codes go; default binding-codes-<street>-<time>.csv here. */
  codesFile?: string;
}

export interface ImportResult {
  groups: number;
  stations: number;
  created: number;
  updated: number;
  codesFile?: string;
}

interface Write {
  collection: 'groups' | 'stations' | 'delegates' | 'bindCodes';
  id: string;
  data: object;
  /** An existing document: only these fields change. */
  update?: boolean;
}

export async function importRoster(target: Target, file: string, options: ImportOptions): Promise<ImportResult> {
  const { log, streetId } = options;
  const { rows, errors } = validateRoster(readRosterText(file));
  if (errors.length) {
    for (const error of errors) log(`  ${error}`);
    throw new OpsError(`${path.basename(file)}: ${errors.length} problem(s), nothing was written; fix the file and run again`);
  }
  const now = options.now ?? new Date();
  const byStreet = { streetId };
  const [groups, stations, delegates] = await Promise.all([
    readAll<GroupRecord>(target.db, 'groups', byStreet),
    readAll<StationRecord>(target.db, 'stations', byStreet),
    readAll<DelegateRecord>(target.db, 'delegates', byStreet),
  ]);
  const writes: Write[] = [];
  const groupId = new Map(groups.map((g) => [g.name, g._id]));
  const stationId = new Map(stations.map((s) => [s.name, s._id]));
  const newStationsWithoutAddress: string[] = [];
  let order = 0;
  for (const row of rows) {
    if (!groupId.has(row.group)) {
      const id = newId();
      // Groups list in creation order: the roster's order, one millisecond apart.
      const createdAt = new Date(now.getTime() + order++);
      groupId.set(row.group, id);
      const group: GroupRecord = {
        _id: id,
        streetId,
        name: row.group,
        sortKey: `${createdAt.toISOString()}:${id}`,
        createdAt,
        updatedAt: createdAt,
      };
      writes.push({ collection: 'groups', id, data: group });
    }
    if (row.station && !stationId.has(row.station)) {
      const id = newId();
      const kind = stationKindOf(row.station);
      stationId.set(row.station, id);
      if (!row.address) newStationsWithoutAddress.push(row.station);
      const station: StationRecord = {
        _id: id,
        streetId,
        kind,
        name: row.station,
        address: row.address ?? '',
        sortKey: stationSortKey(kind, row.station),
        upcoming: [],
        createdAt: now,
        updatedAt: now,
      };
      writes.push({ collection: 'stations', id, data: station });
    }
  }

  const pepper = rows.length ? secret('BIND_CODE_PEPPER', target.secretEnv) : '';
  const ttlDays = Number(target.secretEnv.BIND_CODE_TTL_DAYS ?? 7) || 7;
  const expiresAt = new Date(now.getTime() + ttlDays * DAY_MS);
  const codes: Array<{ row: RosterRow; code: string }> = [];
  let updated = 0;
  const claimed = new Set<string>();
  for (const row of rows) {
    const wanted = {
      groupId: groupId.get(row.group)!,
      stationId: row.station ? stationId.get(row.station) : undefined,
      title: row.title,
      bio: row.bio,
      mobile: row.mobile,
    };
    // The same person: same name, and the same mobile when both sides have one.
    const existing = delegates.find(
      (d) => !claimed.has(d._id) && d.name === row.name && (!row.mobile || !d.mobile || d.mobile === row.mobile),
    );
    if (existing) {
      claimed.add(existing._id);
      const change = Object.fromEntries(
        Object.entries(wanted).filter(
          ([key, value]) => value !== undefined && (existing as unknown as Record<string, unknown>)[key] !== value,
        ),
      );
      if (Object.keys(change).length) {
        updated++;
        writes.push({ collection: 'delegates', id: existing._id, data: { ...change, updatedAt: now }, update: true });
        log(`  update    第 ${row.line} 行 ${row.name}: ${Object.keys(change).join(', ')}`);
      }
      continue;
    }
    const id = newId();
    const code = newBindCode();
    const hash = hashBindCode(normalizeBindCode(code), pepper);
    const delegate: DelegateRecord = {
      _id: id,
      streetId,
      name: row.name,
      ...definedOnly(wanted),
      groupId: wanted.groupId,
      active: true,
      sortKey: delegateSortKey(row.name, id),
      codeHash: hash,
      codeExpiresAt: expiresAt,
      codeUsed: false,
      createdAt: now,
      updatedAt: now,
    };
    const bindCode: BindCodeRecord = { _id: hash, streetId, delegateId: id, expiresAt };
    writes.push({ collection: 'delegates', id, data: delegate }, { collection: 'bindCodes', id: hash, data: bindCode });
    codes.push({ row, code });
  }

  const result: ImportResult = {
    groups: writes.filter((w) => w.collection === 'groups').length,
    stations: writes.filter((w) => w.collection === 'stations').length,
    created: codes.length,
    updated,
  };
  const summary = `${rows.length} row(s): ${result.created} new delegate(s), ${result.updated} updated, ${result.groups} new group(s), ${result.stations} new station(s)`;
  if (!writes.length) {
    log(`import-roster ${target.label}: ${summary}; nothing to change`);
    return result;
  }
  if (options.dryRun) {
    for (const { row } of codes) log(`  would add 第 ${row.line} 行 ${row.name}（${row.group}${row.station ? ` · ${row.station}` : ''}）`);
    log(`dry run: ${summary} would be written to ${target.label}; nothing was written and no code was made`);
    return result;
  }

  // The codes exist only here and in the file: the file is written first, then named once the data commits.
  const codesFile = path.resolve(options.codesFile ?? `binding-codes-${streetId}-${shanghai(now).format('YYYYMMDD-HHmmss')}.csv`);
  if (codes.length && existsSync(codesFile))
    throw new OpsError(`${codesFile} exists: codes are printed once, to a new file (give --codes <new file>)`);
  const partial = `${codesFile}.partial`;
  if (codes.length) writeCodes(partial, codes, expiresAt);
  try {
    await writeAll(target, writes);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  if (codes.length) {
    renameSync(partial, codesFile);
    result.codesFile = codesFile;
  }
  log(`import-roster ${target.label}: ${summary}`);
  if (codes.length)
    log(
      `binding codes of the ${codes.length} new delegate(s), valid until ${shanghai(expiresAt).format('YYYY-MM-DD HH:mm')}: ${codesFile} (print it; they are not shown again)`,
    );
  if (newStationsWithoutAddress.length) log(`stations without an address (fill in 管理 → 站点): ${newStationsWithoutAddress.join('、')}`);
  return result;
}

const definedOnly = <T extends Record<string, unknown>>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

function writeCodes(file: string, codes: Array<{ row: RosterRow; code: string }>, expiresAt: Date): void {
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const until = shanghai(expiresAt).format('YYYY-MM-DD HH:mm');
  const lines = [
    ['姓名', '专业小组', '联络站', '绑定码', '有效期至'],
    ...codes.map(({ row, code }) => [row.name, row.group, row.station ?? '', code, until]),
  ];
  // BOM: Excel opens UTF-8 CSV correctly only with it. Readable by the owner only: these are secrets.
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, `\uFEFF${lines.map((cells) => cells.map(quote).join(',')).join('\r\n')}\r\n`);
  } finally {
    closeSync(fd);
  }
}

/** All or nothing: one transaction for the whole roster. */
async function writeAll(target: Target, writes: Write[]): Promise<void> {
  const tx = await target.db.startTransaction();
  try {
    for (const write of writes) {
      const doc = tx.collection(write.collection).doc(write.id);
      const { _id: _ignored, ...data } = write.data as Record<string, unknown>;
      if (write.update) await doc.update(data);
      else await doc.set(data);
    }
    await tx.commit();
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  }
}
