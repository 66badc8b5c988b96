import { z } from 'zod';
import type { DataOf, PayloadOf, StatsActions } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import type { RequestContext } from '../app/context';
import { yearTotals } from '../messages/store';
import { shanghaiYearStart } from '../platform/time';

// The street's public figures. They are read from the capabilities that own the records; this
// capability owns only how they are summed up for everyone to see.

async function summary(_input: PayloadOf<'stats.summary'>, ctx: RequestContext): Promise<DataOf<'stats.summary'>> {
  const { year, start } = shanghaiYearStart(ctx.now);
  const totals = await yearTotals(ctx.streetId, start);
  return {
    year,
    collected: totals.collected,
    replied: totals.replied,
    resolved: totals.resolved,
    ...(totals.rated ? { satisfactionRate: Math.round((totals.content / totals.rated) * 1000) / 1000 } : {}),
  };
}

export const statsActions: ActionTable<keyof StatsActions> = {
  'stats.summary': { allow: 'anyone', input: z.strictObject({}), handle: summary },
};
