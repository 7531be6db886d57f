// The front server: a few hot GET paths answered in front of Next's request handler, inside
// Next's own HTTP server (installed from instrumentation.ts). Next's route pipeline costs about
// 1 ms of CPU per request before any app code runs, more than the payer's status read itself; here
// the same handlers (lib/payments/live/payer-routes.ts) run on a web Request and their Response is
// written straight to the socket, with the same security headers proxy.ts gives /api/*. A route
// that takes a body (the platforms' notifies) reads it as a stream through the route's own limit
// (lib/http/read-body.ts), as under Next. Anything else goes on to Next.
import http from "node:http";
import { Readable } from "node:stream";
import { emulatorEnabled } from "@/lib/emulator-switch";
import { settings } from "@/lib/env";
import type { RequestLine } from "@/lib/log";
import { isJsonAnswer, type JsonAnswer } from "./json-answer";
import { securityHeaders } from "./security-headers";

interface RouteMatch {
  /** GET routes take no body (a GET with one goes on to Next); POST routes read theirs. */
  method: "GET" | "POST";
  /** Matched against the path (no query string); its groups are handed to the route. */
  pattern: RegExp;
}

/** A route on a web Request. Never throws: handleRoute / notifyRoute turn errors into the answer. */
interface RequestRoute extends RouteMatch {
  handle(req: Request, groups: string[]): Promise<Response>;
  /** Its answer streams until the client leaves: only then is req.signal wired to the socket. */
  streams?: boolean;
}

/** A GET route that needs nothing of the request but its path: no web Request is built. Never throws. */
interface PathRoute extends RouteMatch {
  method: "GET";
  answer(groups: string[], line: RequestLine): Promise<JsonAnswer | Response>;
}

export type FrontRoute = RequestRoute | PathRoute;

type Emit = typeof http.Server.prototype.emit;
const INSTALLED = Symbol.for("payforms.frontServer");
// Only the path of this URL is ever read (the request log line, the handlers' routing).
const ORIGIN = "http://front.invalid";

interface Hit {
  route: FrontRoute;
  groups: string[];
  pathname: string;
}

function hasBody(req: http.IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return Boolean(req.headers["transfer-encoding"]) || (length !== undefined && length !== "0");
}

function match(routes: readonly FrontRoute[], req: http.IncomingMessage): Hit | null {
  if (req.method !== "GET" && req.method !== "POST") return null;
  if (req.method === "GET" && hasBody(req)) return null;
  const url = req.url ?? "";
  const query = url.indexOf("?");
  const pathname = query < 0 ? url : url.slice(0, query);
  for (const route of routes) {
    if (route.method !== req.method) continue;
    const found = route.pattern.exec(pathname);
    if (found) return { route, groups: found.slice(1), pathname };
  }
  return null;
}

/** The web Request a handler expects. Headers as the forwarded-headers hook left them. */
function webRequest(req: http.IncomingMessage, signal: AbortSignal | undefined): Request {
  const url = ORIGIN + (req.url ?? "/");
  if (req.method === "GET") return new Request(url, { signal });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  const body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
  return new Request(url, { method: req.method, headers, body, signal, duplex: "half" } as RequestInit);
}

// Every front route is under /api/, whose headers depend on the settings only: built once per
// settings object (settings() returns the same one until the environment changes).
let cachedHeaders: { settings: object; pathname: string; headers: Record<string, string> } | null = null;

function headersFor(pathname: string): Record<string, string> {
  const s = settings();
  const kind = pathname.startsWith("/api/") ? "/api/" : pathname;
  if (cachedHeaders?.settings === s && cachedHeaders.pathname === kind) return cachedHeaders.headers;
  const headers = securityHeaders({
    pathname: kind,
    serverBaseUrl: s.SERVER_BASE_URL,
    nonce: null, // an /api/* policy has no script to allow
    dev: s.NODE_ENV === "development",
    emulatorOn: emulatorEnabled("wechat") || emulatorEnabled("alipay"),
  });
  cachedHeaders = { settings: s, pathname: kind, headers };
  return headers;
}

async function answer({ route, groups, pathname }: Hit, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if ("answer" in route) {
    const answered = await route.answer(groups, { method: "GET", path: pathname });
    if (isJsonAnswer(answered)) {
      const body = JSON.stringify(answered.json);
      const headers = { ...answered.headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...headersFor(pathname) };
      res.writeHead(answered.status, headers).end(body);
    } else {
      await write(answered, pathname, res);
    }
    return;
  }
  let gone: AbortController | undefined;
  if (route.streams) {
    gone = new AbortController();
    res.once("close", () => gone!.abort());
  }
  await write(await route.handle(webRequest(req, gone?.signal), groups), pathname, res);
}

async function write(response: Response, pathname: string, res: http.ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  Object.assign(headers, headersFor(pathname));
  if (!response.body) {
    res.writeHead(response.status, headers).end();
    return;
  }
  if (!headers["content-type"]?.startsWith("text/event-stream")) {
    res.writeHead(response.status, headers).end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  // A stream: its headers now (the browser's EventSource is open), each event as it comes.
  res.writeHead(response.status, headers);
  res.flushHeaders();
  const reader = response.body.getReader();
  res.once("close", () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

function frontEmit(routes: () => readonly FrontRoute[], original: Emit): Emit {
  return function emit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      const res = args[1] as http.ServerResponse;
      const hit = match(routes(), req);
      if (hit) {
        answer(hit, req, res).catch(() => {
          if (!res.headersSent) res.writeHead(500, headersFor(hit.pathname)).end();
          else res.destroy();
        });
        return true;
      }
    }
    return Reflect.apply(original, this, [event, ...args]) as boolean;
  } as Emit;
}

/**
 * Puts the front server in front of every HTTP server of this process (Next's included), serving
 * nothing until serve() is given its routes (once the app is assembled). Install it before
 * installForwardedHeadersHook, so that hook, wrapping it, still runs first on every request.
 */
export function installFrontServer(): { serve(routes: readonly FrontRoute[]): void } {
  const proto = http.Server.prototype as typeof http.Server.prototype & { [INSTALLED]?: { routes: readonly FrontRoute[] } };
  if (!proto[INSTALLED]) {
    const state = { routes: [] as readonly FrontRoute[] };
    proto.emit = frontEmit(() => state.routes, proto.emit);
    proto[INSTALLED] = state;
  }
  const state = proto[INSTALLED];
  return { serve: (routes) => void (state.routes = routes) };
}

/** The same, on one server only (tests). */
export function installFrontServerOn(server: http.Server, routes: readonly FrontRoute[]): void {
  server.emit = frontEmit(() => routes, server.emit.bind(server) as Emit);
}
