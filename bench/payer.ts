// The payer paths under load (issue 9), each figure beside a raw node:http baseline doing the same
// work, measured in the same run (bench/raw-servers.ts): the status read at 200 connections,
// verified WeChat notifies at concurrency 32, notify → the payer's event (SSE), many payers
// waiting at once while notifies arrive at 200/s, and the server's memory over three identical
// rounds. Needs a production build (`npm run build`). Run with `npm run bench:payer [payers]`.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { openSse } from "../test/sse-client";

const ROOT = path.resolve(__dirname, "..");
const WAITING_PAYERS = Number(process.argv[2] ?? 10_000);
const STATUS_SECONDS = 5;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "payforms-bench-"));
Object.assign(process.env, {
  DATABASE_URL: path.join(dir, "app.db"),
  EMULATOR_DATABASE_URL: path.join(dir, "emulator.db"),
  EMULATOR_CERTS_DIR: path.join(dir, "certs"),
  PAYMENT_EMULATOR: "on",
  PAYMENT_EMULATOR_ALLOW_IN_PRODUCTION: "true",
  ORDER_RATE_LIMIT_PER_IP: "1000000",
  ORDER_RATE_LIMIT_PER_PAYER: "1000000",
});

const children: ChildProcess[] = [];
process.on("exit", () => children.forEach((c) => c.kill()));

function startProcess(command: string, args: string[], ready: RegExp, env: Record<string, string> = {}): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    children.push(child);
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (!match) return;
      child.stdout!.off("data", onData).resume(); // read no more than the ready line
      resolve({ child, match });
    };
    child.stdout!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${command} exited (${code}): ${out.slice(-500)}`)));
  });
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/** Closed-loop load: `connections` keep-alive clients asking as fast as answered, for seconds. */
async function load(connections: number, seconds: number, request: (agent: http.Agent, i: number) => Promise<number>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const status = await request(agent, n++);
        if (status >= 400) errors++;
        latencies.push(performance.now() - started);
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p99: percentile(latencies, 0.99), errors };
}

function send(agent: http.Agent, url: string, method = "GET", body?: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(url, { method, agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve(599));
    req.end(body);
  });
}

async function main(): Promise<void> {
  const port = 3300 + Math.floor(Math.random() * 500);
  const app = `http://127.0.0.1:${port}`;
  console.log(`[bench] starting next start on ${app} (data in ${dir})`);
  // Its log (a JSON line per request) goes to a file, as in production: a pipe read by this
  // process would spend the load generator's CPU on it.
  const logFile = fs.openSync(path.join(dir, "server.log"), "a");
  const server = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    // The heap setting npm start gives the server (package.json).
    env: { ...process.env, SERVER_BASE_URL: app, NODE_ENV: "production", NODE_OPTIONS: `--max-old-space-size=1024 ${process.env.NODE_OPTIONS ?? ""}` },
    stdio: ["ignore", logFile, "inherit"],
  });
  children.push(server);
  for (;;) {
    if ((await send(new http.Agent(), `${app}/api/forms/demo`).catch(() => 0)) === 200) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const { match } = await startProcess(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "bench", "raw-servers.ts"), process.env.DATABASE_URL!], /raw (\d+)/);
  const raw = `http://127.0.0.1:${match[1]}`;

  // Orders straight into the app's database (as many as the runs need), notifies from the emulator's keys.
  const { makePendingOrder } = await import("../test/fixtures");
  const { buildWechatTestNotify } = await import("../lib/emulator/wechat");
  const makeOrders = async (count: number) => {
    const made: string[] = [];
    for (let i = 0; i < count; i++) made.push((await makePendingOrder({ expiresAt: Date.now() + 3_600_000 })).orderNo);
    return made;
  };
  const notifyOf = (orderNo: string) => buildWechatTestNotify({ outTradeNo: orderNo, totalFen: 5000, mode: "public_key" });
  const rows: [string, string, string, string][] = [];
  const ratio = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;

  // 1. Status GET, pending orders, 200 connections; three rounds for memory.
  const statusOrders = await makeOrders(500);
  const statusRound = (base: string, prefix: string) =>
    load(200, STATUS_SECONDS, (agent, i) => send(agent, `${base}${prefix}${statusOrders[i % statusOrders.length]}`));
  const rss: number[] = [];
  let appStatus = { perSecond: 0, p99: 0, errors: 0 };
  for (let round = 0; round < 3; round++) {
    appStatus = await statusRound(app, "/api/payment/orders/");
    rss.push(rssMb(server.pid!));
  }
  const rawStatus = await statusRound(raw, "/status/");
  rows.push(["status GET, 200 conns", `${appStatus.perSecond.toFixed(0)}/s p99 ${appStatus.p99.toFixed(1)} ms (${appStatus.errors} errors)`, `${rawStatus.perSecond.toFixed(0)}/s p99 ${rawStatus.p99.toFixed(1)} ms`, ratio(appStatus.perSecond, rawStatus.perSecond)]);

  // 2. Verified notifies, concurrency 32, each for its own pending order (first applications).
  const notifyRun = async (base: string, pathName: string) => {
    const orders = await makeOrders(3000);
    const built = orders.map(notifyOf);
    let next = 0;
    const result = await load(32, 3, (agent) => {
      const n = built[next++ % built.length];
      return send(agent, `${base}${pathName}`, "POST", n.body, n.headers);
    });
    return result;
  };
  const appNotify = await notifyRun(app, "/api/payment/wechat/notify");
  const rawNotify = await notifyRun(raw, "/notify");
  rows.push(["WeChat notifies, conc. 32", `${appNotify.perSecond.toFixed(0)}/s p99 ${appNotify.p99.toFixed(1)} ms (${appNotify.errors} errors)`, `${rawNotify.perSecond.toFixed(0)}/s p99 ${rawNotify.p99.toFixed(1)} ms`, ratio(appNotify.perSecond, rawNotify.perSecond)]);

  // 3. Notify → the payer's event, one at a time (the notify's own answer is the raw baseline).
  const latencyOrders = await makeOrders(200);
  const toEvent: number[] = [];
  const notifyAnswer: number[] = [];
  const agent = new http.Agent({ keepAlive: true });
  for (const orderNo of latencyOrders) {
    let sawPaid!: () => void;
    const paid = new Promise<void>((r) => (sawPaid = r));
    const stream = await openSse(`${app}/api/payment/orders/${orderNo}/events`, { onEvent: (e) => (e as { status: string }).status === "paid" && sawPaid() });
    await new Promise((r) => setTimeout(r, 2));
    const n = notifyOf(orderNo);
    const started = performance.now();
    const answered = send(agent, `${app}/api/payment/wechat/notify`, "POST", n.body, n.headers).then(() => notifyAnswer.push(performance.now() - started));
    await paid;
    toEvent.push(performance.now() - started);
    await answered;
    stream.close();
  }
  toEvent.sort((a, b) => a - b);
  notifyAnswer.sort((a, b) => a - b);
  rows.push(["notify → payer's event", `p50 ${percentile(toEvent, 0.5).toFixed(1)} ms p99 ${percentile(toEvent, 0.99).toFixed(1)} ms`, `notify answered: p50 ${percentile(notifyAnswer, 0.5).toFixed(1)} ms`, `${(percentile(toEvent, 0.5) / percentile(notifyAnswer, 0.5)).toFixed(1)}×`]);

  // 4. Many payers waiting at once; notifies for them at 200/s; each must see paid within 1 s.
  const waitingOrders = await makeOrders(WAITING_PAYERS);
  const before = rssMb(server.pid!);
  const sentAt = new Map<string, number>();
  const seen: number[] = [];
  const streams = [];
  for (let i = 0; i < waitingOrders.length; i += 200) {
    streams.push(
      ...(await Promise.all(
        waitingOrders.slice(i, i + 200).map((orderNo) =>
          openSse(`${app}/api/payment/orders/${orderNo}/events`, {
            onEvent: (e) => {
              if ((e as { status: string }).status === "paid") seen.push(performance.now() - sentAt.get(orderNo)!);
            },
          }),
        ),
      )),
    );
  }
  const held = rssMb(server.pid!);
  const perPayerKb = ((held - before) * 1024) / WAITING_PAYERS;
  const paying = waitingOrders.slice(0, Math.min(2000, WAITING_PAYERS));
  const built = paying.map(notifyOf);
  const notifyAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const started = performance.now();
  await Promise.all(
    built.map(async (n, i) => {
      const due = started + (i * 1000) / 200;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      sentAt.set(paying[i], performance.now());
      await send(notifyAgent, `${app}/api/payment/wechat/notify`, "POST", n.body, n.headers);
    }),
  );
  const deadline = performance.now() + 5000;
  while (seen.length < paying.length && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  seen.sort((a, b) => a - b);
  const late = seen.filter((ms) => ms > 1000).length + (paying.length - seen.length);
  rows.push([
    `${WAITING_PAYERS} payers waiting, 200 notifies/s`,
    `${seen.length}/${paying.length} saw paid, p99 ${percentile(seen, 0.99)?.toFixed(1)} ms, ${late} over 1 s; ${perPayerKb.toFixed(1)} kB per waiting payer`,
    "—",
    "—",
  ]);
  for (const s of streams) s.close();

  rows.push(["server RSS after rounds 1 / 2 / 3", rss.map((mb) => `${mb.toFixed(0)} MB`).join(" / "), "—", `round 3 is ${ratio(rss[2], rss[0])} of round 1`]);

  console.log("\n| path | app | raw baseline | ratio |\n|---|---|---|---|");
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
