// The raw baselines of bench/payer.ts: plain node:http servers doing the same work as the app's
// payer paths and nothing else, in their own process. Status: the same SQLite row as JSON.
// Notify: verify the WeChat signature, decrypt the resource (AES-256-GCM), one conditional UPDATE.
// Prints "raw <port>" once listening. Usage: tsx bench/raw-servers.ts <sqlite file>
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import BetterSqlite3 from "better-sqlite3";
import { ensureEmulatorCredentials } from "../lib/emulator/keys";

const db = new BetterSqlite3(process.argv[2]);
db.pragma("journal_mode = WAL");
db.pragma("busy_timeout = 5000");
const status = db.prepare("SELECT order_no, status, provider, amount_fen, paid_at, expires_at FROM payment_orders WHERE order_no = ?");
const markPaid = db.prepare("UPDATE payment_orders SET status = 'paid', paid_at = ?, updated_at = ? WHERE order_no = ? AND status = 'pending'");
const wechat = ensureEmulatorCredentials().wechat;
const platformKey = crypto.createPublicKey(fs.readFileSync(wechat.publicKeyPath, "utf8"));

const server = http.createServer((req, res) => {
  const url = req.url ?? "/";
  if (req.method === "GET" && url.startsWith("/status/")) {
    const row = status.get(url.slice("/status/".length)) as Record<string, unknown> | undefined;
    res.writeHead(row ? 200 : 404, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(row ?? {}));
    return;
  }
  if (req.method === "POST" && url === "/notify") {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const h = req.headers;
      const message = Buffer.concat([Buffer.from(`${h["wechatpay-timestamp"]}\n${h["wechatpay-nonce"]}\n`), body, Buffer.from("\n")]);
      if (!crypto.verify("RSA-SHA256", message, platformKey, Buffer.from(String(h["wechatpay-signature"]), "base64"))) {
        res.writeHead(401).end();
        return;
      }
      const { resource } = JSON.parse(body.toString("utf8")) as { resource: { ciphertext: string; nonce: string; associated_data: string } };
      const data = Buffer.from(resource.ciphertext, "base64");
      const decipher = crypto.createDecipheriv("aes-256-gcm", Buffer.from(wechat.apiV3Key, "utf8"), Buffer.from(resource.nonce, "utf8"));
      decipher.setAuthTag(data.subarray(data.length - 16));
      decipher.setAAD(Buffer.from(resource.associated_data ?? "", "utf8"));
      const plain = JSON.parse(Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8")) as { out_trade_no: string };
      markPaid.run(Date.now(), Date.now(), plain.out_trade_no);
      res.writeHead(204).end();
    });
    return;
  }
  res.writeHead(404).end();
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`raw ${(server.address() as AddressInfo).port}\n`));
