// Group commit for SQLite: transactions that queue up while one is running are run together, each
// inside its own SAVEPOINT of one BEGIN IMMEDIATE … COMMIT. One connection runs one transaction
// at a time anyway; what a batch saves is the commit (the WAL frames of the pages its members
// share — the journal's and timeline's last pages, their indexes — are written once, not once per
// notify). Each member keeps its own outcome: one that throws is rolled back to its savepoint
// alone, and every member's promise settles only after the COMMIT, so a notify is still answered
// only once its change is on disk. Members run one after another, in arrival order, exactly as
// they would have one transaction at a time (each sees the ones before it). The cost: a slow
// member delays the commit of those before it in its batch, as it delays those after it anyway.
import { AsyncResource, type AsyncLocalStorage } from "node:async_hooks";
import type BetterSqlite3 from "better-sqlite3";
import type { Mutex } from "./mutex";
import type { Db, TxContext } from "./types";

// Bounds how long a member waits for the ones queued before it.
const MAX_BATCH = 64;

interface Member {
  fn: (tx: Db) => Promise<unknown>;
  /** The caller's async context (its request's logger and so on), to run fn and callbacks in. */
  caller: AsyncResource;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Done {
  member: Member;
  value: unknown;
  afterCommit: (() => void)[];
}

export function groupCommitter(options: {
  connection: BetterSqlite3.Database;
  lock: Mutex;
  context: AsyncLocalStorage<TxContext>;
  tx: Db;
  begin: () => Promise<void>;
}): <T>(fn: (tx: Db) => Promise<T>) => Promise<T> {
  const { connection, lock, context, tx, begin } = options;
  const queue: Member[] = [];
  let scheduled = false;
  const statement = (text: string) => connection.prepare(text).run();

  // One batch per turn of the lock, so plain queries waiting for it are not starved by a steady
  // stream of transactions.
  const runTurn = async () => {
    const batch = queue.splice(0, MAX_BATCH);
    try {
      await runBatch(batch);
    } catch (error) {
      // A SAVEPOINT or RELEASE that failed: nothing of this batch is committed.
      try {
        if (connection.inTransaction) statement("ROLLBACK");
      } finally {
        for (const member of batch) member.reject(error); // a no-op for those already settled
      }
    }
    if (queue.length) void lock.run(runTurn);
    else scheduled = false;
  };

  async function runBatch(batch: Member[]): Promise<void> {
    try {
      await begin();
    } catch (error) {
      for (const member of batch) member.reject(error);
      return;
    }
    const done: Done[] = [];
    for (let i = 0; i < batch.length; i++) {
      const member = batch[i];
      const store: TxContext = { tx, afterCommit: [] };
      statement("SAVEPOINT member");
      try {
        const value = await member.caller.runInAsyncScope(() => context.run(store, () => member.fn(tx)));
        statement("RELEASE member");
        done.push({ member, value, afterCommit: store.afterCommit });
      } catch (error) {
        member.reject(error);
        if (connection.inTransaction) {
          statement("ROLLBACK TO member");
          statement("RELEASE member");
          continue;
        }
        // SQLite rolled the whole transaction back (disk full, I/O error): the members before
        // this one lost their work with it, and those after it go in the next batch.
        for (const lost of done) lost.member.reject(error);
        queue.unshift(...batch.slice(i + 1));
        return;
      }
    }
    try {
      statement("COMMIT");
    } catch (error) {
      if (connection.inTransaction) statement("ROLLBACK");
      for (const { member } of done) member.reject(error);
      return;
    }
    for (const { member, value, afterCommit } of done) {
      try {
        for (const callback of afterCommit) member.caller.runInAsyncScope(callback);
        member.resolve(value);
      } catch (error) {
        member.reject(error); // committed, but its caller hears that what follows the commit failed
      }
    }
  }

  return function transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // An AsyncResource, not AsyncLocalStorage.snapshot(): same context, and snapshot's bind
      // costs several times more per call (it was ~5% of a notify's CPU).
      queue.push({ fn, caller: new AsyncResource("GroupCommitMember"), resolve: resolve as (value: unknown) => void, reject });
      if (!scheduled) {
        scheduled = true;
        // Started on the next turn of the event loop, not now: the requests read in this turn
        // queue their transactions first and share the commit.
        setImmediate(() => void lock.run(runTurn));
      }
    });
  };
}
