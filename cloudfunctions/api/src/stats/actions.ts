import * as z from 'zod';
import type { DataOf, PayloadOf, StatsActions } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import type { RequestContext } from '../app/context';
import { shanghaiYearStart } from '../platform/time';
import { yearSummary } from './rules';
import { readFigures } from './store';

// The street's public figures, read from its counters (stats/rules.ts): one document, one request.

async function summary(_input: PayloadOf<'stats.summary'>, ctx: RequestContext): Promise<DataOf<'stats.summary'>> {
  const { year } = shanghaiYearStart(ctx.now);
  return yearSummary(year, await readFigures(ctx.streetId, [`years.${year}`]));
}

export const statsActions: ActionTable<Exclude<keyof StatsActions, `admin.${string}`>> = {
  'stats.summary': { allow: 'anyone', input: z.strictObject({}), handle: summary },
};
