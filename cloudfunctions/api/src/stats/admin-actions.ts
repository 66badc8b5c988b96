import * as z from 'zod';
import type { DataOf, PayloadOf, StatsActions } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import { runCommand } from '../app/command';
import type { RequestContext } from '../app/context';
import { requestId } from '../app/validation';
import { figuresOf, serviceLevels } from '../messages/rules';
import { listForFigures } from '../messages/store';
import { countsDelta, flatten, sumCounts, type Counts } from './rules';
import { readAllFigures, replaceFiguresInTx } from './store';

// Staff's check of the public counters: recompute them from every message of the street, say whether
// they matched what was stored (and which counters did not), and store the recomputed ones.

const PAGE = 1000;
const DIFFERENCES_SHOWN = 50;

async function rebuild(_input: PayloadOf<'admin.stats.rebuild'>, ctx: RequestContext): Promise<DataOf<'admin.stats.rebuild'>> {
  const slaDays = serviceLevels().reminderDays;
  const each: Counts[] = [];
  for (let after: string | undefined; ;) {
    const page = await listForFigures(ctx.streetId, after, PAGE);
    for (const message of page) each.push(figuresOf(message, slaDays));
    if (page.length < PAGE) break;
    after = page[page.length - 1]._id;
  }
  const rebuilt = sumCounts(each);
  const differences = Object.keys(countsDelta(flatten(await readAllFigures(ctx.streetId)), rebuilt)).sort();
  return runCommand(
    ctx,
    async ({ tx }) => {
      await replaceFiguresInTx(tx, ctx.streetId, rebuilt);
      return { messages: each.length, matched: differences.length === 0, differences: differences.slice(0, DIFFERENCES_SHOWN) };
    },
    { subject: ctx.streetId },
  );
}

export const statsAdminActions: ActionTable<Extract<keyof StatsActions, `admin.${string}`>> = {
  'admin.stats.rebuild': { allow: ['staff'], input: z.strictObject({ requestId: requestId().optional() }), handle: rebuild },
};
