// The trade state machine's transitions, each followed by the notify Alipay sends for it.
import type { OutboundNotify } from "../dispatcher";
import { enqueueTradeNotify } from "./notify";
import { expireNow, findByOutTradeNo, findByTradeNo, listExpiredWaiting, markClosed, markPaid, nextExpiry, type AlipayTrade } from "./trades";

/** A payer or test action that the trade's state does not allow; `code` is Alipay's sub_code. */
export class TradeActionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "TradeActionError";
  }
}

function reload(trade: AlipayTrade): AlipayTrade {
  return findByTradeNo(trade.appId, trade.tradeNo)!;
}

/** Closes the trade if its time ran out (with the TRADE_CLOSED notify); returns it fresh. */
export function settleExpiry(trade: AlipayTrade, now = Date.now()): AlipayTrade {
  if (trade.status !== "WAIT_BUYER_PAY" || trade.expiresAt > now) return trade;
  if (markClosed(trade.tradeNo, trade.expiresAt)) {
    const closed = reload(trade);
    enqueueTradeNotify(closed, "TRADE_CLOSED");
    return closed;
  }
  return reload(trade);
}

export function findTrade(appId: string, by: { outTradeNo?: string; tradeNo?: string }): AlipayTrade | null {
  // trade_no wins when both are given, as Alipay documents.
  const trade = by.tradeNo ? findByTradeNo(appId, by.tradeNo) : by.outTradeNo ? findByOutTradeNo(appId, by.outTradeNo) : null;
  return trade ? settleExpiry(trade) : null;
}

export interface PayResult {
  trade: AlipayTrade;
  notify: OutboundNotify | null;
  /** True when the trade was already paid: nothing changed and no notify was sent. */
  alreadyPaid: boolean;
}

/** The payer confirms. `late` pays even a closed or expired trade (a payment landing after close). */
export function payTrade(trade: AlipayTrade, options: { late?: boolean; now?: number } = {}): PayResult {
  const now = options.now ?? Date.now();
  const current = options.late ? trade : settleExpiry(trade, now);
  if (current.status === "TRADE_SUCCESS") return { trade: current, notify: null, alreadyPaid: true };
  if (!markPaid(current.tradeNo, now, options.late)) {
    const fresh = settleExpiry(reload(current), now);
    if (fresh.status === "TRADE_SUCCESS") return { trade: fresh, notify: null, alreadyPaid: true };
    throw new TradeActionError("ACQ.TRADE_HAS_CLOSE", "交易已经关闭，不能付款");
  }
  const paid = reload(current);
  return { trade: paid, notify: enqueueTradeNotify(paid, "TRADE_SUCCESS"), alreadyPaid: false };
}

export type CloseResult = { outcome: "closed"; trade: AlipayTrade; notify: OutboundNotify | null } | { outcome: "not_waiting"; trade: AlipayTrade };

/** alipay.trade.close: only a trade waiting for the buyer can be closed. */
export function closeTrade(trade: AlipayTrade, now = Date.now()): CloseResult {
  if (markClosed(trade.tradeNo, now)) {
    const closed = reload(trade);
    return { outcome: "closed", trade: closed, notify: enqueueTradeNotify(closed, "TRADE_CLOSED") };
  }
  return { outcome: "not_waiting", trade: reload(trade) };
}

/** Test control: the trade's time runs out now. */
export function expireTrade(trade: AlipayTrade, now = Date.now()): AlipayTrade {
  expireNow(trade.tradeNo, now);
  return settleExpiry(reload(trade), now);
}

/** Closes every unpaid trade whose time ran out; returns how many. */
export function expireDueTrades(now = Date.now()): number {
  const due = listExpiredWaiting(now);
  for (const trade of due) settleExpiry(trade, now);
  return due.length;
}

let timer: NodeJS.Timeout | null = null;
let timerAt = Infinity;

/**
 * Arms a timer for the earliest expiry so the TRADE_CLOSED notify goes out on time even if no
 * one looks at the trade. Reads also close lazily, so a lost timer (restart) only delays it.
 */
export function armExpiryTimer(): void {
  const at = nextExpiry();
  if (at === null || (timer && timerAt <= at)) return;
  if (timer) clearTimeout(timer);
  timerAt = at;
  // setTimeout overflows past ~24.8 days; wake at least hourly and look again.
  const wait = Math.min(Math.max(0, at - Date.now()), 3600_000);
  timer = setTimeout(() => {
    timer = null;
    timerAt = Infinity;
    try {
      expireDueTrades();
      armExpiryTimer();
    } catch (error) {
      console.error("alipay emulator: expiring trades failed", error instanceof Error ? error.message : error);
    }
  }, wait);
  timer.unref();
}

let started = false;

/**
 * Closes trades whose time ran out while the server was down and arms the expiry timer. Safe to
 * call repeatedly; the gateway calls it on first use, and startEmulator() may call it at boot.
 */
export function startAlipayEmulator(): void {
  if (started) return;
  started = true;
  expireDueTrades();
  armExpiryTimer();
}
