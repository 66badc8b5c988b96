import * as z from 'zod';
import type { DataOf, PayloadOf, SuggestionsActions } from '../../../../typings/contract';
import type { ActionTable, TimerJob } from '../app/actions';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { ensure } from '../app/errors';
import { cursorPart, decodeCursor, pageOf, rowsFor } from '../app/paging';
import { cursor, id, isoTime, requestId, text } from '../app/validation';
import { currentOpenids, findDelegate } from '../directory/store';
import { deliverQueued, queueNotifications } from '../notify/outbox';
import {
  afterRating,
  answeredNotice,
  canSee,
  checkDueAt,
  CO_SIGNERS_MAX,
  ensureAnswerable,
  ensureAssignable,
  ensureRatable,
  newSuggestionId,
  overdueNotice,
  suggestionNotFound,
  summaryOf,
  viewOf,
  type SuggestionRecord,
} from './rules';
import * as store from './store';

// 代表建议 to the end (docs/architecture.md#suggestions): delegates file and rate, staff assign and
// record the unit's answer, everyone reads the answered ones.

const listCursor = z.strictObject({ at: cursorPart.time(), id: cursorPart.text() });
const byCreated = (s: SuggestionRecord) => ({ at: s.createdAt, id: s._id });
const satisfaction = z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']);
const statuses = z.enum(['submitted', 'assigned', 'answered', 'closed']);

async function viewer(ctx: RequestContext) {
  const [caller, staff] = await Promise.all([ctx.caller(), ctx.hasRole('staff')]);
  return { delegateId: caller.delegateId, staff };
}

async function submit(input: PayloadOf<'suggestions.submit'>, ctx: RequestContext): Promise<DataOf<'suggestions.submit'>> {
  const { delegateId } = await ctx.caller();
  const coSignerIds = [...new Set(input.coSigners ?? [])].filter((d) => d !== delegateId);
  // The author and every co-signer must be active delegates of the street (one read each, at most 11).
  const [author, ...coSigners] = await Promise.all([delegateId!, ...coSignerIds].map((d) => findDelegate(ctx.streetId, d)));
  ensure(author?.active, 'PERMISSION_DENIED', '只有在任的人大代表可以提出建议');
  coSigners.forEach((d, i) => ensure(d?.active, 'INVALID_ARGUMENT', `联名代表（${coSignerIds[i]}）不存在或已停用`, 'coSigners'));
  return runCommand(ctx, async ({ tx }) => {
    const record: SuggestionRecord = {
      _id: newSuggestionId(),
      streetId: ctx.streetId,
      delegateId: author!._id,
      delegateName: author!.name,
      coSigners: coSigners.map((d) => ({ delegateId: d!._id, name: d!.name })),
      delegateIds: [author!._id, ...coSigners.map((d) => d!._id)],
      title: input.title,
      body: input.body,
      category: input.category,
      status: 'submitted',
      round: 1,
      steps: [{ kind: 'submitted', at: ctx.now }],
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    await store.insertInTx(tx, record);
    return { id: record._id };
  });
}

async function listMine(input: PayloadOf<'suggestions.mine'>, ctx: RequestContext): Promise<DataOf<'suggestions.mine'>> {
  const { delegateId } = await ctx.caller();
  const rows = await store.listByDelegate(ctx.streetId, delegateId!, decodeCursor(input.cursor, listCursor), rowsFor());
  return pageOf(rows, byCreated, (s) => summaryOf(s, ctx.now));
}

async function listPublic(input: PayloadOf<'suggestions.list'>, ctx: RequestContext): Promise<DataOf<'suggestions.list'>> {
  const rows = await store.listAnswered(ctx.streetId, decodeCursor(input.cursor, listCursor), rowsFor());
  return pageOf(
    rows,
    (s) => ({ at: s.answeredAt ?? s.updatedAt, id: s._id }),
    (s) => summaryOf(s, ctx.now),
  );
}

async function getOne(input: PayloadOf<'suggestions.get'>, ctx: RequestContext): Promise<DataOf<'suggestions.get'>> {
  const found = await store.findSuggestion(ctx.streetId, input.id);
  if (!found) throw suggestionNotFound();
  // The caller decides what they may do (rate, assign, answer), and whether they see it before it is answered.
  const who = await viewer(ctx);
  if (!canSee(found, who)) throw suggestionNotFound();
  return viewOf(found, ctx.now, who);
}

async function rate(input: PayloadOf<'suggestions.rate'>, ctx: RequestContext): Promise<DataOf<'suggestions.rate'>> {
  const { delegateId } = await ctx.caller();
  return runCommand(ctx, async ({ tx }) => {
    const found = await store.getInTx(tx, input.id);
    if (!found || found.streetId !== ctx.streetId || !canSee(found, { delegateId, staff: false })) throw suggestionNotFound();
    ensureRatable(found, delegateId);
    const change = afterRating(found, input.satisfaction, ctx.now);
    await store.updateInTx(tx, found._id, change);
    return { status: change.status! };
  });
}

async function listForStaff(input: PayloadOf<'admin.suggestions.list'>, ctx: RequestContext): Promise<DataOf<'admin.suggestions.list'>> {
  const rows = await store.listAll(ctx.streetId, input.status, decodeCursor(input.cursor, listCursor), rowsFor());
  return pageOf(rows, byCreated, (s) => summaryOf(s, ctx.now));
}

async function assign(input: PayloadOf<'admin.suggestions.assign'>, ctx: RequestContext): Promise<DataOf<'admin.suggestions.assign'>> {
  const dueAt = new Date(input.dueAt);
  checkDueAt(dueAt, ctx.now);
  return runCommand(
    ctx,
    async ({ tx }) => {
      const found = await store.getInTx(tx, input.id);
      if (!found || found.streetId !== ctx.streetId) throw suggestionNotFound();
      ensureAssignable(found);
      await store.updateInTx(tx, found._id, {
        status: 'assigned',
        unit: input.unit,
        dueAt,
        assignedAt: ctx.now,
        assignedBy: ctx.openid,
        steps: [...found.steps, { kind: 'assigned', at: ctx.now, note: input.unit }],
        overdueRemindedAt: undefined,
        updatedAt: ctx.now,
      });
      return { status: 'assigned' as const };
    },
    { subject: input.id, trail: { to: 'assigned', reason: input.unit } },
  );
}

async function answer(input: PayloadOf<'admin.suggestions.answer'>, ctx: RequestContext): Promise<DataOf<'admin.suggestions.answer'>> {
  let notice: SuggestionRecord | undefined;
  const result = await runCommand(
    ctx,
    async ({ tx }) => {
      const found = await store.getInTx(tx, input.id);
      if (!found || found.streetId !== ctx.streetId) throw suggestionNotFound();
      ensureAnswerable(found);
      const answered = { body: input.answer, class: input.class, at: ctx.now, by: ctx.openid };
      await store.updateInTx(tx, found._id, {
        status: 'answered',
        answer: answered,
        answeredAt: ctx.now,
        steps: [...found.steps, { kind: 'answered', at: ctx.now, note: input.class }],
        updatedAt: ctx.now,
      });
      notice = { ...found, answer: answered };
      return { status: 'answered' as const };
    },
    { subject: input.id, trail: { from: 'assigned', to: 'answered' } },
  );
  // The delegate hears after the commit; a failure stays in the outbox for the timer (never an error here).
  if (notice) await tellDelegate(ctx, notice).catch((error) => console.error('[suggestions] answered notice failed', error));
  return result;
}

async function tellDelegate(ctx: RequestContext, s: SuggestionRecord): Promise<void> {
  const holder = (await currentOpenids([s.delegateId])).get(s.delegateId);
  if (!holder) return;
  await deliverQueued(ctx, await queueNotifications(ctx, [answeredNotice(s, holder, ctx.now)]));
}

const suggestionText = {
  title: text(4, 40),
  body: text(10, 2000),
  category: text(1, 20),
};

export const suggestionsActions: ActionTable<keyof SuggestionsActions> = {
  'suggestions.submit': {
    allow: ['delegate'],
    input: z.strictObject({
      ...suggestionText,
      coSigners: z.array(id()).max(CO_SIGNERS_MAX).optional(),
      requestId: requestId().optional(),
    }),
    handle: submit,
  },
  'suggestions.mine': { allow: ['delegate'], input: z.strictObject({ cursor: cursor() }), handle: listMine },
  'suggestions.list': { allow: 'anyone', input: z.strictObject({ cursor: cursor() }), handle: listPublic },
  'suggestions.get': { allow: 'anyone', input: z.strictObject({ id: id() }), handle: getOne },
  'suggestions.rate': {
    allow: ['delegate'],
    input: z.strictObject({ id: id(), satisfaction, requestId: requestId().optional() }),
    handle: rate,
  },
  'admin.suggestions.list': {
    allow: ['staff'],
    input: z.strictObject({ status: statuses.optional(), cursor: cursor() }),
    handle: listForStaff,
  },
  'admin.suggestions.assign': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), unit: text(2, 40), dueAt: isoTime(), requestId: requestId().optional() }),
    handle: assign,
  },
  'admin.suggestions.answer': {
    allow: ['staff'],
    input: z.strictObject({ id: id(), answer: text(5, 2000), class: z.enum(['A', 'B', 'C']), requestId: requestId().optional() }),
    handle: answer,
  },
};

// ---- the timer: an assignment past its due date reminds the staff member who made it, once a round

const OVERDUE_BATCH = 100;

export const overdueSuggestions: TimerJob = {
  name: 'suggestions.overdue',
  async run(ctx) {
    const due = (await store.findOverdue(ctx.now, OVERDUE_BATCH)).filter((s) => s.assignedBy);
    const queued = await queueNotifications(
      ctx,
      due.map((s) => overdueNotice(s, ctx.now)),
    );
    let reminded = 0;
    for (const s of due) if (await store.markOverdueReminded(s, ctx.now)) reminded++;
    await deliverQueued(ctx, queued).catch((error) => console.error('[suggestions] overdue notices failed', error));
    return { reminded };
  },
};

export const suggestionsTimerJobs: TimerJob[] = [overdueSuggestions];
