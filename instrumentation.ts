// Next.js calls register() once when the server starts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: decides what X-Forwarded-* the app may believe (TRUST_PROXY) before Next reads them.
    const { installForwardedHeadersHook } = await import("./lib/http/forwarded-hook");
    const { settings } = await import("./lib/env");
    installForwardedHeadersHook(() => settings().TRUST_PROXY);
    const { startServerOrExit } = await import("./lib/startup");
    await startServerOrExit();
  }
}
