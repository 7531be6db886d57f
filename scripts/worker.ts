// npm run worker – the background job runner on its own (sweeps of pending orders, closes,
// pruning). Run one or more beside web processes started with WORKER=off; two runners never run
// one job at once.
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd());

async function main() {
  const { assembleApp, startJobRunner, stopJobRunner } = await import("../lib/startup");
  try {
    await assembleApp();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const runner = startJobRunner();
  console.log(`[worker] ${runner.id} running background jobs`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      void stopJobRunner().then(() => process.exit(0));
    });
  }
}

void main();
