// Receiving accounts as a new admin meets them: a private key that is not a PEM is flagged on
// save (add and edit), and certificate expiry reads as a date (2031-12-02), not OpenSSL's text.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startHarness, type Harness } from "./harness";
import { signInAsAdmin } from "./admin";

let h: Harness;
let auth: Record<string, string>;
beforeAll(async () => {
  h = await startHarness();
  auth = (await signInAsAdmin(h)).headers;
});
afterAll(() => h.close());

const send = (method: string, url: string, body?: unknown) =>
  h.fetch(url, { method, headers: { ...auth, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

test("'not a pem' as the private key is refused with a Chinese message on the field, on add and on edit", async () => {
  const { emulatorWechatDemo, emulatorAlipayDemo } = await import("@/lib/accounts/emulator-demo");
  for (const [provider, demo, field] of [["wechat", emulatorWechatDemo(), "privateKeyPem"], ["alipay", emulatorAlipayDemo(), "privateKeyPem"]] as const) {
    const res = await send("POST", "/api/admin/accounts", { provider, ...demo, name: "坏私钥", [field]: "not a pem" });
    expect(res.status, provider).toBe(422);
    const { error } = (await res.json()) as { error: { details: Array<{ field: string; issue: string }> } };
    const detail = error.details.find((d) => d.field === field);
    expect(detail?.issue, provider).toMatch(/私钥/);
    expect(detail?.issue).toMatch(/[\u4e00-\u9fff]/);

    const good = await send("POST", "/api/admin/accounts", { provider, ...demo, name: "好账户" });
    expect(good.status).toBe(201);
    const { id } = (await good.json()) as { id: number };
    const edit = await send("PUT", `/api/admin/accounts/${id}`, { ...demo, name: "好账户", [field]: "not a pem" });
    expect(edit.status, `${provider} edit`).toBe(422);
  }
});

test("certificate expiry is a plain date", async () => {
  const { items } = (await (await send("GET", "/api/admin/accounts")).json()) as { items: Array<{ provider: string; certValidTo: string | null }> };
  const wechat = items.find((a) => a.provider === "wechat")!;
  expect(wechat.certValidTo).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});
