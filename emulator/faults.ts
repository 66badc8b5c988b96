// Faults injected into the emulator at run time (GET/PUT /_emulator/faults), to test retries and
// rollbacks. Production never behaves this badly on purpose; tests need it to.

export interface Faults {
  /** Share (0..1) of database requests answered with a transient system error. */
  databaseErrorRate: number;
  /** Share (0..1) of transaction commits and transactional reads refused as a write conflict. */
  transactionConflictRate: number;
  /** Share (0..1) of transactional reads and writes refused at once with a write conflict, as production reports them. */
  writeConflictRate: number;
  /**
   * Production refuses a transaction that meets another's lock at once (WriteConflict on that read or
   * write). The emulator queues it instead unless this is on; fault tests turn it on to measure the product.
   */
  failFastConflicts: boolean;
  /** Share (0..1) of openapi calls (subscribeMessage.send, ...) failing with a transient -1 system error. */
  openapiErrorRate: number;
  /** Extra latency in milliseconds added to every database and openapi request. */
  latencyMs: number;
}

export const noFaults = (): Faults => ({
  databaseErrorRate: 0,
  transactionConflictRate: 0,
  writeConflictRate: 0,
  failFastConflicts: false,
  openapiErrorRate: 0,
  latencyMs: 0,
});

/** True with probability `rate`; the emulator's one source of injected randomness. */
export const strikes = (rate: number): boolean => rate > 0 && Math.random() < rate;
