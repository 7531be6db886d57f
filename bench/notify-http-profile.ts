// Where a verified notify's time goes over HTTP, through the front server (as in production):
// this process serves, a child process sends the notifies at concurrency 32, and this process is
// CPU-profiled into PROFILE=<file> (open in Chrome's DevTools) while they arrive. Run:
// PROFILE=/tmp/n.cpuprofile npx tsx --conditions=react-server bench/notify-http-profile.ts [notifies]
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import inspector from "node:inspector/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

const COUNT = Number(process.argv[2] ?? 4000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "payforms-notify-http-"));
Object.assign(process.env, {
  DATABASE_URL: path.join(dir, "app.db"),
  EMULATOR_DATABASE_URL: path.join(dir, "emulator.db"),
  EMULATOR_CERTS_DIR: path.join(dir, "certs"),
  PAYMENT_EMULATOR: "on",
  SERVER_BASE_URL: "http://127.0.0.1:3999",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
});

const SENDER = `
const http = require("node:http");
const notifies = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
let next = 0;
const started = performance.now();
const one = () => new Promise((resolve) => {
  const n = notifies[next++];
  const req = http.request(process.argv[2], { method: "POST", agent, headers: n.headers }, (res) => { res.resume(); res.on("end", resolve); });
  req.on("error", resolve);
  req.end(n.body);
});
Promise.all(Array.from({ length: 32 }, async () => { while (next < notifies.length) await one(); })).then(() => {
  console.log((notifies.length / ((performance.now() - started) / 1000)).toFixed(0) + "/s");
  process.exit(0);
});`;

async function main(): Promise<void> {
  const { assembleApp } = await import("../lib/startup");
  await assembleApp();
  const { installFrontServerOn } = await import("../lib/http/front-server");
  const { FRONT_ROUTES } = await import("../lib/payments/front-routes");
  const { makePendingOrder } = await import("../test/fixtures");
  const { buildWechatTestNotify } = await import("../lib/emulator/wechat");
  const notifies = [];
  for (let i = 0; i < COUNT; i++) {
    const { orderNo } = await makePendingOrder({ expiresAt: Date.now() + 3_600_000 });
    notifies.push(buildWechatTestNotify({ outTradeNo: orderNo, totalFen: 5000, mode: "public_key" }));
  }
  const file = path.join(dir, "notifies.json");
  fs.writeFileSync(file, JSON.stringify(notifies));

  const server = http.createServer((_req, res) => res.writeHead(404).end());
  installFrontServerOn(server, FRONT_ROUTES);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/payment/wechat/notify`;

  const session = new inspector.Session();
  if (process.env.PROFILE) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  const sender = spawn(process.execPath, ["-e", SENDER, file, url], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  sender.stdout.on("data", (c: Buffer) => (out += c.toString()));
  await new Promise((resolve) => sender.on("exit", resolve));
  if (process.env.PROFILE) fs.writeFileSync(process.env.PROFILE, JSON.stringify((await session.post("Profiler.stop")).profile));
  console.log(`verified notifies over HTTP, concurrency 32: ${out.trim()}`);
  server.close();
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
