// Reading whole collections page by page in _id order (1000 a request, the service's maximum).
import type { Db } from './target';

const PAGE = 1000;

export async function readAll<T = Record<string, unknown>>(db: Db, name: string, where: Record<string, unknown> = {}): Promise<T[]> {
  const _ = db.command;
  const out: T[] = [];
  let last: string | undefined;
  for (;;) {
    const condition = last === undefined ? where : { ...where, _id: _.gt(last) };
    const { data } = (await db.collection(name).where(condition).orderBy('_id', 'asc').limit(PAGE).get()) as { data: T[] };
    out.push(...data);
    if (data.length < PAGE) return out;
    last = String((data[data.length - 1] as { _id: unknown })._id);
  }
}
