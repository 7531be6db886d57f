// Outbound notifies from the emulated platforms: a persistent queue, delivered with the
// platform's retry schedule until the merchant acknowledges, with fault injection for tests.
// Several copies of this module can live in one server (Next bundles entry points separately),
// so a delivery is claimed with a conditional UPDATE: only one copy sends each attempt.
import crypto from "node:crypto";
import { ensureTables, timeScale } from "./store";

export type NotifyPlatform = "wechat" | "alipay";
export type NotifyFault = "none" | "drop" | "duplicate";

// Seconds to wait after each failed attempt (the protocols' published schedules).
export const RETRY_SCHEDULE_SECONDS: Record<NotifyPlatform, number[]> = {
  wechat: [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600],
  alipay: [240, 600, 600, 3600, 7200, 21600, 54000],
};
const TIMEOUT_MS: Record<NotifyPlatform, number> = { wechat: 5000, alipay: 10000 };

export interface OutboundNotify {
  id: string;
  platform: NotifyPlatform;
  /** The trade this notify is about (out_trade_no), for the wallet and test controls. */
  tradeKey: string;
  url: string;
  contentType: string;
  body: string;
  status: "pending" | "sending" | "acked" | "given_up" | "dropped";
  attempts: number;
  nextAt: number;
  lastResult: string | null;
  createdAt: number;
}

/** Builds the headers for one attempt (WeChat signs each attempt with a fresh timestamp). */
export type HeaderSigner = (body: string) => Record<string, string>;

const signers = new Map<NotifyPlatform, HeaderSigner>();
const PLATFORMS_SIGNING_HEADERS = new Set<NotifyPlatform>(["wechat"]);
export function setHeaderSigner(platform: NotifyPlatform, signer: HeaderSigner): void {
  signers.set(platform, signer);
}

function db() {
  return ensureTables(
    "emu_notifies",
    `CREATE TABLE IF NOT EXISTS emu_notifies (
       id TEXT PRIMARY KEY, platform TEXT NOT NULL, trade_key TEXT NOT NULL, url TEXT NOT NULL,
       content_type TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL,
       attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL, last_result TEXT,
       created_at INTEGER NOT NULL);
     CREATE INDEX IF NOT EXISTS emu_notifies_due ON emu_notifies(status, next_at);
     CREATE INDEX IF NOT EXISTS emu_notifies_trade ON emu_notifies(trade_key);`,
  );
}

interface Row {
  id: string;
  platform: NotifyPlatform;
  trade_key: string;
  url: string;
  content_type: string;
  body: string;
  status: OutboundNotify["status"];
  attempts: number;
  next_at: number;
  last_result: string | null;
  created_at: number;
}

function fromRow(row: Row): OutboundNotify {
  return {
    id: row.id,
    platform: row.platform,
    tradeKey: row.trade_key,
    url: row.url,
    contentType: row.content_type,
    body: row.body,
    status: row.status,
    attempts: row.attempts,
    nextAt: row.next_at,
    lastResult: row.last_result,
    createdAt: row.created_at,
  };
}

export interface EnqueueOptions {
  platform: NotifyPlatform;
  tradeKey: string;
  url: string;
  contentType: string;
  body: string;
  /** Wait before the first attempt, in real milliseconds before scaling. */
  delayMs?: number;
  fault?: NotifyFault;
}

export function enqueueNotify(options: EnqueueOptions): OutboundNotify {
  const now = Date.now();
  const id = crypto.randomUUID();
  const status = options.fault === "drop" ? "dropped" : "pending";
  const nextAt = now + Math.round((options.delayMs ?? 0) * timeScale());
  db()
    .prepare(
      `INSERT INTO emu_notifies (id, platform, trade_key, url, content_type, body, status, attempts, next_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    )
    .run(id, options.platform, options.tradeKey, options.url, options.contentType, options.body, status, nextAt, now);
  if (options.fault === "duplicate") {
    // A second, independent delivery of the same notify: the merchant must apply it once.
    db()
      .prepare(
        `INSERT INTO emu_notifies (id, platform, trade_key, url, content_type, body, status, attempts, next_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
      )
      .run(crypto.randomUUID(), options.platform, options.tradeKey, options.url, options.contentType, options.body, nextAt, now);
  }
  wakeAt(nextAt);
  return getNotify(id)!;
}

export function getNotify(id: string): OutboundNotify | null {
  const row = db().prepare(`SELECT * FROM emu_notifies WHERE id = ?`).get(id) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function listNotifies(tradeKey?: string): OutboundNotify[] {
  const rows = (
    tradeKey
      ? db().prepare(`SELECT * FROM emu_notifies WHERE trade_key = ? ORDER BY created_at`).all(tradeKey)
      : db().prepare(`SELECT * FROM emu_notifies ORDER BY created_at DESC LIMIT 200`).all()
  ) as Row[];
  return rows.map(fromRow);
}

/** Sends a dropped or waiting notify now (the wallet's "redeliver" and test controls). */
export async function redeliverNow(id: string): Promise<OutboundNotify | null> {
  db()
    .prepare(`UPDATE emu_notifies SET status = 'pending', next_at = ? WHERE id = ? AND status IN ('pending','dropped','given_up')`)
    .run(Date.now(), id);
  await deliverDue();
  return getNotify(id);
}

/** Delivers every notify that is due; returns how many attempts were made. */
export async function deliverDue(): Promise<number> {
  const due = db()
    .prepare(`SELECT * FROM emu_notifies WHERE status = 'pending' AND next_at <= ? ORDER BY next_at LIMIT 50`)
    .all(Date.now()) as Row[];
  // A copy of this module that never loaded a platform's signer must leave its notifies to a
  // copy that did: sending them unsigned would only waste one of the platform's retries.
  const sendable = due.filter((row) => !PLATFORMS_SIGNING_HEADERS.has(row.platform) || signers.has(row.platform));
  const results = await Promise.all(sendable.map((row) => attempt(fromRow(row))));
  scheduleNext();
  return results.filter(Boolean).length;
}

async function attempt(notify: OutboundNotify): Promise<boolean> {
  // A short lease: a copy of this module that crashes mid-send leaves it to be retried.
  const claimed = db()
    .prepare(`UPDATE emu_notifies SET status = 'sending', next_at = ? WHERE id = ? AND status = 'pending' AND next_at <= ?`)
    .run(Date.now() + 60_000, notify.id, Date.now());
  if (claimed.changes === 0) return false;

  let acked = false;
  let result: string;
  try {
    const headers: Record<string, string> = {
      "Content-Type": notify.contentType,
      "User-Agent": notify.platform === "wechat" ? "Mozilla/4.0 (emulated WeChat Pay)" : "Mozilla/4.0 (emulated Alipay)",
      ...(signers.get(notify.platform)?.(notify.body) ?? {}),
    };
    const response = await fetch(notify.url, {
      method: "POST",
      headers,
      body: notify.body,
      signal: AbortSignal.timeout(TIMEOUT_MS[notify.platform]),
    });
    const text = await response.text();
    acked = notify.platform === "wechat" ? response.status >= 200 && response.status < 300 : text === "success";
    result = `HTTP ${response.status} ${text.slice(0, 200)}`;
  } catch (error) {
    result = `no answer: ${error instanceof Error ? error.message : String(error)}`;
  }

  const attempts = notify.attempts + 1;
  const schedule = RETRY_SCHEDULE_SECONDS[notify.platform];
  if (acked) {
    db().prepare(`UPDATE emu_notifies SET status = 'acked', attempts = ?, last_result = ? WHERE id = ?`).run(attempts, result, notify.id);
  } else if (attempts > schedule.length) {
    db().prepare(`UPDATE emu_notifies SET status = 'given_up', attempts = ?, last_result = ? WHERE id = ?`).run(attempts, result, notify.id);
  } else {
    const waitMs = Math.round(schedule[attempts - 1] * 1000 * timeScale());
    db()
      .prepare(`UPDATE emu_notifies SET status = 'pending', attempts = ?, next_at = ?, last_result = ? WHERE id = ?`)
      .run(attempts, Date.now() + waitMs, result, notify.id);
  }
  return true;
}

let timer: NodeJS.Timeout | null = null;
let timerAt = Infinity;

function wakeAt(at: number): void {
  if (timer && timerAt <= at) return;
  if (timer) clearTimeout(timer);
  timerAt = at;
  timer = setTimeout(() => {
    timer = null;
    timerAt = Infinity;
    deliverDue().catch((error) => console.error("emulator notify delivery failed", error));
  }, Math.max(0, at - Date.now()));
  // Never keep a test process or a stopping server alive just for a retry.
  timer.unref();
}

/** Arms the timer for the earliest waiting notify; called at start and after each round. */
export function scheduleNext(): void {
  // Rows left 'sending' by a crashed process become due again when their lease ends.
  db().prepare(`UPDATE emu_notifies SET status = 'pending' WHERE status = 'sending' AND next_at <= ?`).run(Date.now());
  const row = db()
    .prepare(`SELECT MIN(next_at) AS at FROM emu_notifies WHERE status IN ('pending','sending')`)
    .get() as { at: number | null };
  if (row.at !== null) wakeAt(row.at);
}
