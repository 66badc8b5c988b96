import * as z from 'zod';
import type { AuditActions, AuditEntry, DataOf, PayloadOf } from '../../../../typings/contract';
import type { ActionTable } from '../app/actions';
import type { RequestContext } from '../app/context';
import { cursorPart, decodeCursor, pageOf, rowsFor } from '../app/paging';
import { cursor, id } from '../app/validation';
import type { AuditRecord } from './rules';
import * as store from './store';

// Staff read the trail of staff actions; nothing here (or anywhere) edits it.

const auditCursor = z.strictObject({ at: cursorPart.time(), id: cursorPart.text() });

async function listAudit(input: PayloadOf<'admin.audit.list'>, ctx: RequestContext): Promise<DataOf<'admin.audit.list'>> {
  const rows = await store.listAudit(ctx.streetId, input.subject, decodeCursor(input.cursor, auditCursor), rowsFor());
  return pageOf(rows, (r) => ({ at: r.at, id: r._id }), toEntry);
}

function toEntry(record: AuditRecord): AuditEntry {
  return {
    id: record._id,
    action: record.action,
    actor: record.actorOpenid,
    ...(record.subject ? { subject: record.subject } : {}),
    ...(record.from ? { from: record.from } : {}),
    ...(record.to ? { to: record.to } : {}),
    ...(record.reason ? { reason: record.reason } : {}),
    at: new Date(record.at).toISOString(),
  };
}

export const auditActions: ActionTable<keyof AuditActions> = {
  'admin.audit.list': { allow: ['staff'], input: z.strictObject({ subject: id().optional(), cursor: cursor() }), handle: listAudit },
};
