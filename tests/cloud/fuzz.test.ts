// Any malformed event to `api` answers a structured error and writes nothing (docs/architecture.md#errors):
// random events through the gateway (so JSON values: what a client can send), against the real
// bundle and the emulator's store.
import fc from 'fast-check';
import { allActions } from '../../cloudfunctions/api/src/app/registry';
import { startTestEmulator, STAFF_OPENID, type TestEmulator } from '../support/emulator';

const actions = allActions();

const CONTRACT_CODES = [
  'INVALID_ARGUMENT',
  'UNAUTHENTICATED',
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'FAILED_PRECONDITION',
  'RESOURCE_EXHAUSTED',
  'CONTENT_REJECTED',
  'INTERNAL',
];
const ACTION_NAMES = Object.keys(actions);

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ seed: true });
});
afterAll(() => emulator.stop());

async function snapshot(): Promise<string> {
  const { items } = (await (await fetch(`${emulator.url}/_emulator/collections`)).json()) as { items: Array<{ name: string }> };
  const contents = await Promise.all(items.map(async ({ name }) => [name, await emulator.collection(name)] as const));
  return JSON.stringify(contents);
}

const nonObject = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue(), { maxLength: 4 }),
);
const knownAction = fc.constantFrom(...ACTION_NAMES);
const unknownAction = fc
  .oneof(
    fc.string({ maxLength: 80 }),
    fc.constantFrom('me.get ', 'ME.GET', 'admin', '__proto__', 'constructor', 'toString', 'hasOwnProperty'),
  )
  .filter((name) => !ACTION_NAMES.includes(name));
/** A field no schema declares: strict schemas must refuse it. */
const extraField = fc
  .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue())
  .map(([key, value]) => [`zz_${key}`, value] as const);

const malformedEvent = fc.oneof(
  // not an object at all
  nonObject,
  // an object without a usable action
  fc.record({ action: fc.oneof(nonObject, fc.constant('')), payload: fc.jsonValue() }, { requiredKeys: [] }),
  // unknown actions, whatever the payload
  fc.record({ action: unknownAction, payload: fc.jsonValue() }),
  // known actions with a payload of the wrong type
  fc.record({
    action: knownAction,
    payload: fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.array(fc.jsonValue(), { maxLength: 3 })),
  }),
  // known actions with fields of random types plus a field no schema knows
  fc.record({
    action: knownAction,
    payload: fc
      .tuple(
        fc.dictionary(
          fc.constantFrom(
            'id',
            'code',
            'body',
            'title',
            'cursor',
            'nickname',
            'campaignId',
            'projectIds',
            'requestId',
            'receipt',
            'kind',
            'date',
            'summary',
            'year',
            'targets',
            'isPublic',
            // 民生实事 (issue 11)
            'projectId',
            'percent',
            'checkpoints',
            'deadline',
            'groupId',
            'requests',
            'itemId',
            'month',
          ),
          fc.jsonValue(),
          { maxKeys: 3 },
        ),
        extraField,
      )
      .map(([fields, [key, value]]) => ({ ...fields, [key]: value })),
  }),
  // a valid action and payload with an unknown field beside them
  fc.tuple(knownAction, extraField).map(([action, [key, value]]) => ({ action, payload: {}, [key]: value })),
);

test('1,200 malformed events each answer { ok: false, error } with a contract code, and no collection changes', async () => {
  const before = await snapshot();
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(
      malformedEvent,
      fc.constantFrom<string | null>('fuzz-resident', STAFF_OPENID, 'demo-delegate', null),
      async (event, openid) => {
        sent += 1;
        const { status, body } = await emulator.callRaw(openid, event);
        expect(status).toBe(200);
        expect(body).toEqual({ ok: false, error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
        const { error } = body as { error: { code: string; message: string; field?: unknown } };
        expect(CONTRACT_CODES).toContain(error.code);
        // Bad input is the caller's mistake, never a crash of ours.
        expect(error.code).not.toBe('INTERNAL');
        expect(error.message.length).toBeGreaterThan(0);
        expect(Object.keys(body as object).sort()).toEqual(['error', 'ok']);
      },
    ),
    { numRuns: 1200 },
  );
  expect(sent).toBeGreaterThanOrEqual(1200);
  expect(await snapshot()).toBe(before);
  expect((await emulator.calls()).filter((call) => call.status !== 'ok')).toEqual([]);
}, 300_000);

// 履职 (duties): payloads that are valid but for one field, as a page with a bug would send them, from a
// delegate, staff and a stranger: each is refused with a contract code and nothing is written.
const DUTY_ACTIONS = ACTION_NAMES.filter(
  (name) => name.startsWith('duties.') || name.startsWith('admin.duties.') || name.startsWith('admin.news.'),
);
const validDuty = { kind: '走访调研', date: '2026-01-05', summary: '走访社区了解居民诉求。', isPublic: true };
/** Values each field can never take, whatever the action. */
const BAD_VALUES: Record<string, unknown[]> = {
  kind: ['喝茶', '', 1, null, ['其他']],
  date: ['2026-13-01', '9999-01-01', '2026-1-5', '2026-02-30', 20260105, null],
  summary: ['', '短', 'x'.repeat(1001), 5, null],
  isPublic: ['true', 1, null, {}],
  year: [2019, 2101, 2026.5, '2026', null],
  targets: [[{ kind: '其他', required: 0 }], [{ kind: '喝茶', required: 1 }], 'x', [{ kind: '其他' }], [{ kind: '其他', required: 101 }]],
  photos: [['http://x/y.jpg'], 'cloud://a/b', Array(7).fill('cloud://a/b.jpg'), [5]],
  place: ['x'.repeat(41), 3, {}],
  id: ['', 'a b', 'x'.repeat(129), 7],
  title: ['', '短', 7, 'x'.repeat(41)],
  body: ['', 'x'.repeat(2001), false],
  delegateId: ['', '../x', 5],
};
const nearValid = fc
  .tuple(
    fc.constantFrom(...DUTY_ACTIONS),
    fc.constantFrom<Record<string, unknown>>(
      validDuty,
      { id: 'dt-none', ...validDuty },
      { year: 2026 },
      { year: 2026, targets: [{ kind: '接待选民', required: 4 }] },
      { title: '代表进社区', body: '本周代表走进社区听取居民意见。' },
      { delegateId: 'd-none', year: 2026 },
    ),
    fc.constantFrom(...Object.keys(BAD_VALUES)),
    fc.nat(),
  )
  .map(([action, base, field, pick]) => ({ action, payload: { ...base, [field]: BAD_VALUES[field][pick % BAD_VALUES[field].length] } }));

test('400 near-valid duty payloads with one bad field: a contract error, nothing written', async () => {
  expect(DUTY_ACTIONS.length).toBeGreaterThanOrEqual(11);
  const before = await snapshot();
  await fc.assert(
    fc.asyncProperty(
      nearValid,
      fc.constantFrom<string | null>('fuzz-resident', STAFF_OPENID, 'demo-delegate', null),
      async (event, openid) => {
        const { body } = await emulator.callRaw(openid, event);
        const answer = body as { ok: boolean; error?: { code: string } };
        // A bad value can still make a valid payload (a string is a string): it must then change nothing either,
        // which only reads do; writes with one bad field are always refused.
        if (answer.ok) {
          expect(['duties.mine', 'duties.stats', 'duties.report', 'duties.feed', 'duties.targets']).toContain(event.action);
          return;
        }
        expect(CONTRACT_CODES).toContain(answer.error!.code);
        expect(answer.error!.code).not.toBe('INTERNAL');
      },
    ),
    { numRuns: 400 },
  );
  expect(await snapshot()).toBe(before);
}, 300_000);

// 民生实事 (issue 11): payloads of the right shape that break one rule each (dates out of order, checkpoints
// after the deadline, percent out of range, an unknown group, a request due before its 督办, a stranger's
// 督办, a request already closed) answer a structured error and write nothing — against the demo seed's
// real projects in every status as well as unknown ids.
const iso = fc.integer({ min: -400, max: 400 }).map((days) => new Date(Date.now() + days * 86400_000).toISOString());
const DEMO_PROJECTS = [
  'cdemo2026published:p1',
  'cdemo2026published:p2',
  'cdemo2026published:p3',
  'cdemo2026published:p4',
  'cdemo2026published:p5',
];
const projectId = fc.constantFrom('nope', 'pj-missing', ...DEMO_PROJECTS);
const brokenProjectEvent = fc.oneof(
  fc.record({
    action: fc.constant('admin.projects.savePlan'),
    payload: fc.record({
      id: projectId,
      responsibleUnit: fc.constant('街道城管科'),
      deadline: iso,
      safeguards: fc.constant(['专班推进']),
      // No such group, whatever else the plan says.
      groupId: fc.constantFrom('g-unknown', 'g-none'),
      checkpoints: fc.array(fc.record({ title: fc.string({ minLength: 2, maxLength: 8 }), dueAt: iso }), { minLength: 1, maxLength: 3 }),
      startAt: iso,
    }),
  }),
  fc.record({
    action: fc.constant('admin.projects.postUpdate'),
    payload: fc.record({
      id: projectId,
      body: fc.constant('本月完成主体施工。'),
      percent: fc.oneof(
        fc.integer({ min: -100, max: -1 }),
        fc.integer({ min: 101, max: 1000 }),
        fc.double({ min: 0.1, max: 99.9, noInteger: true }),
      ),
    }),
  }),
  fc.record({
    action: fc.constant('supervisions.record'),
    payload: fc
      .record({
        projectId,
        days: fc.integer({ min: -60, max: 60 }),
        rating: fc.constantFrom('on_track', 'minor_issues', 'delayed', 'great'),
      })
      .map(({ projectId: id, days, rating }) => {
        const date = new Date(Date.now() + days * 86400_000);
        // Every request is due before the visit itself.
        return {
          projectId: id,
          date: date.toISOString(),
          findings: '现场查看施工进度。',
          rating,
          requests: [{ text: '加快进度', dueAt: new Date(date.getTime() - 86400_000).toISOString() }],
        };
      }),
  }),
  fc.record({
    action: fc.constant('projects.rate'),
    payload: fc.record({ id: projectId, satisfaction: fc.constantFrom('meh', 'good', '') }),
  }),
  fc.record({ action: fc.constant('admin.projects.accept'), payload: fc.record({ id: fc.constantFrom('nope', 'pj-missing') }) }),
  fc.record({
    action: fc.constant('admin.supervisions.closeRequest'),
    // r8 is closed already, r999 is no request.
    payload: fc.record({ projectId, itemId: fc.constantFrom('r8', 'r999', ''), answer: fc.constantFrom('已办结。', 'x') }),
  }),
  fc.record({
    action: fc.constant('admin.projects.tasks'),
    payload: fc.record({ month: fc.constantFrom('2027-13', '2027-1', 'soon', '1999-01') }),
  }),
);

test('400 near-valid project events that break one rule answer structured errors and write nothing', async () => {
  const before = await snapshot();
  await fc.assert(
    fc.asyncProperty(brokenProjectEvent, fc.constantFrom('fuzz-resident', STAFF_OPENID, 'demo-delegate'), async (event, openid) => {
      const { status, body } = await emulator.callRaw(openid, event);
      expect(status).toBe(200);
      const { ok, error } = body as { ok: boolean; error: { code: string; message: string } };
      expect(ok).toBe(false);
      expect(CONTRACT_CODES).toContain(error.code);
      expect(error.code).not.toBe('INTERNAL');
      expect(error.message).toMatch(/\p{Script=Han}/u);
    }),
    { numRuns: 400 },
  );
  expect(await snapshot()).toBe(before);
}, 300_000);
