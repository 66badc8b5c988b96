import type { TimerJob } from './actions';
import type { RequestContext } from './context';

// The timer trigger runs every job of every capability. They run side by side, each within the run's
// budget, so a slow or failing job cannot hold the others back, and the run answers before the
// platform's timeout (config.json `timeout`, 60 s) kills it mid-write. Each job also bounds its own
// work per run (a batch size), and what it leaves is picked up by the next run, five minutes later.

/** How long one run may take: the function's timeout less room to answer. */
export const TIMER_BUDGET_MS = 45_000;

export type JobReport = Record<string, number> | { error: string };

export async function runJobs(jobs: TimerJob[], ctx: RequestContext, budgetMs = TIMER_BUDGET_MS): Promise<Record<string, JobReport>> {
  const reports = await Promise.all(jobs.map((job) => runWithin(job, ctx, budgetMs)));
  return Object.fromEntries(jobs.map((job, i) => [job.name, reports[i]]));
}

async function runWithin(job: TimerJob, ctx: RequestContext, budgetMs: number): Promise<JobReport> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A job past the budget is reported and left to finish on its own: its writes are safe to repeat.
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${budgetMs} ms; the next run continues`)), budgetMs);
  });
  try {
    return await Promise.race([job.run(ctx), overrun]);
  } catch (error) {
    console.error(`[api] timer job ${job.name} failed`, error);
    return { error: String((error as Error)?.message ?? error) };
  } finally {
    clearTimeout(timer);
  }
}
