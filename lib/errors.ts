import { ZodError } from "zod";
import { jsonBodyLimitBytes } from "@/lib/http/body-limits";
// A cycle (read-body throws AppError), harmless: neither module uses the other at load time.
// Neither imports lib/env (node:fs): this file is also bundled for the browser.
import { readBodyLimited } from "@/lib/http/read-body";

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unprocessable_entity: 422,
  too_many_requests: 429,
  internal_error: 500,
  payment_platform_error: 502,
  payment_platform_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  field: string;
  issue: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function zodDetails(error: ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ field: issue.path.join(".") || "(body)", issue: issue.message }));
}

export function errorResponse(code: ErrorCode, message: string, details: ErrorDetail[] = []): Response {
  // A body refused unread leaves the rest of the upload on the connection: close it.
  const headers = code === "payload_too_large" ? { connection: "close" } : undefined;
  return Response.json({ error: { code, message, details } }, { status: ERROR_STATUS[code], headers });
}

/** Turns anything thrown by a route into our one error shape; unknown errors are logged, never shown. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const response = errorResponse(error.code, error.message, error.details);
    const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (retryAfter !== undefined) response.headers.set("Retry-After", String(retryAfter));
    return response;
  }
  if (error instanceof ZodError) {
    return errorResponse("unprocessable_entity", "请求内容不正确", zodDetails(error));
  }
  console.error("unhandled error", error);
  return errorResponse("internal_error", "服务器内部错误，请稍后再试");
}

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

export function handleRoute<C>(handler: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/**
 * Reads a JSON body of at most JSON_BODY_LIMIT_BYTES (413 past it, before it is read whole);
 * a body that is not JSON is the caller's mistake (400), not ours.
 */
export async function readJson(req: Request, maxBytes?: number): Promise<unknown> {
  const text = await readBodyLimited(req, maxBytes ?? jsonBodyLimitBytes());
  if (!text) throw new AppError("bad_request", "请求体为空");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "请求体不是合法的 JSON");
  }
}
