// Where the app is assembled, once per process: settings, database, demo data, the emulator and
// its credentials, and the background job runner.
import fs from "node:fs";
import path from "node:path";
import { databaseEngine, databaseFile, databaseReady } from "@/db/client";
import { provideEmulatedMerchant } from "@/lib/accounts/emulated";
import { emulatorEnabled } from "@/lib/emulator/enabled";
import { ensureEmulatorCredentials } from "@/lib/emulator/keys";
import { emulatorDemoMerchant } from "@/lib/emulator/merchant-demo";
import { looselyProtectedKeyFiles, settings } from "@/lib/env";
import { looselyProtectedFiles, securePrivateDir, securePrivateFile } from "@/lib/fs-permissions";
import { seedDemoForm } from "@/lib/forms/seed";
import { ensureFirstAdmin } from "@/lib/auth/first-admin";
import { createRunner, type Runner } from "@/lib/jobs/runner";
import { log } from "@/lib/log";
import { envKeyFilePaths } from "@/lib/accounts/env-accounts";
import { registerPaymentJobs } from "@/lib/payments/jobs";
import { registerReconciliationJobs } from "@/lib/reconciliation/jobs";
import { registerNotificationJobs } from "@/lib/notifications/jobs";

let started: Promise<void> | null = null;
let runner: Runner | null = null;

/** Everything a process that touches payments needs: the web server and `npm run worker` alike. */
export async function assembleApp(): Promise<void> {
  const s = settings(); // throws SettingsError naming every bad variable
  for (const file of looselyProtectedKeyFiles(envKeyFilePaths())) {
    log().warn({ file }, `key file can be read by other users: run chmod 600 ${file}`);
  }
  if (databaseEngine === "sqlite") protectDataFolder(databaseFile());
  await databaseReady(); // opens and migrates
  if (databaseEngine === "sqlite") protectDatabaseFiles(databaseFile());
  registerPaymentJobs();
  registerReconciliationJobs();
  registerNotificationJobs();
  const emulated = (["wechat", "alipay"] as const).filter((p) => emulatorEnabled(p));
  // The one place the merchant side learns of the emulator: its demo merchant's keys and pages.
  provideEmulatedMerchant(emulated.length ? { platforms: emulated, ...emulatorDemoMerchant(() => settings().SERVER_BASE_URL) } : null);
  if (emulated.length) {
    ensureEmulatorCredentials();
    log().info({ platforms: emulated }, `emulator on at ${s.SERVER_BASE_URL}/sandbox (no real money moves)`);
  }
}

export async function startServer(): Promise<void> {
  started ??= (async () => {
    await assembleApp();
    await seedDemoForm();
    const adminMessage = await ensureFirstAdmin();
    if (adminMessage) log().info(adminMessage);
    if ((["wechat", "alipay"] as const).some((p) => emulatorEnabled(p))) {
      // One emulator per deployment: it is the platforms' side, with its own store and dispatcher.
      const { startEmulator } = await import("@/lib/emulator");
      startEmulator();
    }
    if (settings().WORKER !== "off") startJobRunner();
  })();
  return started;
}

/** The job runner of this process (inside the app by default, or `npm run worker`). */
export function startJobRunner(): Runner {
  runner ??= createRunner();
  runner.start();
  return runner;
}

export async function stopJobRunner(): Promise<void> {
  await runner?.stop();
  runner = null;
}

/** The data folder 700 and the database files 600: they hold payers' personal data and password hashes. */
function protectDataFolder(file: string): void {
  if (file === ":memory:") return;
  const dir = path.dirname(path.resolve(/*turbopackIgnore: true*/ file));
  // A shared sticky folder (/tmp) is not ours to narrow; the files in it still are.
  if (fs.existsSync(dir) && (fs.statSync(dir).mode & 0o1000) !== 0) return;
  securePrivateDir(dir);
}

function protectDatabaseFiles(file: string): void {
  if (file === ":memory:") return;
  const resolved = path.resolve(/*turbopackIgnore: true*/ file);
  for (const loose of looselyProtectedFiles([resolved, `${resolved}-wal`, `${resolved}-shm`])) securePrivateFile(loose);
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
