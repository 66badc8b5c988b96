// The emulator's own JSON endpoints, all under /_emulator/: inspection for the UI, tests and scripts,
// and the knobs tests turn (faults, clock, subscription credits, the word list, timer triggers).
import type { Database } from './database';
import type { Faults } from './faults';
import type { FunctionRunner } from './functions/runner';
import { HttpError } from './http';
import { normalizeWords, type OpenApi } from './openapi';

export interface RouteDeps {
  database: Database;
  openapi: OpenApi;
  runner: FunctionRunner;
  faults: Faults;
  clock: { offsetMs: number; now(): Date };
}

export type RouteAnswer = { status?: number; body: unknown } | { bytes: Buffer; contentType: string } | undefined;

const LIST_LIMIT = 1_000;

export function emulatorRoutes({ database, openapi, runner, faults, clock }: RouteDeps) {
  return async (method: string, url: URL, body: unknown): Promise<RouteAnswer> => {
    const route = url.pathname.slice('/_emulator/'.length);
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? LIST_LIMIT) || LIST_LIMIT, 1), 10_000);
    const input = (body ?? {}) as Record<string, unknown>;

    if (route === 'collections' && method === 'GET') return { body: { items: database.listCollections() } };
    const collection = /^collections\/([\w-]+)$/.exec(route);
    if (collection && method === 'GET') return { body: { items: database.readCollection(collection[1], limit) } };
    if (route === 'deliveries' && method === 'GET') return { body: { items: openapi.deliveries().slice(-limit) } };
    if (route === 'calls' && method === 'GET') return { body: { items: runner.calls().slice(0, limit) } };
    if (route === 'codes' && method === 'GET') return { body: { items: openapi.codes().slice(-limit) } };
    if (route === 'functions' && method === 'GET') return { body: { items: runner.names() } };

    // Restores a data set in the backup format (extended JSON documents per collection) into the
    // store; the demo seed comes in the same way.
    if (route === 'import' && method === 'POST') {
      const collections = input.collections;
      if (
        !collections ||
        typeof collections !== 'object' ||
        Array.isArray(collections) ||
        !Object.values(collections).every(Array.isArray)
      ) {
        throw new HttpError(400, 'import: give { collections: { <name>: [documents in extended JSON] } }');
      }
      return { body: { imported: await database.importCollections(collections as Record<string, unknown[]>) } };
    }

    if (route === 'faults') {
      if (method === 'PUT') Object.assign(faults, validFaults(input));
      if (method === 'GET' || method === 'PUT') return { body: { ...faults } };
    }

    if (route === 'clock') {
      if (method === 'PUT') {
        const offset = input.advanceMs !== undefined ? clock.offsetMs + Number(input.advanceMs) : Number(input.offsetMs);
        if (!Number.isFinite(offset)) throw new HttpError(400, 'clock: give offsetMs or advanceMs as a number');
        clock.offsetMs = offset;
      }
      if (method === 'GET' || method === 'PUT') return { body: { offsetMs: clock.offsetMs, now: clock.now().toISOString() } };
    }

    if (route === 'subscriptions') {
      if (method === 'GET') return { body: { items: openapi.credits() } };
      if (method === 'POST') {
        // As WeChat does after the person taps "allow": one credit per acceptance of a template.
        const openid = typeof input.openid === 'string' ? input.openid : '';
        const templateId =
          typeof input.templateId === 'string' && input.templateId
            ? input.templateId
            : typeof input.templateKey === 'string'
              ? openapi.templateIdFor(input.templateKey)
              : undefined;
        const count = input.count === undefined ? 1 : Number(input.count);
        if (!openid || !templateId || !Number.isInteger(count) || count < 1) {
          throw new HttpError(400, 'subscriptions: give openid, templateId (or a configured templateKey) and a positive count');
        }
        return { body: { openid, templateId, credits: openapi.grant(openid, templateId, count) } };
      }
    }

    // As WeChat does when the person taps 手机号快速验证 and allows: a code for the page, single use,
    // valid five minutes by the emulator's clock, that phonenumber.getPhoneNumber turns into the number.
    if (route === 'phone-codes' && method === 'POST') {
      const openid = typeof input.openid === 'string' ? input.openid : '';
      const purePhoneNumber = typeof input.phoneNumber === 'string' ? input.phoneNumber.replace(/[\s-]/g, '') : '';
      const countryCode = input.countryCode === undefined ? '86' : String(input.countryCode);
      const valid =
        countryCode === '86' ? /^1\d{10}$/.test(purePhoneNumber) : /^\d{1,4}$/.test(countryCode) && /^\d{4,15}$/.test(purePhoneNumber);
      if (!openid || !valid) {
        throw new HttpError(400, 'phone-codes: give openid and phoneNumber (a mainland mobile, or digits with countryCode)');
      }
      return { body: openapi.issuePhoneCode(openid, { countryCode, purePhoneNumber }) };
    }

    if (route === 'seccheck') {
      if (method === 'PUT') openapi.setWords(normalizeWords(input));
      if (method === 'GET' || method === 'PUT') return { body: openapi.words() };
    }

    // Image checks (security.mediaCheckAsync): list them, hold them for tests to answer, answer one.
    if (route === 'media-checks') {
      if (method === 'PUT') {
        if (input.answers !== 'auto' && input.answers !== 'hold')
          throw new HttpError(400, "media-checks: answers must be 'auto' or 'hold'");
        openapi.setMediaAnswers(input.answers);
      }
      if (method === 'GET' || method === 'PUT') return { body: { items: openapi.mediaChecks() } };
    }
    if (route === 'media-checks/answer' && method === 'POST') {
      const suggest = input.suggest;
      if (typeof input.traceId !== 'string' || (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky'))
        throw new HttpError(400, "media-checks/answer: give traceId and suggest ('pass', 'review' or 'risky')");
      if (!openapi.mediaChecks().some((c) => c.traceId === input.traceId)) throw new HttpError(404, `no image check ${input.traceId}`);
      return { body: { answered: await openapi.answerMediaCheck(input.traceId, suggest) } };
    }

    const timer = /^functions\/([\w-]+)\/timer$/.exec(route);
    if (timer && method === 'POST') {
      if (!runner.has(timer[1])) throw new HttpError(404, `no function ${timer[1]}`);
      const invocation = await runner.timer(timer[1], typeof input.trigger === 'string' ? input.trigger : undefined);
      return { status: invocation.status, body: invocation.body };
    }
    return undefined;
  };
}

function validFaults(input: Record<string, unknown>): Partial<Faults> {
  const rates = ['databaseErrorRate', 'transactionConflictRate', 'writeConflictRate', 'openapiErrorRate'] as const;
  const out: Partial<Faults> = {};
  for (const [key, value] of Object.entries(input)) {
    const number = Number(value);
    if (rates.includes(key as (typeof rates)[number])) {
      if (!(number >= 0 && number <= 1)) throw new HttpError(400, `faults: ${key} must be between 0 and 1`);
      out[key as (typeof rates)[number]] = number;
    } else if (key === 'failFastConflicts') {
      if (typeof value !== 'boolean') throw new HttpError(400, 'faults: failFastConflicts must be true or false');
      out.failFastConflicts = value;
    } else if (key === 'latencyMs') {
      if (!(number >= 0 && number <= 60_000)) throw new HttpError(400, 'faults: latencyMs must be between 0 and 60000');
      out.latencyMs = number;
    } else throw new HttpError(400, `faults: unknown setting ${key}`);
  }
  return out;
}
