// Integration-test harness: serves the app's real route handlers (every app/**/route.ts) and the
// emulator on a local port, against fresh SQLite files, so a payment goes through the real HTTP
// loop: adapter → emulator → notify → route handler. No Next server, no mocks.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { AddressInfo } from "node:net";
import { freshDatabaseUrl } from "./databases";

interface RouteEntry {
  pattern: RegExp;
  paramNames: { name: string; catchAll: boolean }[];
  file: string;
  specificity: number;
}

export interface Harness {
  baseUrl: string;
  dir: string;
  close(): Promise<void>;
  /** fetch relative to the harness base URL. */
  fetch(pathname: string, init?: RequestInit): Promise<Response>;
  postJson(pathname: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Every request the harness served ("GET /path"), the emulator's included: what went over the wire. */
  requests: string[];
}

const ROOT = path.resolve(__dirname, "..");

function discoverRoutes(): RouteEntry[] {
  const entries: RouteEntry[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), [...segments, entry.name]);
      else if (entry.name === "route.ts") {
        const paramNames: RouteEntry["paramNames"] = [];
        let specificity = 0;
        const parts = segments
          .filter((s) => !/^\(.*\)$/.test(s))
          .map((s) => {
            const catchAll = /^\[\.\.\.(.+)\]$/.exec(s);
            if (catchAll) {
              paramNames.push({ name: catchAll[1], catchAll: true });
              return "/(.+)";
            }
            const param = /^\[(.+)\]$/.exec(s);
            if (param) {
              paramNames.push({ name: param[1], catchAll: false });
              specificity += 1;
              return "/([^/]+)";
            }
            specificity += 100;
            return `/${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
          });
        entries.push({ pattern: new RegExp(`^${parts.join("")}$`), paramNames, file: path.join(dir, entry.name), specificity });
      }
    }
  };
  walk(path.join(ROOT, "app"), []);
  return entries.sort((a, b) => b.specificity - a.specificity);
}

/** Starts the harness. Call before importing app modules elsewhere in the test file. */
export async function startHarness(options: { env?: Record<string, string>; databaseUrl?: string } = {}): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "payforms-test-"));
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;

  Object.assign(process.env, {
    NODE_ENV: "test",
    // A second instance on the same database passes the first one's URL.
    DATABASE_URL: options.databaseUrl ?? (await freshDatabaseUrl(dir)),
    EMULATOR_DATABASE_URL: path.join(dir, "emulator.db"),
    EMULATOR_CERTS_DIR: path.join(ROOT, ".test-data", "emulator-certs"),
    SERVER_BASE_URL: baseUrl,
    EMULATOR_TIME_SCALE: "0.001",
    PAYMENT_EMULATOR: "on",
    // Tests create many orders from one address and one phone; the rate-limit tests set their own.
    ORDER_RATE_LIMIT_PER_IP: "1000000",
    ORDER_RATE_LIMIT_PER_PAYER: "1000000",
    ...options.env,
  });
  for (const name of ["WECHAT_MCH_ID", "ALIPAY_APP_ID"]) if (!(options.env && name in options.env)) delete process.env[name];

  // Assembled as the server is (settings, database, jobs registered), without the runner's timer:
  // tests run job rounds themselves (runJobsOnce) so that what they wait for is deterministic.
  const { assembleApp } = await import("@/lib/startup");
  await assembleApp();
  const { seedDemoForm } = await import("@/lib/forms/seed");
  await seedDemoForm();

  const routes = discoverRoutes();
  const modules = new Map<string, Record<string, unknown>>();
  const requests: string[] = [];
  server.on("request", async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", baseUrl);
      requests.push(`${req.method} ${url.pathname}`);
      const route = routes.find((r) => r.pattern.test(url.pathname));
      if (!route) {
        res.writeHead(404).end("no route");
        return;
      }
      const match = route.pattern.exec(url.pathname)!;
      const params: Record<string, string | string[]> = {};
      route.paramNames.forEach((p, i) => {
        const raw = match[i + 1];
        params[p.name] = p.catchAll ? raw.split("/").map(decodeURIComponent) : decodeURIComponent(raw);
      });
      let mod = modules.get(route.file);
      if (!mod) {
        mod = (await import(route.file)) as Record<string, unknown>;
        modules.set(route.file, mod);
      }
      const handler = mod[req.method ?? "GET"] as ((r: Request, c: unknown) => Promise<Response>) | undefined;
      if (!handler) {
        res.writeHead(405).end();
        return;
      }
      // As under next start: our edge hook (lib/http/forwarded-hook.ts), then Next's own
      // `x-forwarded-for ??= socket address`; and the body streams, unread until the route reads it.
      const { settings } = await import("@/lib/env");
      const { normaliseForwardedHeaders } = await import("@/lib/http/forwarded-headers");
      normaliseForwardedHeaders(req.headers, req.socket.remoteAddress, settings().TRUST_PROXY);
      req.headers["x-forwarded-for"] ??= req.socket.remoteAddress;
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
        else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      }
      // As Next does: the request's signal aborts when the client goes away (ends SSE streams).
      const aborted = new AbortController();
      res.on("close", () => aborted.abort());
      const request = new Request(url, { method: req.method, headers, body, duplex: "half", signal: aborted.signal } as RequestInit);
      const response = await handler(request, { params: Promise.resolve(params) });
      const outHeaders: Record<string, string | string[]> = {};
      response.headers.forEach((value, name) => (outHeaders[name] = value));
      // forEach yields each Set-Cookie separately; keep them all, as a real server sends them.
      const setCookies = response.headers.getSetCookie();
      if (setCookies.length) outHeaders["set-cookie"] = setCookies;
      // A route that answered without reading the whole body (403 before parsing): end the connection.
      if (!req.complete) outHeaders.connection = "close";
      res.writeHead(response.status, outHeaders);
      if (outHeaders["content-type"]?.toString().startsWith("text/event-stream") && response.body) {
        // A stream (SSE) is passed on as it comes; the client leaving cancels it.
        const stream = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
        res.on("close", () => stream.destroy());
        stream.pipe(res);
        return;
      }
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" }).end(`harness: ${error instanceof Error ? error.stack : error}`);
    }
  });

  const harness: Harness = {
    baseUrl,
    dir,
    requests,
    fetch: (pathname, init) => fetch(new URL(pathname, baseUrl), { redirect: "manual", ...init }),
    postJson: (pathname, body, headers = {}) =>
      fetch(new URL(pathname, baseUrl), {
        method: "POST",
        headers: { "Content-Type": "application/json", ...headers },
        body: JSON.stringify(body),
        redirect: "manual",
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const { closeChangeListener } = await import("@/db/change-events");
      const { closeDb } = await import("@/db/client");
      await closeChangeListener();
      await closeDb();
    },
  };
  return harness;
}

/** One pass of the background jobs (the sweep, closes...), as the runner would do it. */
export async function runJobsOnce(now = Date.now()): Promise<number> {
  const { createRunner } = await import("@/lib/jobs/runner");
  return createRunner({ id: "test-runner", concurrency: 8 }).tick(now);
}

export const DEMO_ANSWERS = { name: "张三", phone: "13800138000", session: "sat" };

/** Polls until check() is truthy (for asynchronous notifies); throws with the label on timeout. */
export async function waitFor<T>(label: string, check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
