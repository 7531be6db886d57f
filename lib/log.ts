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

const context = new AsyncLocalStorage<Logger>();

/** The logger of the request being served (with its request id), or the root logger. */
export function log(): Logger {
  return context.getStore() ?? rootLogger;
}

/**
 * Runs a route handler with a request id on every log line it writes, and logs one line when it
 * answers: method, path (no query string: it may carry tokens), status and duration.
 */
export async function withRequestLog(req: Request, handle: () => Promise<Response>): Promise<Response> {
  const requestId = crypto.randomBytes(8).toString("hex");
  const logger = rootLogger.child({ requestId });
  const started = performance.now();
  const path = new URL(req.url).pathname;
  return context.run(logger, async () => {
    let status = 500;
    try {
      const response = await handle();
      status = response.status;
      try {
        response.headers.set("x-request-id", requestId);
      } catch {
        // Some responses (redirects built by the platform) have immutable headers.
      }
      return response;
    } finally {
      logger.info({ method: req.method, path, status, durationMs: Math.round((performance.now() - started) * 10) / 10 }, "request");
    }
  });
}
