"use client";
// The pay page's live order status: pushed by the server (Server-Sent Events) the moment the order
// changes, with SWR polling as the fallback — slow while the push is connected, quick while it is
// not. A stream that fails for good (a proxy's error page, a restart) is opened again after a pause.
import { useEffect, useState } from "react";
import useSWR from "swr";
import type { OrderStatusView } from "@/lib/payments/order-view";

const POLL_WHILE_PUSHED_MS = 30_000;
const POLL_WITHOUT_PUSH_MS = 3_000;
const REOPEN_AFTER_MS = 5_000;

export const statusKey = (orderNo: string) => `/api/payment/orders/${orderNo}`;

const fetchStatus = async (url: string): Promise<OrderStatusView> => {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return response.json();
};

// Set only by the Playwright test that proves the push alone turns the page.
const pollingOff = () => typeof window !== "undefined" && (window as { __payPollingOff?: boolean }).__payPollingOff === true;

export function useLiveStatus(initial: OrderStatusView): OrderStatusView {
  const key = statusKey(initial.orderNo);
  const [pushed, setPushed] = useState(false);
  const [opening, setOpening] = useState(0);
  const { data, mutate } = useSWR(key, fetchStatus, {
    fallbackData: initial,
    refreshInterval: (latest) => (latest?.status !== "pending" || pollingOff() ? 0 : pushed ? POLL_WHILE_PUSHED_MS : POLL_WITHOUT_PUSH_MS),
    revalidateOnFocus: !pollingOff(),
  });
  const pending = (data ?? initial).status === "pending";

  useEffect(() => {
    if (!pending || typeof EventSource === "undefined") return;
    const source = new EventSource(`${key}/events`);
    let reopen: ReturnType<typeof setTimeout> | undefined;
    source.onopen = () => setPushed(true);
    source.onmessage = (event) => {
      const view = JSON.parse(event.data as string) as OrderStatusView;
      void mutate(view, { revalidate: false });
      if (view.status !== "pending") source.close();
    };
    source.onerror = () => {
      setPushed(false);
      // The browser retries a dropped stream by itself; one it gave up on is reopened here.
      if (source.readyState === EventSource.CLOSED) reopen = setTimeout(() => setOpening((n) => n + 1), REOPEN_AFTER_MS);
    };
    return () => {
      clearTimeout(reopen);
      source.close();
      setPushed(false);
    };
  }, [key, pending, mutate, opening]);

  return data ?? initial;
}
