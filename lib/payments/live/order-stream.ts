// One payer's live view of an order, as Server-Sent Events: the current status at once (so a
// reconnect always catches up, whatever it missed), then the status after each change, until the
// order is no longer pending. Reads only: the stream never writes and never calls a platform.
import { getDb } from "@/db/client";
import { getOrderStatus } from "@/db/queries/order-status";
import { orderStatusView } from "../order-view";
import { watchOrder } from "./order-watchers";

/** Where a stream's text goes: a web ReadableStream (Next) or a node response (the front server). */
export interface StreamSink {
  write(chunk: string): void;
  end(): void;
}

// How long a browser waits before reconnecting a dropped stream.
const RETRY_MS = 2_000;

export const SSE_HEADERS: Record<string, string> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform: compression would hold events back until a buffer fills.
  "Cache-Control": "no-store, no-transform",
  "X-Accel-Buffering": "no",
};

/**
 * Opens the stream of orderNo into sink. Resolves with the way to close it, or null when there is
 * no such order (nothing was written). The sink is ended once the order is final.
 */
export async function openOrderStream(orderNo: string, sink: StreamSink): Promise<(() => void) | null> {
  let closed = false;
  let reading = false;
  let readAgain = false;
  let first = true;

  const close = () => {
    if (closed) return;
    closed = true;
    stop();
    sink.end();
  };
  // Changes are coalesced into one read at a time, so events leave in the order of the reads.
  const sendCurrent = async (): Promise<boolean> => {
    if (reading) {
      readAgain = true;
      return true;
    }
    reading = true;
    try {
      do {
        readAgain = false;
        const row = await getOrderStatus(getDb(), orderNo);
        if (closed) return true;
        if (!row) return false;
        sink.write(`${first ? `retry: ${RETRY_MS}\n` : ""}data: ${JSON.stringify(orderStatusView(row))}\n\n`);
        first = false;
        if (row.status !== "pending") close();
      } while (readAgain && !closed);
      return true;
    } catch {
      close(); // the browser reconnects and reads again
      return true;
    } finally {
      reading = false;
    }
  };

  // Watch first, then read: a change committed in between is not lost.
  const stop = await watchOrder(orderNo, {
    changed: () => void sendCurrent(),
    beat: () => {
      if (!closed) sink.write(": \n\n");
    },
  });
  if (!(await sendCurrent())) {
    closed = true;
    stop();
    return null;
  }
  return close;
}

/** The stream as a web Response (for the route handler), or null when there is no such order. */
export async function orderStreamResponse(orderNo: string, signal: AbortSignal): Promise<Response | null> {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let close: (() => void) | null = null;
  let ended = false;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => close?.(),
  });
  const sink: StreamSink = {
    write: (chunk) => {
      if (!ended) controller.enqueue(encoder.encode(chunk));
    },
    end: () => {
      if (ended) return;
      ended = true;
      controller.close();
    },
  };
  close = await openOrderStream(orderNo, sink);
  if (!close) return null;
  if (signal.aborted) close();
  else signal.addEventListener("abort", close, { once: true });
  return new Response(body, { headers: SSE_HEADERS });
}
