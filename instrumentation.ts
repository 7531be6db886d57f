// Next.js calls register() once when the server starts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServerOrExit } = await import("./lib/startup");
    await startServerOrExit();
  }
}
