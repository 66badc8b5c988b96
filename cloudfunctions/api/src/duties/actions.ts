import * as z from 'zod';
import type { DataOf, DerivedDuty, DutiesActions, DutyCounts, DutyTarget, PayloadOf } from '../../../../typings/contract';
import { DUTY_KINDS, PHOTOS_MAX, TEXT_LIMITS } from '../../../../typings/contract/constants';
import type { ActionTable } from '../app/actions';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { AppError, ensure } from '../app/errors';
import { cursorPart, decodeCursor, pageOf, rowsFor } from '../app/paging';
import { cursor, id, photoIds, requestId, text, year } from '../app/validation';
import {
  findDelegate,
  findDelegateWithPlaces,
  listGroups,
  listServingDelegates,
  receptionDaysByDelegate,
  receptionsAttended,
} from '../directory/store';
import { oversightOf } from '../identity/oversight';
import { firstAnswersPage } from '../messages/store';
import { delegateSupervisions } from '../projects/store';
import { holdForReviewInTx, registerModerationSubject, screenTexts } from '../moderation/screening';
import { shanghaiYear } from '../platform/time';
import { filedBy, filedCountsByDelegate } from '../suggestions/store';
import {
  addCounts,
  byNewest,
  checkDate,
  checkTargets,
  countsOf,
  dutyFeedItem,
  ensureOwn,
  entryView,
  HANDBOOK_ENTRIES_MAX,
  isPublicEntry,
  messageMonthEntries,
  monthsOf,
  newDutyId,
  newNewsId,
  newsFeedItem,
  progressOf,
  receptionEntries,
  REPORT_HIGHLIGHTS_MAX,
  statsOf,
  suggestionEntries,
  supervisionEntries,
  TARGET_REQUIRED_MAX,
  targetsId,
  totalOf,
  zeroCounts,
  type DutyRecord,
  type NewsRecord,
} from './rules';
import * as store from './store';

// 履职手册 and 履职清单 (docs/architecture.md#duties): a delegate logs their own entries; the system derives
// what it already knows; staff set the year's targets and post news; staff and liaisons read statistics.

const feedCursor = z.strictObject({ at: cursorPart.time(), id: cursorPart.text() });
/** Pages of first answers read to count a year's months (1,000 a page, as the database allows). */
const ANSWERS_PAGE = 1000;
const ANSWERS_PAGES_MAX = 50;

// ---- the delegate's own log

async function servingDelegate(ctx: RequestContext) {
  const { delegateId } = await ctx.caller();
  const delegate = delegateId ? await findDelegate(ctx.streetId, delegateId) : null;
  ensure(delegate?.active, 'PERMISSION_DENIED', '只有在任的人大代表可以记录履职');
  return delegate;
}

/** Screens the texts a person wrote: risky is refused here, before anything is written. */
const screen = (ctx: RequestContext, summary: string, place?: string) => screenTexts(ctx, [summary, place]);

async function log(input: PayloadOf<'duties.log'>, ctx: RequestContext): Promise<DataOf<'duties.log'>> {
  const delegate = await servingDelegate(ctx);
  const entryYear = checkDate(input.date, ctx.now);
  const place = input.place?.trim() || undefined;
  const verdict = await screen(ctx, input.summary, place);
  return runCommand(ctx, async ({ tx }) => {
    const record: DutyRecord = {
      _id: newDutyId(),
      streetId: ctx.streetId,
      delegateId: delegate._id,
      delegateName: delegate.name,
      groupId: delegate.groupId,
      kind: input.kind,
      date: input.date,
      year: entryYear,
      ...(place ? { place } : {}),
      summary: input.summary,
      photos: input.photos ?? [],
      isPublic: input.isPublic,
      status: verdict === 'review' ? 'held' : 'shown',
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    await store.putInTx(tx, record);
    if (verdict === 'review') await holdForReviewInTx(tx, ctx, { kind: 'duty', subjectId: record._id, text: textOf(record) });
    return { id: record._id };
  });
}

const textOf = (r: Pick<DutyRecord, 'summary' | 'place'>) => (r.place ? `${r.place}\n${r.summary}` : r.summary);

async function edit(input: PayloadOf<'duties.edit'>, ctx: RequestContext): Promise<DataOf<'duties.edit'>> {
  const { delegateId } = await ctx.caller();
  const { id: entryId, ...change } = input;
  const entryYear = change.date !== undefined ? checkDate(change.date, ctx.now) : undefined;
  // A changed text is checked again; an unchanged one keeps the verdict it had.
  const textChanged = change.summary !== undefined || change.place !== undefined;
  let verdict: 'pass' | 'review' | undefined;
  if (textChanged) {
    const current = await store.findOwn(ctx.streetId, entryId);
    ensureOwn(current, ctx.streetId, delegateId);
    verdict = await screen(ctx, change.summary ?? current.summary, change.place !== undefined ? change.place.trim() : current.place);
  }
  return runCommand(ctx, async ({ tx }) => {
    const current = await store.getInTx(tx, entryId);
    ensureOwn(current, ctx.streetId, delegateId);
    const { place: _place, ...kept } = current;
    const place = change.place !== undefined ? change.place.trim() : current.place;
    const next: DutyRecord = {
      ...kept,
      ...(change.kind ? { kind: change.kind } : {}),
      ...(change.date !== undefined ? { date: change.date, year: entryYear! } : {}),
      ...(place ? { place } : {}),
      ...(change.summary !== undefined ? { summary: change.summary } : {}),
      ...(change.photos ? { photos: change.photos } : {}),
      ...(change.isPublic !== undefined ? { isPublic: change.isPublic } : {}),
      ...(verdict ? { status: verdict === 'review' ? ('held' as const) : ('shown' as const) } : {}),
      updatedAt: ctx.now,
    };
    await store.putInTx(tx, next);
    if (verdict === 'review') await holdForReviewInTx(tx, ctx, { kind: 'duty', subjectId: next._id, text: textOf(next) });
    return { id: next._id };
  });
}

async function remove(input: PayloadOf<'duties.delete'>, ctx: RequestContext): Promise<DataOf<'duties.delete'>> {
  const { delegateId } = await ctx.caller();
  return runCommand(ctx, async ({ tx }) => {
    const current = await store.getInTx(tx, input.id);
    ensureOwn(current, ctx.streetId, delegateId);
    await store.removeInTx(tx, current._id);
    return { id: current._id, deleted: true as const };
  });
}

// A held entry counts for its delegate at once and reaches the public only once approved.
registerModerationSubject('duty', {
  async approve(scope, record, ctx) {
    const entry = await store.getInTx(scope.tx, record.subjectId);
    if (entry?.status === 'held') await store.setStatusInTx(scope.tx, entry._id, 'shown', ctx.now);
  },
  async reject(tx, record, ctx) {
    const entry = await store.getInTx(tx, record.subjectId);
    if (entry?.status === 'held') await store.setStatusInTx(tx, entry._id, 'rejected', ctx.now);
  },
});

// ---- a year of one delegate: logged and derived

async function targetsOf(streetId: string, forYear: number): Promise<DutyTarget[]> {
  return (await store.findTargets(targetsId(streetId, forYear)))?.targets ?? [];
}

/** When each of the year's messages got its first answer (of one delegate, or of everyone), page by page. */
async function firstAnswers(streetId: string, delegateId: string | null, forYear: number) {
  const { from, to } = shanghaiYear(forYear);
  const rows: { delegateId: string; firstResponseAt?: Date }[] = [];
  let afterId: string | undefined;
  for (let page = 0; page < ANSWERS_PAGES_MAX; page++) {
    const batch = await firstAnswersPage(streetId, delegateId, from, to, afterId, ANSWERS_PAGE);
    rows.push(...batch);
    if (batch.length < ANSWERS_PAGE) break;
    afterId = batch[batch.length - 1]._id;
  }
  return rows;
}

async function derivedOf(ctx: RequestContext, delegate: { _id: string; openid?: string }, forYear: number) {
  const { from, to } = shanghaiYear(forYear);
  const delegateId = delegate._id;
  const [answers, receptions, suggestions, supervisions] = await Promise.all([
    firstAnswers(ctx.streetId, delegateId, forYear),
    receptionsAttended(ctx.streetId, delegateId, from, to, ctx.now),
    filedBy(ctx.streetId, delegateId, from, to),
    delegate.openid ? delegateSupervisions(ctx.streetId, delegate.openid, from, to) : Promise.resolve([]),
  ]);
  const derived: DerivedDuty[] = [
    ...messageMonthEntries(monthsOf(answers.flatMap((a) => (a.firstResponseAt ? [a.firstResponseAt] : [])))),
    ...receptionEntries(receptions),
    ...suggestionEntries(suggestions),
    ...supervisionEntries(supervisions),
  ].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return { derived, answered: answers.length, receptionDays: receptions.length, suggestions };
}

async function mine(input: PayloadOf<'duties.mine'>, ctx: RequestContext): Promise<DataOf<'duties.mine'>> {
  const { delegateId } = await ctx.caller();
  const delegate = delegateId ? await findDelegate(ctx.streetId, delegateId) : null;
  if (!delegate) throw new AppError('PERMISSION_DENIED', '只有人大代表有履职手册');
  const [targets, entries, { derived }] = await Promise.all([
    targetsOf(ctx.streetId, input.year),
    store.listYear(ctx.streetId, delegate._id, input.year, HANDBOOK_ENTRIES_MAX),
    derivedOf(ctx, delegate, input.year),
  ]);
  const counts = countsOf(entries, derived);
  return {
    year: input.year,
    delegateId: delegate._id,
    delegateName: delegate.name,
    targets: progressOf(targets, counts),
    counts,
    entries: entries.map(entryView),
    derived,
  };
}

async function report(input: PayloadOf<'duties.report'>, ctx: RequestContext): Promise<DataOf<'duties.report'>> {
  const found = await findDelegateWithPlaces(ctx.streetId, input.delegateId);
  if (!found) throw new AppError('NOT_FOUND', '该代表不存在', 'delegateId');
  const { delegate, group, station } = found;
  const [targets, logged, highlights, { derived, answered, receptionDays, suggestions }] = await Promise.all([
    targetsOf(ctx.streetId, input.year),
    store.countsByDelegateOf(ctx.streetId, delegate._id, input.year),
    store.listPublicOfYear(ctx.streetId, delegate._id, input.year, REPORT_HIGHLIGHTS_MAX),
    derivedOf(ctx, delegate, input.year),
  ]);
  const counts = addCounts(logged, countsOf([], derived));
  return {
    year: input.year,
    delegate: {
      id: delegate._id,
      name: delegate.name,
      ...(delegate.title ? { title: delegate.title } : {}),
      ...(group ? { groupName: group.name } : {}),
      ...(station ? { stationName: station.name } : {}),
    },
    counts,
    total: totalOf(counts),
    targets: progressOf(targets, counts),
    messagesAnswered: answered,
    receptionDays,
    suggestionsFiled: suggestions.length,
    // Before the unit answers, a suggestion is its delegates' and staff's only (suggestions/rules.ts isPublic).
    suggestions: suggestions
      .filter((s) => s.status === 'answered' || s.status === 'closed')
      .map((s) => ({ id: s._id, title: s.title, status: s.status })),
    highlights: highlights.filter(isPublicEntry).map((r) => {
      const { id: entryId, kind, date, place, summary, photos } = entryView(r);
      return { id: entryId, kind, date, ...(place ? { place } : {}), summary, photos };
    }),
  };
}

// ---- statistics for staff (the street) and liaisons (the groups they follow)

async function stats(input: PayloadOf<'duties.stats'>, ctx: RequestContext): Promise<DataOf<'duties.stats'>> {
  const { staff, groupIds } = await oversightOf(ctx, input.groupId, '只有工作人员和小组联系委员可以查看履职统计');
  const { from, to } = shanghaiYear(input.year);
  const [targets, allGroups, delegates, logged, answers, receptionDays, filed, supervisions] = await Promise.all([
    targetsOf(ctx.streetId, input.year),
    listGroups(ctx.streetId),
    listServingDelegates(ctx.streetId, groupIds),
    store.countsByDelegate(ctx.streetId, input.year),
    firstAnswers(ctx.streetId, null, input.year),
    receptionDaysByDelegate(ctx.streetId, from, to, ctx.now),
    filedCountsByDelegate(ctx.streetId, from, to),
    delegateSupervisions(ctx.streetId, null, from, to),
  ]);
  const answeredAt = new Map<string, Date[]>();
  for (const a of answers)
    if (a.firstResponseAt) answeredAt.set(a.delegateId, [...(answeredAt.get(a.delegateId) ?? []), a.firstResponseAt]);
  const counts = new Map<string, DutyCounts>();
  for (const d of delegates) {
    const derived: Partial<DutyCounts> = {
      其他: messageMonthEntries(monthsOf(answeredAt.get(d._id) ?? [])).length,
      接待选民: receptionDays.get(d._id) ?? 0,
      提出建议: filed.get(d._id) ?? 0,
      视察督办: d.openid ? supervisions.filter((s) => s.recorderOpenid === d.openid).length : 0,
    };
    counts.set(d._id, addCounts(logged.get(d._id) ?? zeroCounts(), derived));
  }
  const groups = allGroups.filter((g) => !groupIds || groupIds.includes(g._id));
  return { year: input.year, scope: staff ? 'street' : 'liaison', targets, ...statsOf(delegates, groups, counts, targets) };
}

// ---- the public feed and the year's list

async function feed(input: PayloadOf<'duties.feed'>, ctx: RequestContext): Promise<DataOf<'duties.feed'>> {
  const after = decodeCursor(input.cursor, feedCursor);
  const [duties, news] = await Promise.all([
    store.listPublicFeed(ctx.streetId, after, rowsFor()),
    store.listNews(ctx.streetId, after, rowsFor()),
  ]);
  type Row = { createdAt: Date; _id: string; duty?: DutyRecord; news?: NewsRecord };
  const rows: Row[] = [
    ...duties.map((d) => ({ createdAt: d.createdAt, _id: d._id, duty: d })),
    ...news.map((n) => ({ createdAt: n.createdAt, _id: n._id, news: n })),
  ];
  rows.sort(byNewest);
  return pageOf(
    rows,
    (r) => ({ at: r.createdAt, id: r._id }),
    (r) => (r.duty ? dutyFeedItem(r.duty) : newsFeedItem(r.news!)),
  );
}

async function targets(input: PayloadOf<'duties.targets'>, ctx: RequestContext): Promise<DataOf<'duties.targets'>> {
  return { year: input.year, targets: await targetsOf(ctx.streetId, input.year) };
}

// ---- staff

async function setTargets(input: PayloadOf<'admin.duties.setTargets'>, ctx: RequestContext): Promise<DataOf<'admin.duties.setTargets'>> {
  const list = checkTargets(input.targets);
  const listId = targetsId(ctx.streetId, input.year);
  const reason = list.length ? list.map((t) => `${t.kind} ≥ ${t.required}`).join('、') : '清空履职清单';
  return runCommand(
    ctx,
    async ({ tx }) => {
      await store.putTargetsInTx(tx, {
        _id: listId,
        streetId: ctx.streetId,
        year: input.year,
        targets: list,
        updatedAt: ctx.now,
        updatedBy: ctx.openid,
      });
      return { year: input.year, targets: list };
    },
    { subject: listId, trail: { reason: `${input.year} 年履职清单：${reason}` } },
  );
}

async function postNews(input: PayloadOf<'admin.news.post'>, ctx: RequestContext): Promise<DataOf<'admin.news.post'>> {
  return runCommand(ctx, async ({ tx }) => {
    const record: NewsRecord = {
      _id: newNewsId(),
      streetId: ctx.streetId,
      title: input.title,
      body: input.body,
      photos: input.photos ?? [],
      createdAt: ctx.now,
      createdBy: ctx.openid,
    };
    await store.insertNewsInTx(tx, record);
    return { id: record._id };
  });
}

async function removeNews(input: PayloadOf<'admin.news.remove'>, ctx: RequestContext): Promise<DataOf<'admin.news.remove'>> {
  return runCommand(
    ctx,
    async ({ tx }) => {
      const found = await store.getNewsInTx(tx, input.id);
      if (!found || found.streetId !== ctx.streetId) throw new AppError('NOT_FOUND', '动态不存在或已删除', 'id');
      await store.removeNewsInTx(tx, found._id);
      return { id: found._id, removed: true as const };
    },
    { trail: { reason: '撤下动态' } },
  );
}

// ---- the table

const dutyKind = z.enum(DUTY_KINDS);
const day = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const dutyFields = {
  kind: dutyKind,
  date: day(),
  place: text(0, TEXT_LIMITS.dutyPlace).optional(),
  summary: text(5, TEXT_LIMITS.dutySummary),
  photos: photoIds(PHOTOS_MAX).optional(),
  isPublic: z.boolean(),
};

export const dutiesActions: ActionTable<keyof DutiesActions> = {
  'duties.log': { allow: ['delegate'], input: z.strictObject({ ...dutyFields, requestId: requestId().optional() }), handle: log },
  'duties.edit': {
    allow: ['delegate'],
    input: z.strictObject({
      id: id(),
      kind: dutyKind.optional(),
      date: day().optional(),
      place: dutyFields.place,
      summary: dutyFields.summary.optional(),
      photos: dutyFields.photos,
      isPublic: z.boolean().optional(),
      requestId: requestId().optional(),
    }),
    handle: edit,
  },
  'duties.delete': { allow: ['delegate'], input: z.strictObject({ id: id(), requestId: requestId().optional() }), handle: remove },
  'duties.mine': { allow: 'anyone', input: z.strictObject({ year: year() }), handle: mine },
  'duties.stats': { allow: 'anyone', input: z.strictObject({ year: year(), groupId: id().optional() }), handle: stats },
  'duties.report': { allow: 'anyone', input: z.strictObject({ delegateId: id(), year: year() }), handle: report },
  'duties.feed': { allow: 'anyone', input: z.strictObject({ cursor: cursor() }), handle: feed },
  'duties.targets': { allow: 'anyone', input: z.strictObject({ year: year() }), handle: targets },
  'admin.duties.setTargets': {
    allow: ['staff'],
    input: z.strictObject({
      year: year(),
      targets: z
        .array(z.strictObject({ kind: dutyKind, required: z.number().int().min(1).max(TARGET_REQUIRED_MAX) }))
        .max(DUTY_KINDS.length),
      requestId: requestId().optional(),
    }),
    handle: setTargets,
  },
  'admin.news.post': {
    allow: ['staff'],
    input: z.strictObject({
      title: text(4, TEXT_LIMITS.newsTitle),
      body: text(10, TEXT_LIMITS.newsBody),
      photos: photoIds(PHOTOS_MAX).optional(),
      requestId: requestId().optional(),
    }),
    handle: postNews,
  },
  'admin.news.remove': { allow: ['staff'], input: z.strictObject({ id: id(), requestId: requestId().optional() }), handle: removeNews },
};
