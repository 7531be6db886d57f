// Receiving accounts through the real admin routes and the emulator: secrets encrypted at rest and
// never returned, the connection test in words, and a payment whose notify is verified with the
// stored account's own keys.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import forge from "node-forge";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ANSWERS, startHarness, waitFor, type Harness } from "./harness";
import { signInAsAdmin } from "./admin";
import { testOnPostgres } from "./databases";

let h: Harness;
let auth: Record<string, string>;
beforeAll(async () => {
  h = await startHarness();
  auth = (await signInAsAdmin(h)).headers;
});
afterAll(() => h.close());

const { ensureEmulatorCredentials, readKeyFile } = await import("@/lib/emulator/keys");
const { getDb, databaseFile } = await import("@/db/client");
const { insertForm, getFormBySlug } = await import("@/db/queries/forms");
const { getOrderByNo } = await import("@/db/queries/orders");
const { notifyJournal, receivingAccounts } = await import("@/db/schema");
const { eq } = await import("drizzle-orm");
const { emulatorWechatDemo, emulatorAlipayDemo } = await import("@/lib/accounts/emulator-demo");

const send = (method: string, url: string, body?: unknown, headers = auth) =>
  h.fetch(url, { method, headers: { ...headers, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

// The add-form values the "用模拟器的演示商户填充" button fills in, as an API body.
const emulatorWechat = () => ({ provider: "wechat", ...emulatorWechatDemo(), name: "模拟器商户" });
const emulatorAlipay = () => ({ provider: "alipay", ...emulatorAlipayDemo(), name: "模拟器支付宝" });

/** A key pair and a self-signed certificate of it: a valid merchant the platform has never heard of. */
function strangerKeyAndCert() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = "4A" + crypto.randomBytes(19).toString("hex").toUpperCase();
  cert.validity.notBefore = new Date(Date.now() - 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86400_000);
  const subject = [{ shortName: "CN", value: "stranger" }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return { privateKeyPem: privateKey, certPem: forge.pki.certificateToPem(cert) };
}

/** Base64 lines of a PEM body: what would show if the key were stored in clear. */
const bodyChunks = (pem: string) => pem.split("\n").filter((l) => l && !l.startsWith("-----")).slice(1, 6);

async function createAccount(body: unknown): Promise<{ id: number }> {
  const res = await send("POST", "/api/admin/accounts", body);
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

describe("secrets at rest", () => {
  test("neither the private key nor the APIv3 key is readable in the database file, and no API returns them", async () => {
    const input = emulatorWechat();
    const created = await createAccount(input);
    const responses = [
      JSON.stringify(created),
      await (await send("GET", "/api/admin/accounts")).text(),
      await (await send("GET", `/api/admin/accounts/${created.id}`)).text(),
    ];
    // On SQLite everything written so far (the main file and the write-ahead log); on PostgreSQL the stored rows.
    const file = databaseFile();
    const raw = testOnPostgres()
      ? JSON.stringify(await getDb().select().from(receivingAccounts))
      : Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f))).toString("latin1");
    const secrets = [input.apiV3Key, input.appSecret, ...bodyChunks(input.privateKeyPem)];
    expect(bodyChunks(input.privateKeyPem).length).toBeGreaterThan(3);
    for (const secret of secrets) {
      expect(raw.includes(secret), "secret in the database file").toBe(false);
      for (const text of responses) expect(text.includes(secret), "secret in an API answer").toBe(false);
    }
    // The non-secret settings are stored and shown.
    expect(raw).toContain(input.mchId);
    const editable = JSON.parse(responses[2]);
    expect(editable.savedSecrets).toEqual(["apiV3Key", "privateKeyPem", "appSecret"]);
    expect(editable.jsapi).toEqual({ enabled: true, note: null });
    expect(editable.values.certSerialNo).toBe(input.certSerialNo.replace(/^0+/, "").toUpperCase());
    if (!testOnPostgres()) expect(path.dirname(file)).toBe(h.dir); // the file read above is this test's own
  });

  test("an account without an AppSecret offers no 公众号支付, and the admin is told so in words", async () => {
    const { appSecret: _s, ...withoutSecret } = emulatorWechat();
    const created = (await createAccount({ ...withoutSecret, name: "无 AppSecret" })) as { id: number; jsapi?: unknown };
    expect(created.jsapi).toEqual({ enabled: false, note: expect.stringContaining("未填写公众号 AppSecret") });
    const editable = await (await send("GET", `/api/admin/accounts/${created.id}`)).json();
    expect(editable.savedSecrets).toEqual(["apiV3Key", "privateKeyPem"]);
    const bad = await send("POST", "/api/admin/accounts", { ...withoutSecret, appSecret: "not-a-secret" });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("AppSecret 应为 32 位");
  });

  test("an edit with the secret fields left empty keeps the saved secrets", async () => {
    const { id } = await createAccount({ ...emulatorWechat(), name: "改名前" });
    const { apiV3Key: _k, privateKeyPem: _p, ...withoutSecrets } = emulatorWechat();
    const res = await send("PUT", `/api/admin/accounts/${id}`, { ...withoutSecrets, name: "改名后", apiV3Key: "", privateKeyPem: "" });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).name).toBe("改名后");
    const test = await (await send("POST", `/api/admin/accounts/${id}/test`)).json();
    expect(test).toMatchObject({ ok: true, verdict: "签名与验签均正常" });
  });
});

describe("a changed APP_ENCRYPTION_KEY", () => {
  test("is reported in words; an edit must re-enter the secrets; payers see only 'unavailable'", async () => {
    const { id } = await createAccount(emulatorWechat());
    process.env.APP_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
    try {
      const report = await (await send("POST", `/api/admin/accounts/${id}/test`)).json();
      expect(report).toMatchObject({ ok: false, verdict: "已保存的密钥无法解密", hint: expect.stringMatching(/重新填写/) });
      const { apiV3Key: _k, privateKeyPem: _p, ...rest } = emulatorWechat();
      const edit = await send("PUT", `/api/admin/accounts/${id}`, rest);
      expect(edit.status).toBe(422);
      expect((await edit.json()).error.details.map((d: { field: string }) => d.field)).toEqual(["apiV3Key", "privateKeyPem"]);
      const { resolveStoredAccount } = await import("@/lib/payments/stored-accounts");
      await expect(resolveStoredAccount("wechat", String(id))).rejects.toThrow("该支付方式暂时无法使用");
      // Re-entering them under the new key repairs the account.
      expect((await send("PUT", `/api/admin/accounts/${id}`, emulatorWechat())).status).toBe(200);
      expect(await (await send("POST", `/api/admin/accounts/${id}/test`)).json()).toMatchObject({ ok: true });
    } finally {
      delete process.env.APP_ENCRYPTION_KEY;
    }
  });
});

describe("validation", () => {
  test("a bad PEM, a short APIv3 key and a certificate of another key are refused per field, in words", async () => {
    const good = emulatorWechat();
    const bad = await send("POST", "/api/admin/accounts", { ...good, privateKeyPem: "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----", apiV3Key: "short" });
    expect(bad.status).toBe(422);
    const details = (await bad.json()).error.details as { field: string; issue: string }[];
    expect(details.find((d) => d.field === "apiV3Key")?.issue).toMatch(/32 个字符/);

    const badKey = await send("POST", "/api/admin/accounts", { ...good, privateKeyPem: "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----" });
    expect((await badKey.json()).error.details).toEqual([{ field: "privateKeyPem", issue: expect.stringMatching(/不是有效的私钥/) }]);

    const mismatched = await send("POST", "/api/admin/accounts", { ...good, certPem: strangerKeyAndCert().certPem, certSerialNo: "" });
    expect((await mismatched.json()).error.details[0]).toEqual({ field: "certPem", issue: expect.stringMatching(/不是一对/) });

    const plainHttp = await send("POST", "/api/admin/accounts", { ...good, apiBaseUrl: "http://pay.example.com" });
    expect((await plainHttp.json()).error.details[0]).toEqual({ field: "apiBaseUrl", issue: expect.stringMatching(/https/) });

    const alipayAppKey = await send("POST", "/api/admin/accounts", {
      ...emulatorAlipay(),
      alipayPublicKeyPem: readKeyFile(ensureEmulatorCredentials().alipay.appPublicKeyPath),
    });
    expect((await alipayAppKey.json()).error.details[0]).toEqual({ field: "alipayPublicKeyPem", issue: expect.stringMatching(/应用公钥/) });
  });
});

describe("test connection", () => {
  test("an emulator-backed WeChat Pay account: signing and verification both work", async () => {
    const { id } = await createAccount(emulatorWechat());
    const report = await (await send("POST", `/api/admin/accounts/${id}/test`)).json();
    expect(report).toMatchObject({ ok: true, verdict: "签名与验签均正常", hint: null });
  });

  test("an emulator-backed Alipay account passes too", async () => {
    const { id } = await createAccount(emulatorAlipay());
    const report = await (await send("POST", `/api/admin/accounts/${id}/test`)).json();
    expect(report).toMatchObject({ ok: true, verdict: "签名与验签均正常" });
  });

  test("a private key the platform does not know: the platform refused our signature, check the key and serial", async () => {
    const stranger = strangerKeyAndCert();
    const { id } = await createAccount({ ...emulatorWechat(), ...stranger, certSerialNo: "" });
    const report = await (await send("POST", `/api/admin/accounts/${id}/test`)).json();
    expect(report.ok).toBe(false);
    expect(report.verdict).toBe("平台拒绝了本方签名");
    expect(report.hint).toMatch(/商户私钥与证书序列号/);
  });

  test("a wrong Alipay public key: our signature was accepted but the answer did not verify", async () => {
    const { id } = await createAccount({ ...emulatorAlipay(), alipayPublicKeyPem: crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }) });
    const report = await (await send("POST", `/api/admin/accounts/${id}/test`)).json();
    expect(report).toMatchObject({ ok: false, verdict: expect.stringMatching(/应答验签失败/), hint: expect.stringMatching(/支付宝公钥/) });
  });

  test("no answer: reported as a network problem", async () => {
    const { id } = await createAccount({ ...emulatorWechat(), apiBaseUrl: "http://127.0.0.1:9/sandbox/wechat" });
    const report = await (await send("POST", `/api/admin/accounts/${id}/test`)).json();
    expect(report).toMatchObject({ ok: false, verdict: expect.stringMatching(/网络/) });
  });

  test("the accounts from the environment are listed read-only and can be tested", async () => {
    const list = await (await send("GET", "/api/admin/accounts")).json();
    expect(list.env.map((e: { id: string }) => e.id)).toEqual(["env-wechat", "env-alipay"]);
    expect(list.env[0]).toMatchObject({ configured: true, usesEmulator: true });
    for (const id of ["env-wechat", "env-alipay"]) {
      expect(await (await send("POST", `/api/admin/accounts/${id}/test`)).json()).toMatchObject({ ok: true });
    }
    expect((await send("PUT", "/api/admin/accounts/env-wechat", emulatorWechat())).status).toBe(404);
  });

  test("the emulator's demo merchant fills the add form, and what it fills saves and passes", async () => {
    const demo = await (await send("GET", "/api/admin/accounts/emulator-demo?provider=wechat")).json();
    expect(demo).toMatchObject({ mchId: "1900000109", apiBaseUrl: `${h.baseUrl}/sandbox/wechat` });
    const { id } = await createAccount({ ...demo, provider: "wechat" });
    expect(await (await send("POST", `/api/admin/accounts/${id}/test`)).json()).toMatchObject({ ok: true });
  });
});

describe("paying through a stored account", () => {
  async function formWith(column: "wechatAccountId" | "alipayAccountId", accountId: number, slug: string) {
    const demo = (await getFormBySlug(getDb(), "demo"))!;
    const now = Date.now();
    await insertForm(getDb(), { ...demo, id: undefined, slug, [column]: accountId, createdAt: now, updatedAt: now });
  }

  // Both platforms refuse (WeChat) or cut off (Alipay) a query on notify_url.
  test("the notify URL carries the account in its path", async () => {
    const { id } = await createAccount(emulatorWechat());
    const { resolveStoredAccount } = await import("@/lib/payments/stored-accounts");
    expect((await resolveStoredAccount("wechat", String(id)))!.notifyUrl).toBe(`${h.baseUrl}/api/payment/wechat/notify/${id}`);
  });

  test("WeChat Pay: the form's account creates the order, and the notify is verified with that account's keys", async () => {
    const { id } = await createAccount(emulatorWechat());
    await formWith("wechatAccountId", id, "stored-wechat");
    const created = await h.postJson("/api/payment/orders", { formSlug: "stored-wechat", answers: DEMO_ANSWERS, provider: "wechat" });
    expect(created.status, await created.clone().text()).toBe(201);
    const { orderNo, codeUrl } = await created.json();
    expect(codeUrl).toMatch(/^weixin:\/\//);
    expect((await getOrderByNo(getDb(), orderNo))!.accountRef).toBe(String(id));

    const paid = await h.postJson("/sandbox/wechat/control", { action: "pay", outTradeNo: orderNo });
    expect(paid.status, await paid.clone().text()).toBe(200);
    await waitFor("the notify to be applied", async () => (await getOrderByNo(getDb(), orderNo))!.status === "paid");
    // handleNotify refuses a notify whose account is not the order's, so "applied" means it came to ours.
    const journal = await getDb().select().from(notifyJournal).where(eq(notifyJournal.orderNo, orderNo));
    expect(journal).toEqual([expect.objectContaining({ verified: true, outcome: "applied" })]);
  });

  test("Alipay: the same, through the cashier", async () => {
    const { id } = await createAccount(emulatorAlipay());
    await formWith("alipayAccountId", id, "stored-alipay");
    const created = await h.postJson("/api/payment/orders", { formSlug: "stored-alipay", answers: DEMO_ANSWERS, provider: "alipay" });
    expect(created.status, await created.clone().text()).toBe(201);
    const { orderNo, payUrl } = await created.json();
    const cashier = await fetch(payUrl, { redirect: "manual" });
    const token = cashier.headers.get("location")!.split("/").pop()!;
    const paid = await h.fetch(`/sandbox/alipay/cashier/${token}/pay`, { method: "POST" });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toContain(`/api/payment/alipay/return?account=${id}`);
    await waitFor("the notify to be applied", async () => (await getOrderByNo(getDb(), orderNo))!.status === "paid");
    const journal = await getDb().select().from(notifyJournal).where(eq(notifyJournal.orderNo, orderNo));
    expect(journal).toEqual([expect.objectContaining({ verified: true, outcome: "applied" })]);
  });

  test("disabling an account stops new payments but its pending order is still confirmed", async () => {
    const { id } = await createAccount(emulatorWechat());
    await formWith("wechatAccountId", id, "stored-then-disabled");
    const created = await h.postJson("/api/payment/orders", { formSlug: "stored-then-disabled", answers: DEMO_ANSWERS, provider: "wechat" });
    const { orderNo } = await created.json();
    expect((await send("PATCH", `/api/admin/accounts/${id}`, { enabled: false })).status).toBe(200);

    const refused = await h.postJson("/api/payment/orders", { formSlug: "stored-then-disabled", answers: DEMO_ANSWERS, provider: "wechat" });
    expect(refused.status).toBe(503);
    expect((await refused.json()).error.message).toContain("暂未开通");

    // The payer had already scanned: the money arrives and the notify is verified and applied.
    expect((await h.postJson("/sandbox/wechat/control", { action: "pay", outTradeNo: orderNo })).status).toBe(200);
    await waitFor("the notify to be applied", async () => (await getOrderByNo(getDb(), orderNo))!.status === "paid");
  });

  test("a disabled account takes no new payments", async () => {
    const { id } = await createAccount(emulatorWechat());
    const off = await send("PATCH", `/api/admin/accounts/${id}`, { enabled: false });
    expect((await off.json()).enabled).toBe(false);
    const { resolveStoredAccount } = await import("@/lib/payments/stored-accounts");
    expect(await resolveStoredAccount("wechat", String(id))).toBeNull();
    expect(await resolveStoredAccount("wechat", String(id), { includeDisabled: true })).toMatchObject({ mchId: "1900000109" });
    expect(await resolveStoredAccount("alipay", String(id), { includeDisabled: true })).toBeNull();
    expect((await send("PATCH", `/api/admin/accounts/${id}`, { enabled: "no" })).status).toBe(422);
  });
});

describe("without a session", () => {
  test.each([
    ["GET", "/api/admin/accounts"],
    ["POST", "/api/admin/accounts"],
    ["GET", "/api/admin/accounts/1"],
    ["PUT", "/api/admin/accounts/1"],
    ["PATCH", "/api/admin/accounts/1"],
    ["POST", "/api/admin/accounts/1/test"],
    ["POST", "/api/admin/accounts/env-wechat/test"],
    ["GET", "/api/admin/accounts/emulator-demo?provider=wechat"],
  ])("%s %s → 401", async (method, url) => {
    const res = await send(method, url, method === "GET" ? undefined : {}, {});
    expect(res.status).toBe(401);
  });

  test("a state change without the CSRF header → 403", async () => {
    const res = await send("POST", "/api/admin/accounts", emulatorWechat(), { cookie: auth.cookie });
    expect(res.status).toBe(403);
  });
});
