// The bill download route is thin: it serves the emulator's short-lived links, and only while the
// Alipay emulator is enabled.
import { afterEach, expect, test } from "vitest";
import { setUpTemporaryEmulator } from "@/lib/emulator/alipay/test-support";

setUpTemporaryEmulator();
const download = await import("./downloadBillFile.resource/route");

afterEach(() => {
  process.env.PAYMENT_EMULATOR = "on";
});

test("an unknown token is a 404 with a Chinese message", async () => {
  const response = await download.GET(new Request(`http://x/sandbox/alipay/downloadBillFile.resource?token=${"a".repeat(48)}`));
  expect(response.status).toBe(404);
  expect(await response.text()).toContain("账单下载链接无效或已过期");
});

test("404 when the Alipay emulator is off", async () => {
  process.env.PAYMENT_EMULATOR = "off";
  const response = await download.GET(new Request("http://x/sandbox/alipay/downloadBillFile.resource?token=x"));
  expect(response.status).toBe(404);
  expect(await response.text()).toBe("Not Found");
});
