import { describe, expect, test } from "vitest";
import { ACCOUNT_FORMATS, notPemProblem } from "./field-formats";

describe("notPemProblem", () => {
  test("'not a pem' and short text are flagged; PEM blocks and a key tool's one-line Base64 are not", () => {
    expect(notPemProblem("not a pem")).toMatch(/不像 PEM/);
    expect(notPemProblem("abc123")).toMatch(/不像 PEM/);
    expect(notPemProblem("")).toBeNull();
    expect(notPemProblem("-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----")).toBeNull();
    expect(notPemProblem(`MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC${"A".repeat(40)}==`)).toBeNull();
  });
});

describe("ACCOUNT_FORMATS", () => {
  test("the ids' shapes", () => {
    expect(ACCOUNT_FORMATS.wechatAppId.pattern.test("wxd678efh567hg6787")).toBe(true);
    expect(ACCOUNT_FORMATS.wechatAppId.pattern.test("wx123")).toBe(false);
    expect(ACCOUNT_FORMATS.mchId.pattern.test("1900000109")).toBe(true);
    expect(ACCOUNT_FORMATS.alipayAppId.pattern.test("2021000000000001")).toBe(true);
    expect(ACCOUNT_FORMATS.sellerId.pattern.test("2088000000000001")).toBe(true);
    expect(ACCOUNT_FORMATS.sellerId.pattern.test("1088000000000001")).toBe(false);
  });
});
