// Who is waiting for which order, in this process. One onOrderChange subscription for the whole
// process (never one database listener per payer) dispatches to a Map orderNo → watchers, and one
// timer beats the heart of every open stream: a waiting payer costs one Map entry and a closure.
import { onOrderChange, orderChangesListening } from "../order-events";

export interface OrderWatcher {
  /** The order changed (re-read it: events carry no more than the order number). */
  changed(): void;
  /** Keeps the connection open through proxies that drop idle ones. */
  beat(): void;
}

export const HEARTBEAT_MS = 20_000;

const watchers = new Map<string, Set<OrderWatcher>>();
let unsubscribe: (() => void) | null = null;
let heartbeat: NodeJS.Timeout | null = null;

function dispatch(orderNo: string): void {
  const waiting = watchers.get(orderNo);
  if (!waiting) return;
  for (const watcher of [...waiting]) watcher.changed();
}

function beatAll(): void {
  for (const waiting of watchers.values()) for (const watcher of waiting) watcher.beat();
}

/**
 * Starts telling watcher about orderNo's changes; resolves (with the way to stop) once changes
 * committed from now on will reach it, so a read made after this misses nothing.
 */
export async function watchOrder(orderNo: string, watcher: OrderWatcher): Promise<() => void> {
  unsubscribe ??= onOrderChange((change) => dispatch(change.orderNo));
  heartbeat ??= setInterval(beatAll, HEARTBEAT_MS).unref();
  let waiting = watchers.get(orderNo);
  if (!waiting) watchers.set(orderNo, (waiting = new Set()));
  waiting.add(watcher);
  const stop = () => {
    const set = watchers.get(orderNo);
    if (!set?.delete(watcher) || set.size) return;
    watchers.delete(orderNo);
    if (watchers.size === 0 && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = null;
    }
  };
  await orderChangesListening();
  return stop;
}

/** How many streams this process holds open (for benchmarks and tests). */
export function watcherCount(): number {
  let count = 0;
  for (const waiting of watchers.values()) count += waiting.size;
  return count;
}
