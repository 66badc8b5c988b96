import * as z from 'zod';
import { ACTION_FIELD_LABELS, FIELD_LABELS } from '../../../../typings/contract/constants';
import { AppError } from './errors';

// Payload schemas are strict: an unknown field is an error, never silently dropped.

/** Parses `input` with `schema` or throws INVALID_ARGUMENT naming the first offending field (as `action` calls it). */
export function parsePayload<T>(schema: z.ZodType<T>, input: unknown, action?: string): T {
  const result = schema.safeParse(input === undefined ? {} : input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map(String).join('.') || undefined;
  throw new AppError('INVALID_ARGUMENT', describeIssue(issue, field, action), field);
}

function describeIssue(issue: z.core.$ZodIssue, field: string | undefined, action: string | undefined): string {
  const subject = field ? `「${fieldLabel(field, action)}」` : '请求内容';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${subject}包含不支持的字段：${issue.keys.join('、')}`;
    case 'invalid_type':
      return issue.input === undefined ? `${subject}不能为空` : `${subject}的类型不正确`;
    case 'too_small':
      return issue.origin === 'string'
        ? `${subject}至少需要 ${issue.minimum} 个字`
        : issue.origin === 'array'
          ? `${subject}至少需要 ${issue.minimum} 项`
          : `${subject}不能小于 ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `${subject}不能超过 ${issue.maximum} 个字`
        : issue.origin === 'array'
          ? `${subject}最多 ${issue.maximum} 项`
          : `${subject}不能大于 ${issue.maximum}`;
    case 'invalid_value':
      return `${subject}的取值不在允许范围内`;
    case 'invalid_format':
      return `${subject}的格式不正确`;
    default:
      return `${subject}不符合要求`;
  }
}

/** A field's path as people read it: projects.0.title → 候选项目第 1 项的标题. */
export function fieldLabel(path: string, action?: string): string {
  const parts = path.split('.');
  const own = (action && ACTION_FIELD_LABELS[action]) || {};
  let label = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) label += `第 ${Number(part) + 1} 项`;
    else label += (label ? '的' : '') + (own[part] ?? FIELD_LABELS[part] ?? part);
  }
  return label;
}

// Building blocks every capability uses, so limits and wording stay the same everywhere.

/** Trimmed text of bounded length; `max` counts characters as a person does. */
export const text = (min: number, max: number) => z.string().trim().min(min).max(max);
/** A document id as the database produces it or as our deterministic ids are built. */
export const id = () =>
  z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_:\-]+$/);
/** Photos as stored: cloud storage file IDs, at most `max`. */
export const photoIds = (max: number) =>
  z
    .array(
      z
        .string()
        .max(512)
        .regex(/^cloud:\/\/\S+$/),
    )
    .max(max);
/** A calendar year a record belongs to. */
export const year = () => z.number().int().min(2020).max(2100);
/** An opaque pagination cursor handed out by a previous page. */
export const cursor = () => z.string().min(1).max(512).optional();
/** An ISO 8601 instant with an explicit offset or Z. */
export const isoTime = () => z.iso.datetime({ offset: true });
/**
 * A mainland phone number people can be called back on: a mobile (13812345678) or a landline with
 * its area code (0519-88812301, 051988812301); spaces and dashes as people type them are dropped.
 */
export const phone = () =>
  z
    .string()
    .trim()
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^(1\d{10}|0\d{2,3}\d{7,8})$/));
/** A client-generated idempotency key for retried writes. */
/** A getPhoneNumber code: opaque (hex today), bounded so nothing odd reaches the open API. */
export const phoneCode = () =>
  z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_\-]+$/);

export const requestId = () =>
  z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_\-]+$/);
