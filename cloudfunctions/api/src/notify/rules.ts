import type { TemplateKey } from '../../../../typings/contract';
import { HOUR_MS, shanghai } from '../platform/time';

// Pure decisions about notifications: what a template's data becomes within WeChat's limits,
// when a failed send is tried again, and which failures are worth trying again at all.

/** What a notification says, in the product's words; `renderTemplateData` turns it into template fields. */
export interface NotificationContent {
  /** thing: what it is about (a message title, a campaign title). */
  subject: string;
  /** phrase: the state in at most 5 Chinese characters (待回复, 已回复, 已转办, 已办结, 已公布). */
  state: string;
  /** time: when it happened. */
  at: Date;
  /** thing: a short hint of what to do next. */
  hint: string;
}

export interface NotificationRequest {
  kind: string;
  recipient: string;
  templateKey: TemplateKey;
  content: NotificationContent;
  /** The page the notification opens, with its query, e.g. `packages/delegate/thread/thread?id=...`. */
  page: string;
  dedupeKey: string;
  /** The record's street when it is not the caller's (the timer works for every street). */
  streetId?: string;
}

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'undeliverable' | 'failed' | 'dismissed';

export interface OutboxRecord {
  _id: string;
  streetId: string;
  /** What happened, for people reading the outbox: 'newMessage', 'reply', 'forward', 'voteResult', ... */
  kind: string;
  recipient: string;
  templateKey: TemplateKey;
  content: NotificationContent;
  page: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError?: string;
  /** One notification per event: a second enqueue of the same key is a no-op. */
  dedupeKey: string;
  createdAt: Date;
  sentAt?: Date;
}

/** Field names of each template as configured in the WeChat console (公共模板库 choices). */
const TEMPLATE_FIELDS: Record<TemplateKey, { subject: string; state: string; at: string; hint: string }> = {
  newMessage: { subject: 'thing1', state: 'phrase2', at: 'time3', hint: 'thing4' },
  messageUpdate: { subject: 'thing1', state: 'phrase2', at: 'time3', hint: 'thing4' },
  reminder: { subject: 'thing1', state: 'phrase2', at: 'time3', hint: 'thing4' },
  voteResult: { subject: 'thing1', state: 'phrase2', at: 'time3', hint: 'thing4' },
  projectUpdate: { subject: 'thing1', state: 'phrase2', at: 'time3', hint: 'thing4' },
};

export const THING_MAX = 20;
export const PHRASE_MAX = 5;

/** WeChat refuses a `thing` over 20 characters: cut, marking the cut so the reader knows. */
export function cutThing(value: string): string {
  const chars = Array.from(value.replace(/\s+/g, ' ').trim());
  if (chars.length === 0) return '-';
  return chars.length <= THING_MAX ? chars.join('') : chars.slice(0, THING_MAX - 1).join('') + '…';
}

/** A `phrase` is at most 5 Chinese characters, nothing else. */
export function cutPhrase(value: string): string {
  const chinese = Array.from(value).filter((c) => /\p{Script=Han}/u.test(c));
  return chinese.slice(0, PHRASE_MAX).join('') || '有更新';
}

/** `time` fields read as people in Jiangsu read a clock: Asia/Shanghai, e.g. 2026年05月01日 08:30. */
export function formatShanghaiTime(at: Date): string {
  return shanghai(at).format('YYYY年MM月DD日 HH:mm');
}

/** Template fields by key, as the open API wrapper takes them: `{ thing1: '...', phrase2: '...' }`. */
export function renderTemplateData(key: TemplateKey, content: NotificationContent): Record<string, string> {
  const fields = TEMPLATE_FIELDS[key];
  return {
    [fields.subject]: cutThing(content.subject),
    [fields.state]: cutPhrase(content.state),
    [fields.at]: formatShanghaiTime(content.at),
    [fields.hint]: cutThing(content.hint),
  };
}

/** 43101: the person has no subscription credit left; 47003: data over limits; 40003: bad openid. */
const PERMANENT_ERRORS: Record<number, OutboxStatus> = {
  43101: 'undeliverable',
  43100: 'undeliverable',
  47003: 'failed',
  40003: 'failed',
  40037: 'failed',
};

// With the backoff below, 12 attempts span about a day: a long WeChat outage still ends in delivery.
export const MAX_ATTEMPTS = 12;
const FIRST_RETRY_MS = 60_000;
const LONGEST_WAIT_MS = 6 * HOUR_MS;
/** A send that started but never reported back is taken again after this. */
export const SENDING_LEASE_MS = 2 * 60_000;

/** What to do after a failed send: stop for good (no retry storm), or try again later with backoff. */
export function afterFailure(errCode: number, attempts: number, at: Date): { status: OutboxStatus; nextAttemptAt: Date } {
  const permanent = PERMANENT_ERRORS[errCode];
  if (permanent) return { status: permanent, nextAttemptAt: at };
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed', nextAttemptAt: at };
  return { status: 'queued', nextAttemptAt: new Date(at.getTime() + backoffMs(attempts)) };
}

/** 1 min, 2, 4, 8 ... capped at 6 hours; `attempts` counts the sends already tried. */
export function backoffMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_WAIT_MS);
}

/** The to-do line a person sees for a notification that never reached them. */
export function todoSummary(record: Pick<OutboxRecord, 'content'>): string {
  return `${record.content.state}：${record.content.subject}`;
}
