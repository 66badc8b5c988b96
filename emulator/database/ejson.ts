// Extended JSON as the SDK speaks it: requests arrive in canonical EJSON (bson's `relaxed: false`),
// answers go back in relaxed EJSON, which the SDK's `EJSON.parse` turns into numbers and JS Dates.

import { DatabaseError } from './errors';

export type Doc = Record<string, unknown>;

/** Decodes an EJSON value into plain JS: numbers, Dates, RegExps; server dates become `now` + offset. */
export function decode(value: unknown, now: () => Date): unknown {
  if (Array.isArray(value)) return value.map((item) => decode(item, now));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Doc;
  const keys = Object.keys(object);
  if (keys.length === 1) {
    const [key] = keys;
    const inner = object[key];
    switch (key) {
      case '$numberInt':
      case '$numberLong':
      case '$numberDouble':
      case '$numberDecimal':
        return Number(inner);
      case '$date':
        return decodeDate(inner);
      case '$oid':
        return String(inner);
      case '$regularExpression': {
        const { pattern, options } = inner as { pattern: string; options?: string };
        // JS has no `x` (extended) flag; Mongo's other flags exist in JS under the same letters.
        return new RegExp(pattern, (options ?? '').replace(/[^imsu]/g, ''));
      }
      case '$undefined':
        return undefined;
      case '$tcb_server_date': {
        const offset = Number(decode((inner as Doc | undefined)?.offset ?? 0, now)) || 0;
        return new Date(now().getTime() + offset);
      }
    }
  }
  const decoded: Doc = {};
  for (const key of keys) decoded[key] = decode(object[key], now);
  return decoded;
}

function decodeDate(inner: unknown): Date {
  if (typeof inner === 'string' || typeof inner === 'number') return new Date(inner);
  const long = (inner as Doc | null)?.$numberLong;
  return new Date(Number(long));
}

/** Parses an EJSON string field of a request; absent or empty means `fallback`. */
export function parseEjson<T>(text: unknown, now: () => Date, fallback: T): T {
  if (text === undefined || text === null || text === '') return fallback;
  let raw: unknown = text;
  if (typeof text === 'string') {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new DatabaseError('INVALID_PARAM', `[InvalidParameter] not valid EJSON: ${text.slice(0, 80)}`);
    }
  }
  return decode(raw, now) as T;
}

/** Encodes a stored value as relaxed EJSON (a JSON-ready tree). */
export function encode(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value instanceof RegExp) return { $regularExpression: { pattern: value.source, options: value.flags } };
  if (typeof value === 'number' && !Number.isFinite(value)) return { $numberDouble: String(value) };
  if (Array.isArray(value)) return value.map(encode);
  if (value === null || typeof value !== 'object') return value;
  const encoded: Doc = {};
  for (const [key, item] of Object.entries(value as Doc)) {
    if (item !== undefined) encoded[key] = encode(item);
  }
  return encoded;
}

/**
 * Deep copy of a stored value. (Not structuredClone: under jest's sandbox it builds objects of the
 * outer realm, which mingo then no longer recognises as plain objects.)
 */
export function clone<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof RegExp) return new RegExp(value.source, value.flags) as T;
  if (Array.isArray(value)) return value.map(clone) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Doc = {};
  for (const [key, item] of Object.entries(value as Doc)) copy[key] = clone(item);
  return copy as T;
}

export const stringify = (value: unknown): string => JSON.stringify(encode(value));
