import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import { TEST_API_V3_KEY } from "./__fixtures__/keys";
import { DecryptError, decryptResource } from "./decrypt";

// Fixed vectors, produced once with node:crypto (key = TEST_API_V3_KEY).
const PAID_PLAINTEXT =
  '{"mchid":"1900000109","appid":"wxd678efh567hg6787","out_trade_no":"20261122152935123456789","transaction_id":"4200000000202611220000000001","trade_type":"NATIVE","trade_state":"SUCCESS","trade_state_desc":"支付成功","bank_type":"OTHERS","attach":"","success_time":"2026-11-22T15:29:35+08:00","payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},"amount":{"total":1230,"payer_total":1230,"currency":"CNY","payer_currency":"CNY"}}';
const PAID_VECTOR = {
  nonce: "pJzPEVj3TKtN",
  associated_data: "transaction",
  ciphertext:
    "zGTQ1Es6D4c0NHdTyO1M+HqDm3vHxMjOowFJ6knV5HagMo586mMW/6THAjyCw6hewqKgLZS0Pdg7d9XKToUIo8H1kKxg8bRCWHD0B6sdUVXwyVQHSMJSJ+wD+timxrt6/Bj/ezqRBAhzvQWPkbHGwOwbWj9xqAY7AdirMrcnnqBg7SkVq1rQZBohIbCP6eB6q3Dy7BtdcyqjcA6rtP9xdXN10Q+aVyxQ0SU5LI89RGbk8zuX10IGrBoWbUzQhfzWf89N623jBbUQqrOv+vOoRqkHLajIdrS6ZxN6P480gre9+1aMAvIX++rycAbsAZNtVS+78xuslXBeqF1UjMU/ETQ4yqvn7i32SkKztC2RpHW/hV9P5n6Cs+kNybILE8Nyg1nLHNL2Xlmt9mq873TZjXb1evPunt5hrV2ntOxqw7rHEYwkwAs/YgdW0xYv6EOzryDnrk7Tpe1kr51MrFwCEJM2a9iKdhBsSJHFoqyyBBRg0Ca80SoS7ZuE5ViT7fZGcr5DV1OOrVOjq/MZ75FKSy5Ts7bVO0Wv/gha5wISol1WfFZtk9BubeoITg935PYK9z/FMjDXQuNbRVt61g==",
};
const EMPTY_AAD_VECTOR = { nonce: "0123456789ab", associated_data: "", ciphertext: "+OVUq+OZoXaDR0qn6vuhFvvYIH+svDXlFrUjPrHhv+K+1Q==" };

function flipByte(base64: string, index: number): string {
  const bytes = Buffer.from(base64, "base64");
  bytes[index < 0 ? bytes.length + index : index] ^= 0x01;
  return bytes.toString("base64");
}

describe("decryptResource", () => {
  test("decrypts the fixed vector", () => {
    expect(decryptResource(PAID_VECTOR, TEST_API_V3_KEY)).toBe(PAID_PLAINTEXT);
  });

  test("accepts an empty associated_data (documented as possibly empty), and a missing one", () => {
    expect(decryptResource(EMPTY_AAD_VECTOR, TEST_API_V3_KEY)).toBe('{"hello":"世界"}');
    const { associated_data: _omitted, ...withoutAad } = EMPTY_AAD_VECTOR;
    expect(decryptResource(withoutAad, TEST_API_V3_KEY)).toBe('{"hello":"世界"}');
  });

  test.each([
    ["a flipped ciphertext byte", { ...PAID_VECTOR, ciphertext: flipByte(PAID_VECTOR.ciphertext, 10) }, TEST_API_V3_KEY],
    ["a flipped tag byte", { ...PAID_VECTOR, ciphertext: flipByte(PAID_VECTOR.ciphertext, -1) }, TEST_API_V3_KEY],
    ["a wrong AAD", { ...PAID_VECTOR, associated_data: "certificate" }, TEST_API_V3_KEY],
    ["an empty AAD where one was used", { ...PAID_VECTOR, associated_data: "" }, TEST_API_V3_KEY],
    ["a wrong nonce", { ...PAID_VECTOR, nonce: "pJzPEVj3TKtM" }, TEST_API_V3_KEY],
    ["a wrong key", PAID_VECTOR, "WrongOnlyApiV3Key0123456789abcde"],
    ["a truncated ciphertext (tag only)", { ...PAID_VECTOR, ciphertext: Buffer.alloc(16).toString("base64") }, TEST_API_V3_KEY],
    ["a key that is not 32 bytes", PAID_VECTOR, "short"],
  ])("rejects %s", (_label, resource, key) => {
    expect(() => decryptResource(resource, key)).toThrow(DecryptError);
  });

  test("the SDK's decipher_gcm would have accepted the same tampering (why we do not use it)", async () => {
    const { default: Pay } = await import("wechatpay-node-v3");
    const tampered = flipByte(PAID_VECTOR.ciphertext, -1);
    const decoded = Pay.prototype.decipher_gcm.call({}, tampered, "transaction", PAID_VECTOR.nonce, TEST_API_V3_KEY);
    expect(decoded).toMatchObject({ trade_state: "SUCCESS" });
    expect(() => decryptResource({ ...PAID_VECTOR, ciphertext: tampered }, TEST_API_V3_KEY)).toThrow(DecryptError);
  });

  test("round-trips what the platform encrypts with a fresh nonce", () => {
    const nonce = crypto.randomBytes(6).toString("hex");
    const cipher = crypto.createCipheriv("aes-256-gcm", Buffer.from(TEST_API_V3_KEY), Buffer.from(nonce));
    cipher.setAAD(Buffer.from("transaction"));
    const ciphertext = Buffer.concat([cipher.update("{}"), cipher.final(), cipher.getAuthTag()]).toString("base64");
    expect(decryptResource({ ciphertext, nonce, associated_data: "transaction" }, TEST_API_V3_KEY)).toBe("{}");
  });
});
