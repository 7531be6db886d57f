// Server side of the error shape: route handlers' wrapper (zod errors → 422, unknown errors
// logged with their stack and answered as a generic 500) and the size-limited JSON reader.
// Browser code imports lib/app-error.ts instead.
import { ZodError } from "zod";
import { AppError, errorResponse, zodDetails } from "@/lib/app-error";
import { jsonBodyLimitBytes } from "@/lib/http/body-limits";
import { readBodyLimited } from "@/lib/http/read-body";
import { log, withRequestLog } from "@/lib/log";

export { AppError, ERROR_STATUS, errorResponse, zodDetails, type ErrorCode, type ErrorDetail } from "@/lib/app-error";

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
  log().error({ err: error }, "unhandled error");
  return errorResponse("internal_error", "服务器内部错误，请稍后再试");
}

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

export function handleRoute<C>(handler: Handler<C>): Handler<C> {
  return (req, ctx) =>
    withRequestLog(req, async () => {
      try {
        return await handler(req, ctx);
      } catch (error) {
        return toErrorResponse(error);
      }
    });
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
