import type { TimerJob } from './actions';
import type { RequestContext } from './context';

// The timer trigger runs every job of every capability, in stages: the jobs of a stage run side by side,
// each within what is left of the run's budget, so a slow or failing job cannot hold the others back,
// and the run answers before the platform's timeout (config.json `timeout`, 60 s) kills it mid-write.
// A later stage starts when the earlier one is done (the outbox flush sends what the others queued).
// Each job also bounds its own work per run (a batch size); what it leaves, the next run picks up.

/** How long one run may take: the function's timeout less room to answer. */
export const TIMER_BUDGET_MS = 45_000;

export type JobReport = Record<string, number> | { error: string };

export async function runJobs(stages: TimerJob[][], ctx: RequestContext, budgetMs = TIMER_BUDGET_MS): Promise<Record<string, JobReport>> {
  const deadline = Date.now() + budgetMs;
  const report: Record<string, JobReport> = {};
  for (const jobs of stages) {
    const left = Math.max(0, deadline - Date.now());
    const results = await Promise.all(jobs.map((job) => runWithin(job, ctx, left)));
    jobs.forEach((job, i) => (report[job.name] = results[i]));
  }
  return report;
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
