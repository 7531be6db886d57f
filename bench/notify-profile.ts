// Where a verified notify's time goes, in one process without HTTP: handleNotify for fresh
// pending orders, one at a time, then 32 at once. With PROFILE=<file>, the one-at-a-time loop is
// CPU-profiled into it (open in Chrome's DevTools). Run:
// npx tsx --conditions=react-server bench/notify-profile.ts [notifies]
import fs from "node:fs";
import inspector from "node:inspector/promises";
import os from "node:os";
import path from "node:path";

const COUNT = Number(process.argv[2] ?? 2000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "payforms-notify-"));
Object.assign(process.env, {
  DATABASE_URL: process.env.DATABASE_URL ?? path.join(dir, "app.db"),
  EMULATOR_DATABASE_URL: path.join(dir, "emulator.db"),
  EMULATOR_CERTS_DIR: path.join(dir, "certs"),
  PAYMENT_EMULATOR: "on",
  SERVER_BASE_URL: "http://127.0.0.1:3999",
  LOG_LEVEL: "warn",
});

async function main(): Promise<void> {
  const { assembleApp } = await import("../lib/startup");
  await assembleApp();
  const { makePendingOrder } = await import("../test/fixtures");
  const { buildWechatTestNotify } = await import("../lib/emulator/wechat");
  const { handleNotify } = await import("../lib/payments/handle-notify");
  const orders: string[] = [];
  for (let i = 0; i < COUNT * 2; i++) orders.push((await makePendingOrder({ expiresAt: Date.now() + 3_600_000 })).orderNo);
  const built = orders.map((orderNo) => buildWechatTestNotify({ outTradeNo: orderNo, totalFen: 5000, mode: "public_key" }));
  const run = (i: number) => handleNotify("wechat", "env", new Headers(built[i].headers), built[i].body, "127.0.0.1");
  await run(0);
  const session = new inspector.Session();
  if (process.env.PROFILE) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  let started = performance.now();
  for (let i = 1; i < COUNT; i++) await run(i);
  const serialMs = (performance.now() - started) / (COUNT - 1);
  if (process.env.PROFILE) fs.writeFileSync(process.env.PROFILE, JSON.stringify((await session.post("Profiler.stop")).profile));
  started = performance.now();
  let next = COUNT;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < COUNT * 2) await run(next++);
  }));
  const perSecond = COUNT / ((performance.now() - started) / 1000);
  console.log(`one at a time: ${serialMs.toFixed(2)} ms per notify; 32 at once: ${perSecond.toFixed(0)}/s`);
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
