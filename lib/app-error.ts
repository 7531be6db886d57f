// The one error shape of the API, usable on both sides (the form builder and the payer's form
// show the same messages): AppError with a code→status table. The server-side route wrapper is
// in lib/errors.ts.
import type { ZodError } from "zod";

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
