import type * as z from 'zod';
import type { ActionName, DataOf, PayloadOf, Role } from '../../../../typings/contract';
import type { RequestContext } from './context';

/** One action: who may call it, what its payload must look like, and the work. */
export interface ActionDefinition<A extends ActionName> {
  /** 'anyone' needs no lookup; otherwise the caller must hold at least one of these roles. */
  allow: 'anyone' | readonly Role[];
  input: z.ZodType<PayloadOf<A>>;
  handle(input: PayloadOf<A>, ctx: RequestContext): Promise<DataOf<A>>;
}

/** A capability's actions, keyed by the contract's action names; the compiler checks the pairing. */
export type ActionTable<N extends ActionName> = { [A in N]: ActionDefinition<A> };

/** Work the timer trigger runs every few minutes; each job is isolated from the others' failures. */
export interface TimerJob {
  name: string;
  run(ctx: RequestContext): Promise<Record<string, number>>;
}
