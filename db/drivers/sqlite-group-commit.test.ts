// The SQLite driver's group commit (./sqlite-group-commit.ts) on a real file: members of one batch
// keep their own outcomes, settle only after the COMMIT, and run in their callers' async context.
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { openSqlite } from "./sqlite";

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "group-commit-")), "app.db");
const database = openSqlite(file, path.join(process.cwd(), "db", "migrations", "sqlite"));
// A second connection on the same file: it sees only what has been committed.
const observer = new BetterSqlite3(file, { readonly: true });
afterAll(async () => {
  observer.close();
  await database.close();
});

await database.rawRows(database.db, sql`create table if not exists gc_probe (name text primary key)`);
const insert = (tx: typeof database.db, name: string) => database.rawRows(tx, sql`insert into gc_probe (name) values (${name})`);
const committed = (name: string) => observer.prepare("select count(*) as n from gc_probe where name = ?").get(name) as { n: number };

describe("group commit", () => {
  test("transactions started together all commit; one that throws is rolled back alone", async () => {
    const results = await Promise.allSettled(
      ["a1", "a2", "a3", "a4"].map((name) =>
        database.transaction(async (tx) => {
          await insert(tx, name);
          if (name === "a3") throw new Error("a3 fails after its insert");
          return name;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(["a1", "a2", "a3", "a4"].map((name) => committed(name).n)).toEqual([1, 1, 0, 1]);
  });

  test("a member's promise settles after the commit, and its after-commit callbacks run then", async () => {
    const seenAtCallback: number[] = [];
    const seenAtResolve: number[] = [];
    await Promise.all(
      ["b1", "b2"].map(async (name) => {
        await database.transaction(async (tx) => {
          await insert(tx, name);
          database.afterCommit(() => seenAtCallback.push(committed(name).n));
        });
        seenAtResolve.push(committed(name).n);
      }),
    );
    expect(seenAtCallback).toEqual([1, 1]);
    expect(seenAtResolve).toEqual([1, 1]);
  });

  test("a member that breaks a constraint fails alone; the others in its batch see each other in order", async () => {
    const results = await Promise.allSettled([
      database.transaction((tx) => insert(tx, "c1")),
      database.transaction((tx) => insert(tx, "c1")), // duplicate key
      database.transaction(async (tx) => (await database.rawRows<{ n: number }>(tx, sql`select count(*) as n from gc_probe where name = 'c1'`))[0].n),
    ]);
    expect(results[0].status).toBe("fulfilled");
    expect(results[1].status).toBe("rejected");
    expect(results[2]).toEqual({ status: "fulfilled", value: 1 });
    expect(committed("c1").n).toBe(1);
  });

  test("each member runs in its caller's async context (its request's logger)", async () => {
    const request = new AsyncLocalStorage<string>();
    const seen = await Promise.all(
      ["r1", "r2", "r3"].map((id) => request.run(id, () => database.transaction(async () => request.getStore()))),
    );
    expect(seen).toEqual(["r1", "r2", "r3"]);
  });

  test("a query outside any transaction still gets its turn between batches", async () => {
    const order: string[] = [];
    const many = Array.from({ length: 200 }, (_, i) =>
      database.transaction(async (tx) => {
        await insert(tx, `d${i}`);
        order.push("tx");
      }),
    );
    const read = database.rawRows(database.db, sql`select 1 as one`).then(() => order.push("read"));
    await Promise.all([...many, read]);
    // Batches hold at most 64 members, and a waiting plain query goes between two of them.
    expect(order.indexOf("read")).toBeLessThan(200);
  });
});
