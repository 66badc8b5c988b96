import * as z from 'zod';
import type { DataOf, PayloadOf, ProjectsActions } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import type { RequestContext } from '../app/context';
import { cursor } from '../app/validation';
import { cursorPart, decodeCursor, pageOf, rowsFor } from '../app/paging';
import { projectYear, toLivelihoodProject } from './rules';
import * as store from './store';

const projectCursor = z.strictObject({ votes: cursorPart.count(), id: cursorPart.text() });

async function listProjects(input: PayloadOf<'projects.list'>, ctx: RequestContext): Promise<DataOf<'projects.list'>> {
  const year = input.year ?? projectYear(ctx.now);
  const records = await store.listByYear(ctx.streetId, year, decodeCursor(input.cursor, projectCursor), rowsFor());
  return pageOf(records, (p) => ({ votes: p.votes, id: p._id }), toLivelihoodProject);
}

export const projectsActions: ActionTable<keyof ProjectsActions> = {
  'projects.list': {
    allow: 'anyone',
    input: z.strictObject({ year: z.number().int().min(2000).max(2100).optional(), cursor: cursor() }),
    handle: listProjects,
  },
};
