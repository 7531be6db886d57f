// Next.js calls register() once when the server starts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // The front server (lib/http/front-server.ts) goes in before the forwarded-headers hook, so
    // that hook, wrapping it, still runs first; it serves nothing until the app is assembled.
    const { installFrontServer } = await import("./lib/http/front-server");
    const front = installFrontServer();
    // Runs first on every request: decides what X-Forwarded-* the app may believe (TRUST_PROXY).
    const { installForwardedHeadersHook } = await import("./lib/http/forwarded-hook");
    const { settings } = await import("./lib/env");
    installForwardedHeadersHook(() => settings().TRUST_PROXY);
    const { startServerOrExit } = await import("./lib/startup");
    await startServerOrExit();
    const { FRONT_ROUTES } = await import("./lib/payments/front-routes");
    front.serve(FRONT_ROUTES);
  }
}
