// The orders this browser opened for a form, newest first, kept in localStorage: the form page
// asks their status when the payer comes back (Back after paying, or 取消付款 at the cashier), so
// a paid submission says so instead of inviting a second payment. Order numbers only; no answers.
import { hasOrderNoShape } from "@/lib/payments/order-no-shape";

const KEY = (slug: string) => `pay-forms:orders:${slug}`;
const KEEP = 5;
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

interface Entry {
  orderNo: string;
  at: number;
}

function read(slug: string): Entry[] {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(KEY(slug)) ?? "[]") as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((e): e is Entry => typeof e?.orderNo === "string" && hasOrderNoShape(e.orderNo) && typeof e.at === "number");
  } catch {
    return []; // storage off (private mode) or garbled: nothing remembered
  }
}

export function rememberOrder(slug: string, orderNo: string, now = Date.now()): void {
  try {
    const kept = read(slug).filter((e) => e.orderNo !== orderNo && now - e.at < MAX_AGE_MS);
    window.localStorage.setItem(KEY(slug), JSON.stringify([{ orderNo, at: now }, ...kept].slice(0, KEEP)));
  } catch {
    // storage refused: the payer can still find the receipt by order number
  }
}

export function recentOrders(slug: string, now = Date.now()): string[] {
  return read(slug)
    .filter((e) => now - e.at < MAX_AGE_MS)
    .map((e) => e.orderNo);
}
