// Transactions are serializable by strict two-phase locking on documents: a transaction locks every
// document it reads or writes until it commits or aborts, and buffers its writes until commit.
// A transaction that must wait for a lock queues behind its holder; if waiting would close a cycle
// (deadlock) or lasts too long, the transaction is doomed instead: it goes on without locks, sees
// committed data, and its commit is refused with DATABASE_TRANSACTION_CONFLICT, the one error the
// SDK's runTransaction retries. (Production answers WriteConflict at once rather than queueing; both
// serialize, queueing just wastes fewer retries under the voting benchmark's load; the fault setting
// failFastConflicts answers as production does.)
import { randomBytes } from 'node:crypto';
import type { Doc } from './ejson';

const LOCK_WAIT_MS = 120_000;
/** A transaction left open by a crashed caller is aborted after this much idle time. */
export const TRANSACTION_IDLE_MS = 60_000;

export interface Transaction {
  id: string;
  /** Buffered writes per collection: the new version of a document, or null once removed. */
  writes: Map<string, Map<unknown, Doc | null>>;
  locks: Set<string>;
  waitingFor?: string;
  doomed: boolean;
  /** Committed or aborted: it may still sit in a lock's queue, and must never be handed the lock. */
  ended?: boolean;
  busy: number;
  lastActive: number;
}

interface Waiter {
  transaction: Transaction | null; // null: a plain write waiting for the document to be free
  wake: (granted: boolean) => void;
}

export const lockKey = (collection: string, id: unknown) => `${collection}\u0000${typeof id}:${String(id)}`;

export class Locks {
  private readonly holders = new Map<string, Transaction>();
  private readonly queues = new Map<string, Waiter[]>();

  holder(key: string): Transaction | undefined {
    return this.holders.get(key);
  }

  /** Takes the lock for `transaction`; false when the transaction was doomed instead (or, failing fast, would wait). */
  async acquire(transaction: Transaction, key: string, failFast = false): Promise<boolean> {
    if (transaction.doomed) return false;
    const holder = this.holders.get(key);
    if (!holder) {
      this.grant(transaction, key);
      return true;
    }
    if (holder === transaction) return true;
    if (failFast || this.closesCycle(transaction, key)) return false;
    transaction.waitingFor = key;
    const granted = await this.wait(key, transaction);
    transaction.waitingFor = undefined;
    return granted;
  }

  /** Resolves once no transaction holds `key` (plain writes wait for this, then re-check). */
  async waitFree(key: string): Promise<void> {
    if (this.holders.has(key)) await this.wait(key, null);
  }

  releaseAll(transaction: Transaction): void {
    for (const key of transaction.locks) {
      if (this.holders.get(key) !== transaction) continue;
      this.holders.delete(key);
      const queue = this.queues.get(key) ?? [];
      // Wake every plain writer; hand the lock to the first queued transaction that can still use it.
      // One that ended (or was doomed) while it waited is told no: granted, it would hold the lock forever.
      while (queue.length) {
        const waiter = queue.shift()!;
        if (waiter.transaction?.ended || waiter.transaction?.doomed) {
          waiter.wake(false);
          continue;
        }
        if (waiter.transaction) {
          this.grant(waiter.transaction, key);
          waiter.wake(true);
          break;
        }
        waiter.wake(true);
      }
      if (!queue.length) this.queues.delete(key);
    }
    transaction.locks.clear();
  }

  /** Locks held and transactions waiting for one, for the emulator's page and fault tests. */
  counts(): { held: number; waiting: number } {
    let waiting = 0;
    for (const queue of this.queues.values()) waiting += queue.length;
    return { held: this.holders.size, waiting };
  }

  clear(): void {
    for (const queue of this.queues.values()) for (const waiter of queue) waiter.wake(false);
    this.queues.clear();
    this.holders.clear();
  }

  private grant(transaction: Transaction, key: string): void {
    this.holders.set(key, transaction);
    transaction.locks.add(key);
  }

  private closesCycle(transaction: Transaction, key: string): boolean {
    const seen = new Set<Transaction>();
    for (let holder = this.holders.get(key); holder; holder = holder.waitingFor ? this.holders.get(holder.waitingFor) : undefined) {
      if (holder === transaction) return true;
      if (seen.has(holder)) return false;
      seen.add(holder);
    }
    return false;
  }

  private wait(key: string, transaction: Transaction | null): Promise<boolean> {
    return new Promise((resolve) => {
      const queue = this.queues.get(key) ?? [];
      this.queues.set(key, queue);
      const timer = setTimeout(() => {
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
        resolve(false);
      }, LOCK_WAIT_MS);
      timer.unref();
      const waiter: Waiter = {
        transaction,
        wake: (granted) => {
          clearTimeout(timer);
          resolve(granted);
        },
      };
      queue.push(waiter);
    });
  }
}

export class Transactions {
  private readonly open = new Map<string, Transaction>();

  start(now: number): Transaction {
    const transaction: Transaction = {
      id: randomBytes(16).toString('hex'),
      writes: new Map(),
      locks: new Set(),
      doomed: false,
      busy: 0,
      lastActive: now,
    };
    this.open.set(transaction.id, transaction);
    return transaction;
  }

  get(id: string): Transaction | undefined {
    return this.open.get(id);
  }

  end(transaction: Transaction): void {
    transaction.ended = true;
    this.open.delete(transaction.id);
  }

  get size(): number {
    return this.open.size;
  }

  idle(now: number): Transaction[] {
    return [...this.open.values()].filter((t) => t.busy === 0 && now - t.lastActive > TRANSACTION_IDLE_MS);
  }

  clear(): Transaction[] {
    const all = [...this.open.values()];
    this.open.clear();
    return all;
  }
}
