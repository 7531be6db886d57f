// The PAYMENT_EMULATOR setting, read the same way by the settings check (lib/env.ts), the
// emulator's own routes (lib/emulator/enabled.ts) and the app's assembly (lib/startup.ts).
// Imports nothing: it is configuration, neither the merchant's side nor the platforms'.

export type EmulatedPlatform = "wechat" | "alipay";

const CREDENTIAL_VARIABLE: Record<EmulatedPlatform, string> = {
  wechat: "WECHAT_MCH_ID",
  alipay: "ALIPAY_APP_ID",
};

/**
 * PAYMENT_EMULATOR=on|off; unset means "on for a platform that has no credentials configured".
 * Under NODE_ENV=production it never runs unless PAYMENT_EMULATOR_ALLOW_IN_PRODUCTION=true
 * (lib/env.ts refuses to start with a message in that case).
 */
export function emulatorEnabled(platform: EmulatedPlatform, env: NodeJS.ProcessEnv = process.env): boolean {
  const setting = (env.PAYMENT_EMULATOR ?? "").trim().toLowerCase();
  if (setting === "off") return false;
  if (env.NODE_ENV === "production" && env.PAYMENT_EMULATOR_ALLOW_IN_PRODUCTION !== "true") return false;
  // "on" serves the emulator even beside real credentials (admins can add emulated accounts);
  // unset serves it only where the environment has no account of its own.
  if (setting === "on") return true;
  return !hasCredentials(platform, env);
}

export function hasCredentials(platform: EmulatedPlatform, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env[CREDENTIAL_VARIABLE[platform]]?.trim());
}
