import type { ApiError, ErrorCode } from '../../../../typings/contract';

/** A failure the caller should see: a stable code for programs, a Chinese message for people. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON(): ApiError {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message };
  }
}

/** Throws `AppError(code, message)` unless `condition` holds; reads like the rule it enforces. */
export function ensure(condition: unknown, code: ErrorCode, message: string, field?: string): asserts condition {
  if (!condition) throw new AppError(code, message, field);
}

export const INTERNAL_MESSAGE = '服务暂时不可用，请稍后再试';
