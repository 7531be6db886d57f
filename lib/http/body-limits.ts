// The request body limits. Their zod rules live here, not only in lib/env.ts, because readJson
// (lib/errors.ts) needs the JSON limit and lib/errors.ts is also bundled for the browser, where
// lib/env.ts (node:fs) cannot go. lib/env.ts validates them at start with these same rules.
import { z } from "zod";

const byteCount = (name: string, min: number, max: number) =>
  z.coerce
    .number({ message: `${name} must be a whole number of bytes` })
    .int(`${name} must be a whole number of bytes`)
    .min(min, `${name} must be between ${min} and ${max} bytes`)
    .max(max, `${name} must be between ${min} and ${max} bytes`);

export const bodyLimitSettings = {
  NOTIFY_BODY_LIMIT_BYTES: byteCount("NOTIFY_BODY_LIMIT_BYTES", 1024, 1024 * 1024).default(64 * 1024),
  JSON_BODY_LIMIT_BYTES: byteCount("JSON_BODY_LIMIT_BYTES", 1024, 16 * 1024 * 1024).default(1024 * 1024),
};

/** JSON_BODY_LIMIT_BYTES from the environment (already validated at start). */
export function jsonBodyLimitBytes(env: Record<string, string | undefined> = process.env): number {
  return bodyLimitSettings.JSON_BODY_LIMIT_BYTES.parse(env.JSON_BODY_LIMIT_BYTES || undefined);
}
