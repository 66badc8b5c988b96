import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TimerJob } from '../../cloudfunctions/api/src/app/actions';
import type { RequestContext } from '../../cloudfunctions/api/src/app/context';
import { runJobs, TIMER_BUDGET_MS } from '../../cloudfunctions/api/src/app/timer';

// The timer trigger runs every capability's jobs (issue 17, item 12): a job that hangs or throws must
// not keep the others from their work, and a run must answer before the platform's timeout.

const ctx = {} as RequestContext;
const job = (name: string, run: () => Promise<Record<string, number>>): TimerJob => ({ name, run });
const never = () => new Promise<Record<string, number>>(() => {});

test('a hanging job is cut off at the budget while the others finish their work', async () => {
  const done: string[] = [];
  const report = await runJobs(
    [
      [
        job('stuck', never),
        job('flush', async () => {
          done.push('flush');
          return { attempted: 3 };
        }),
        job('sweep', async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          done.push('sweep');
          return { reminded: 1 };
        }),
      ],
    ],
    ctx,
    200,
  );
  expect(done.sort()).toEqual(['flush', 'sweep']);
  expect(report).toEqual({
    stuck: { error: expect.stringContaining('timed out after 200 ms') },
    flush: { attempted: 3 },
    sweep: { reminded: 1 },
  });
});

test('a failing job is reported without stopping the rest', async () => {
  const report = await runJobs(
    [
      [
        job('broken', async () => {
          throw new Error('database unavailable');
        }),
      ],
      [job('flush', async () => ({ attempted: 1 }))],
    ],
    ctx,
    1000,
  );
  expect(report).toEqual({ broken: { error: 'database unavailable' }, flush: { attempted: 1 } });
});

test('a later stage starts when the earlier one is done: the flush sends what the others queued in the same run', async () => {
  const order: string[] = [];
  const slow = (name: string) =>
    job(name, async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      order.push(name);
      return {};
    });
  await runJobs([[slow('queue notices'), slow('sweep')], [job('flush', async () => (order.push('flush'), {}))]], ctx, 1000);
  expect(order.at(-1)).toBe('flush');
});

test("the budget leaves room to answer within the function's timeout", () => {
  const config = JSON.parse(readFileSync(path.resolve(__dirname, '../../cloudfunctions/api/config.json'), 'utf8')) as { timeout: number };
  expect(config.timeout * 1000 - TIMER_BUDGET_MS).toBeGreaterThanOrEqual(10_000);
});
