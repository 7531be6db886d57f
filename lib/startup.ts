// Work done once when the server starts: settings, database, demo data, emulator, sweep.
import { getDb } from "@/db/client";
import { emulatorEnabled } from "@/lib/emulator/enabled";
import { ensureEmulatorCredentials } from "@/lib/emulator/keys";
import { looselyProtectedKeyFiles, settings } from "@/lib/env";
import { seedDemoForm } from "@/lib/forms/seed";
import { ensureFirstAdmin } from "@/lib/auth/first-admin";
import { envKeyFilePaths } from "@/lib/payments/env-accounts";
import { sweepPendingOrders } from "@/lib/payments/refresh-order";

let started = false;

export async function startServer(): Promise<void> {
  if (started) return;
  started = true;
  const s = settings(); // throws SettingsError naming every bad variable
  for (const file of looselyProtectedKeyFiles(envKeyFilePaths())) {
    console.warn(`[settings] key file ${file} can be read by other users: run chmod 600 ${file}`);
  }
  getDb(); // opens and migrates
  seedDemoForm();
  const adminMessage = await ensureFirstAdmin();
  if (adminMessage) console.log(adminMessage);
  const emulated = (["wechat", "alipay"] as const).filter((p) => emulatorEnabled(p));
  if (emulated.length) {
    ensureEmulatorCredentials();
    const { startEmulator } = await import("@/lib/emulator");
    startEmulator();
    console.log(`[emulator] on for ${emulated.join(", ")} at ${s.SERVER_BASE_URL}/sandbox (no real money moves)`);
  }
  // Pending orders whose notify never came are asked about in the background.
  const sweep = setInterval(() => {
    sweepPendingOrders().catch((error) => console.error("[sweep] failed", error instanceof Error ? error.message : error));
  }, 30_000);
  sweep.unref();
}

/** For instrumentation.ts: a server with bad settings must not start half-working. */
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
