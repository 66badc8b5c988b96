import * as z from 'zod';
import type { ApiResult } from '../../../../typings/contract';
import { platformCaller } from '../platform/cloud';
import { MissingSecretError } from '../platform/secrets';
import { createContext } from './context';
import { AppError, INTERNAL_MESSAGE } from './errors';
import { mediaCheckAnswerOf } from '../moderation/rules';
import { applyMediaCheckAnswer } from '../moderation/screening';
import { findAction, loadArea, timerStages } from './registry';
import { runJobs, type JobReport } from './timer';
import { parsePayload } from './validation';

// `wx.cloud.callFunction` adds `userInfo` to the event; it is informational and never trusted.
const envelope = z.strictObject({
  action: z.string().min(1).max(64),
  payload: z.unknown().optional(),
  userInfo: z.unknown().optional(),
});

/** The entry of every call: a user action (`event.action`) or the timer trigger. */
export async function dispatch(event: unknown): Promise<ApiResult<unknown> | TimerReport | { mediaCheck: string }> {
  const { openid, appid } = platformCaller();
  // Only the platform's trigger has no caller: a client sending { Type: 'Timer' } is just a bad request.
  if (!openid && isTimerEvent(event)) return runTimer();
  // WeChat's answer to an image check, pushed to the function (never from a client: see mediaCheckAnswerOf).
  const mediaAnswer = mediaCheckAnswerOf(event);
  if (mediaAnswer) return runMediaCheckAnswer(mediaAnswer);
  try {
    if (!openid) throw new AppError('UNAUTHENTICATED', '无法识别您的身份，请在微信中打开小程序');
    const { action, payload } = parsePayload(envelope, event);
    const definition = findAction(action);
    if (!definition) throw new AppError('INVALID_ARGUMENT', '不支持的操作', 'action');
    // A write's requestId belongs to the command (app/command.ts), not to the record: it travels in
    // the context, so no handler can store it by spreading its input into a document.
    const { requestId, ...input } = parsePayload(definition.input, payload, action) as { requestId?: string };
    const ctx = createContext(action, openid, appid, requestId);
    if (definition.allow !== 'anyone') {
      const allowed = await someAsync(definition.allow, (role) => ctx.hasRole(role));
      if (!allowed) throw new AppError('PERMISSION_DENIED', '您没有权限进行此操作');
    }
    return { ok: true, data: await definition.handle(input as never, ctx) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toJSON() };
    if (error instanceof MissingSecretError) {
      console.error(`[api] ${error.message}`);
      return {
        ok: false,
        error: { code: 'INTERNAL', message: `系统尚未配置密钥 ${error.secret}，请工作人员在云开发控制台的函数环境变量中设置` },
      };
    }
    console.error('[api] unexpected error', error);
    return { ok: false, error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } };
  }
}

export interface TimerReport {
  timer: Record<string, JobReport>;
}

async function runMediaCheckAnswer(answer: NonNullable<ReturnType<typeof mediaCheckAnswerOf>>): Promise<{ mediaCheck: string }> {
  // The capabilities whose records hold photos register how an answer applies (moderation/screening.ts).
  loadArea('moderation');
  return { mediaCheck: await applyMediaCheckAnswer(createContext('mediaCheck', '', ''), answer.traceId, answer.verdict) };
}

async function runTimer(): Promise<TimerReport> {
  return { timer: await runJobs(timerStages(), createContext('timer', '', '')) };
}

/** The one timer trigger config.json declares; any other event without a caller is a bad request. */
const TIMER_TRIGGER = 'tick';

function isTimerEvent(event: unknown): boolean {
  const trigger = event as { Type?: unknown; TriggerName?: unknown } | null;
  return typeof trigger === 'object' && trigger !== null && trigger.Type === 'Timer' && trigger.TriggerName === TIMER_TRIGGER;
}

async function someAsync<T>(items: readonly T[], test: (item: T) => Promise<boolean>): Promise<boolean> {
  for (const item of items) if (await test(item)) return true;
  return false;
}
