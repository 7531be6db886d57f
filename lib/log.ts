// Structured logs (pino): one JSON line per event, with the request id of the request being
// served (set by withRequestLog). Secrets are removed by pino's own redaction, whatever path
// they are logged under; stacks go to the log, never to clients.
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import pino, { type Logger } from "pino";

const REDACT_PATHS = [
  "password",
  "*.password",
  "*.passwordHash",
  "*.privateKeyPem",
  "*.apiV3Key",
  "*.appSecret",
  "*.secret",
  "*.secrets",
  "*.token",
  "*.csrfToken",
  "*.authorization",
  "*.cookie",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  'headers["set-cookie"]',
];

export function createLogger(destination?: pino.DestinationStream, level = process.env.LOG_LEVEL || (process.env.NODE_ENV === "test" ? "warn" : "info")): Logger {
  const options = {
    level,
    base: { service: "pay-forms" },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
  };
  return destination ? pino(options, destination) : pino(options);
}

export let rootLogger: Logger = createLogger();

/** For tests: send every log line to another logger. */
export function replaceRootLogger(logger: Logger): void {
  rootLogger = logger;
}

// The request being served: its id, and its logger once something in it logs (most requests
// log only their one line, so the child logger is made on first use).
interface RequestContext {
  requestId: string;
  logger?: Logger;
}
const context = new AsyncLocalStorage<RequestContext>();

/** The logger of the request being served (with its request id), or the root logger. */
export function log(): Logger {
  const request = context.getStore();
  if (!request) return rootLogger;
  return (request.logger ??= rootLogger.child({ requestId: request.requestId }));
}

// The one line per answered request goes through a child without redaction: its fields are fixed
// (id, method, path, status, duration) and hold no secret, and pino's wildcard redaction cost more
// per line than the payer's status read it describes.
const requestLines = new WeakMap<Logger, Logger>();
function requestLineLogger(): Logger {
  let logger = requestLines.get(rootLogger);
  if (!logger) requestLines.set(rootLogger, (logger = rootLogger.child({}, { redact: [] })));
  return logger;
}

// Request ids: a random prefix per process and a counter. Unique within the logs of a deployment
// (each process run has its own prefix) and far cheaper than random bytes per request, which
// cost as much as the payer's whole status read.
const REQUEST_ID_PREFIX = crypto.randomBytes(5).toString("hex");
let requestCount = 0;

export function nextRequestId(): string {
  requestCount += 1;
  return `${REQUEST_ID_PREFIX}${requestCount.toString(36).padStart(6, "0")}`;
}

/** What the one line of an answered request says. */
export interface RequestLine {
  method: string;
  /** No query string: it may carry tokens. */
  path: string;
}

/**
 * Runs `handle` with a request id on every log line it writes, and logs one line when it has
 * answered: method, path, status and duration. `statusOf` reads the status from what handle gave.
 */
export async function withRequestLine<T>(line: RequestLine, handle: (requestId: string) => Promise<T>, statusOf: (answer: T) => number): Promise<T> {
  const request: RequestContext = { requestId: nextRequestId() };
  const started = performance.now();
  return context.run(request, async () => {
    let status = 500;
    try {
      const answer = await handle(request.requestId);
      status = statusOf(answer);
      return answer;
    } finally {
      requestLineLogger().info(
        { requestId: request.requestId, method: line.method, path: line.path, status, durationMs: Math.round((performance.now() - started) * 10) / 10 },
        "request",
      );
    }
  });
}

/** The same for a route handler on a web Request; the answer carries its id in x-request-id. */
export function withRequestLog(req: Request, handle: () => Promise<Response>): Promise<Response> {
  return withRequestLine(
    { method: req.method, path: new URL(req.url).pathname },
    async (requestId) => {
      const response = await handle();
      try {
        response.headers.set("x-request-id", requestId);
      } catch {
        // Some responses (redirects built by the platform) have immutable headers.
      }
      return response;
    },
    (response) => response.status,
  );
}
