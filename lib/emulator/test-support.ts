// Shared by both emulated platforms' tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

/** Points the emulator at fresh temporary storage; call before anything touches it. */
export function setUpTemporaryEmulator(env: Record<string, string> = {}, prefix = "emulator-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  Object.assign(process.env, {
    EMULATOR_DATABASE_URL: path.join(dir, "emulator.db"),
    EMULATOR_CERTS_DIR: path.join(dir, "certs"),
    PAYMENT_EMULATOR: "on",
    ...env,
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
