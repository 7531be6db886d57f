// Change events, announced after commit. On PostgreSQL they travel by NOTIFY, which the server
// delivers only when the transaction commits, to every instance LISTENing (this one included);
// on SQLite, where there is one process per file's writers, by an in-process emitter after commit.
import { EventEmitter } from "node:events";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterCommit, databaseEngine, rawRows, type DbOrTx } from "./client";

type Listener = (payload: string) => void;

// Process-wide, even when Next loads this module once per bundle: a change applied by one route
// must reach the streams another route holds open, and one LISTEN connection serves them all.
interface ChangeState {
  local: EventEmitter;
  listening: Map<string, Promise<void>>;
  connection: { client: pg.Client; channels: Set<string> } | null;
  connecting: Promise<pg.Client> | null;
  wanted: Set<string>;
}
const STATE = Symbol.for("pay-forms.change-events");
const state: ChangeState = ((globalThis as { [STATE]?: ChangeState })[STATE] ??= {
  local: new EventEmitter().setMaxListeners(0),
  listening: new Map(),
  connection: null,
  connecting: null,
  wanted: new Set(),
});
const { local, listening, wanted } = state;

/** Announces payload on channel once tx commits (nothing is announced if it rolls back). */
export async function publishChange(tx: DbOrTx, channel: string, payload: string): Promise<void> {
  if (databaseEngine === "postgres") {
    await rawRows(tx, sql`select pg_notify(${channel}, ${payload})`);
  } else {
    afterCommit(() => local.emit(channel, payload));
  }
}

/** Calls listener for every change announced on channel, by any instance. Returns the unsubscribe. */
export function subscribeChanges(channel: string, listener: Listener): () => void {
  local.on(channel, listener);
  if (databaseEngine === "postgres") {
    listening.set(
      channel,
      listenOn(channel).catch(() => {
        setTimeout(() => void resubscribe(), 1000).unref();
      }),
    );
  }
  return () => local.off(channel, listener);
}


/**
 * Resolves once this process LISTENs on channel (at once on SQLite): a change committed after
 * that is delivered. A reader that subscribes, awaits this, then reads misses nothing.
 */
export function listeningOn(channel: string): Promise<void> {
  return listening.get(channel) ?? Promise.resolve();
}

// One LISTEN connection per process, re-opened when it drops.
async function listenOn(channel: string): Promise<void> {
  if (wanted.has(channel) && state.connection?.channels.has(channel)) return;
  wanted.add(channel);
  const client = await connect();
  if (!state.connection?.channels.has(channel)) {
    await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    state.connection?.channels.add(channel);
  }
}

function connect(): Promise<pg.Client> {
  if (state.connection) return Promise.resolve(state.connection.client);
  state.connecting ??= (async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    client.on("notification", (message) => local.emit(message.channel, message.payload ?? ""));
    client.on("error", () => {
      // Drop it; the next subscriber (or the retry below) reconnects and LISTENs again.
      state.connection = null;
      void client.end().catch(() => undefined);
      setTimeout(() => void resubscribe(), 500).unref();
    });
    state.connection = { client, channels: new Set() };
    state.connecting = null;
    return client;
  })().catch((error) => {
    state.connecting = null;
    throw error;
  });
  return state.connecting;
}

async function resubscribe(): Promise<void> {
  try {
    for (const channel of wanted) await listenOn(channel);
  } catch {
    setTimeout(() => void resubscribe(), 1000).unref();
  }
}

/** For tests and shutdown: closes the LISTEN connection. */
export async function closeChangeListener(): Promise<void> {
  const open = state.connection;
  state.connection = null;
  wanted.clear();
  listening.clear();
  await open?.client.end().catch(() => undefined);
}
