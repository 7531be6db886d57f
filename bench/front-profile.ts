// Where a payer path's time goes over HTTP, through the front server (as in production): this
// process serves, a child process sends verified WeChat notifies at concurrency 32 (MODE=notify,
// the default) or status reads of pending orders at 200 connections (MODE=status), and with
// PROFILE=<file> this process is CPU-profiled (open in Chrome's DevTools) while they arrive. Run:
// PROFILE=/tmp/n.cpuprofile npx tsx --conditions=react-server bench/front-profile.ts [requests]
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import inspector from "node:inspector/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

const COUNT = Number(process.argv[2] ?? 4000);
const MODE = process.env.MODE === "status" ? "status" : "notify";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "payforms-notify-http-"));
Object.assign(process.env, {
  DATABASE_URL: path.join(dir, "app.db"),
  EMULATOR_DATABASE_URL: path.join(dir, "emulator.db"),
  EMULATOR_CERTS_DIR: path.join(dir, "certs"),
  PAYMENT_EMULATOR: "on",
  SERVER_BASE_URL: "http://127.0.0.1:3999",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
});

// Each request: [path, method, headers, body]; argv: the requests file, the base URL, connections.
const SENDER = `
const http = require("node:http");
const requests = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
const connections = Number(process.argv[3]);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
let next = 0;
const started = performance.now();
const one = () => new Promise((resolve) => {
  const [path, method, headers, body] = requests[next++];
  const req = http.request(process.argv[2] + path, { method, agent, headers }, (res) => { res.resume(); res.on("end", resolve); });
  req.on("error", resolve);
  req.end(body);
});
Promise.all(Array.from({ length: connections }, async () => { while (next < requests.length) await one(); })).then(() => {
  console.log((requests.length / ((performance.now() - started) / 1000)).toFixed(0) + "/s");
  process.exit(0);
});`;

async function main(): Promise<void> {
  const { assembleApp } = await import("../lib/startup");
  await assembleApp();
  const { installFrontServerOn } = await import("../lib/http/front-server");
  const { FRONT_ROUTES } = await import("../lib/payments/front-routes");
  const { makePendingOrder } = await import("../test/fixtures");
  const { buildWechatTestNotify } = await import("../lib/emulator/wechat");
  const requests: [string, string, Record<string, string>, string | null][] = [];
  const orders: string[] = [];
  for (let i = 0; i < (MODE === "notify" ? COUNT : 500); i++) orders.push((await makePendingOrder({ expiresAt: Date.now() + 3_600_000 })).orderNo);
  for (let i = 0; i < COUNT; i++) {
    if (MODE === "status") {
      requests.push([`/api/payment/orders/${orders[i % orders.length]}`, "GET", {}, null]);
    } else {
      const notify = buildWechatTestNotify({ outTradeNo: orders[i], totalFen: 5000, mode: "public_key" });
      requests.push(["/api/payment/wechat/notify", "POST", notify.headers, notify.body]);
    }
  }
  const file = path.join(dir, "requests.json");
  fs.writeFileSync(file, JSON.stringify(requests));

  const server = http.createServer((_req, res) => res.writeHead(404).end());
  installFrontServerOn(server, FRONT_ROUTES);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const session = new inspector.Session();
  if (process.env.PROFILE) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  const sender = spawn(process.execPath, ["-e", SENDER, file, base, MODE === "status" ? "200" : "32"], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  sender.stdout.on("data", (c: Buffer) => (out += c.toString()));
  await new Promise((resolve) => sender.on("exit", resolve));
  if (process.env.PROFILE) fs.writeFileSync(process.env.PROFILE, JSON.stringify((await session.post("Profiler.stop")).profile));
  console.log(MODE === "status" ? `status reads, 200 connections: ${out.trim()}` : `verified notifies, concurrency 32: ${out.trim()}`);
  server.close();
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
