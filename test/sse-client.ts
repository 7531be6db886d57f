// A tiny Server-Sent Events client on node:http, for the integration tests and the benchmarks: it
// holds one connection, parses `data:` events and reports when the server ends the stream. Small
// on purpose (10,000 of them run in one benchmark process).
import http from "node:http";

export interface SseConnection {
  /** Every data payload received so far, parsed as JSON. */
  events: unknown[];
  /** Resolves when the server ends the stream (or the connection drops). */
  ended: Promise<void>;
  /** Drops the connection from the client's side. */
  close(): void;
}

export interface SseOptions {
  agent?: http.Agent;
  onEvent?: (data: unknown) => void;
  headers?: Record<string, string>;
}

/** Opens url as an event stream; rejects when the answer is not 200 text/event-stream. */
export function openSse(url: string, options: SseOptions = {}): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: options.agent ?? false, headers: { accept: "text/event-stream", ...options.headers } }, (response) => {
      if (response.statusCode !== 200 || !String(response.headers["content-type"]).startsWith("text/event-stream")) {
        response.resume();
        reject(new Error(`event stream answered ${response.statusCode}`));
        return;
      }
      response.setEncoding("utf8");
      const events: unknown[] = [];
      let buffer = "";
      let endedResolve!: () => void;
      const ended = new Promise<void>((r) => (endedResolve = r));
      response.on("data", (chunk: string) => {
        buffer += chunk;
        for (let at = buffer.indexOf("\n\n"); at >= 0; at = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const data = block
            .split("\n")
            .filter((line) => line.startsWith("data:"))
            .map((line) => line.slice(5).trimStart())
            .join("\n");
          if (!data) continue;
          const parsed = JSON.parse(data) as unknown;
          events.push(parsed);
          options.onEvent?.(parsed);
        }
      });
      response.on("end", endedResolve);
      response.on("close", endedResolve);
      response.on("error", endedResolve);
      resolve({ events, ended, close: () => request.destroy() });
    });
    request.on("error", reject);
  });
}
