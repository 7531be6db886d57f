import { describe, expect, test } from "vitest";
import { fenToYuan, formatFen, yuanToFen } from "../money";
import { signContent } from "./sign";
import { beijingTime, parseBeijingTime } from "./time";
import { setUpTemporaryEmulator, verifyNotifyParams, verifyWithAlipayKey } from "./test-support";

setUpTemporaryEmulator();
const { signedBody } = await import("./response");
const { buildAlipayTestNotify } = await import("./test-notify");

describe("money on the wire", () => {
  test.each([
    ["0.01", 1],
    ["0.1", 10],
    ["1.10", 110],
    ["19.99", 1999],
    ["100000000.00", 10_000_000_000],
  ])("%s yuan ↔ %i fen", (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
    expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });
  test.each(["", "1.", ".5", "1.234", "+1", "1,00", "NaN", "１.00"])("%j is not an amount", (text) => {
    expect(yuanToFen(text)).toBeNull();
  });
  test("formatting", () => {
    expect(formatFen(1230)).toBe("¥12.30");
    expect(fenToYuan(5)).toBe("0.05");
  });
});

describe("Beijing time", () => {
  test("formats and parses in UTC+8 whatever the local zone", () => {
    expect(beijingTime(Date.UTC(2026, 10, 21, 16, 30, 0))).toBe("2026-11-22 00:30:00");
    expect(parseBeijingTime("2026-11-22 00:30:00")).toBe(Date.UTC(2026, 10, 21, 16, 30, 0));
  });
  test.each(["2026-02-30 10:00:00", "2026-1-01 10:00:00", "2026-01-01T10:00:00", "2026-01-01 24:00:00"])("%j is refused", (text) => {
    expect(parseBeijingTime(text)).toBeNull();
  });
});

describe("signing", () => {
  test("sign string: empties dropped, ASCII order, raw values, exclusions", () => {
    const params = { b: "2", a: "x y&z", sign: "S", sign_type: "RSA2", empty: "", A: "upper" };
    expect(signContent(params, ["sign"])).toBe("A=upper&a=x y&z&b=2&sign_type=RSA2");
    expect(signContent(params, ["sign", "sign_type"])).toBe("A=upper&a=x y&z&b=2");
  });

  test("response JSON escapes / inside the node and the sign covers that exact text", () => {
    const body = signedBody("alipay_demo_response", { code: "10000", msg: "Success", url: "https://a.test/b", note: "中文" });
    expect(body).toContain('"url":"https:\\/\\/a.test\\/b"');
    expect(body).toContain('"note":"中文"');
    const m = /^\{"alipay_demo_response":(\{.*\}),"sign":"([^"]+)"\}$/.exec(body)!;
    expect(m[2]).toHaveLength(344);
    expect(verifyWithAlipayKey(m[1], m[2])).toBe(true);
    expect(verifyWithAlipayKey(JSON.stringify(JSON.parse(m[1])), m[2])).toBe(false);
  });

  test("cert mode puts alipay_cert_sn between the node and the sign", () => {
    const body = signedBody("alipay_demo_response", { code: "10000", msg: "Success" }, { certMode: true });
    expect(Object.keys(JSON.parse(body))).toEqual(["alipay_demo_response", "alipay_cert_sn", "sign"]);
  });
});

describe("test notifies", () => {
  const base = { outTradeNo: "202611220000000000001234", totalFen: 1230, subject: "报名费" };
  const built = (corruption?: Parameters<typeof buildAlipayTestNotify>[0]["corruption"], extra = {}) =>
    buildAlipayTestNotify({ ...base, corruption, ...extra }).params;

  test("clean: signed, form-encoded, no empty fields", () => {
    const n = buildAlipayTestNotify(base);
    expect(n.contentType).toBe("application/x-www-form-urlencoded; charset=utf-8");
    expect(Object.fromEntries(new URLSearchParams(n.body))).toEqual(n.params);
    expect(n.params).toMatchObject({ out_trade_no: base.outTradeNo, total_amount: "12.30", trade_status: "TRADE_SUCCESS", app_id: "2021000000000001", seller_id: "2088000000000001" });
    expect(Object.values(n.params)).not.toContain("");
    expect(verifyNotifyParams(n.params)).toBe(true);
  });

  test("each defect changes what it says and keeps (or breaks) the signature as promised", () => {
    expect(verifyNotifyParams(built("forged_sign"))).toBe(false);
    expect(built("forged_sign").sign).toHaveLength(344);
    expect(built("wrong_app_id")).toMatchObject({ app_id: "2021000000009999" });
    expect(built("wrong_seller_id")).toMatchObject({ seller_id: "2088000000009999" });
    expect(built("amount_mismatch")).toMatchObject({ total_amount: "12.31" });
    const unknown = built("unknown_out_trade_no").out_trade_no;
    expect(unknown).not.toBe(base.outTradeNo);
    expect(unknown).toMatch(/^\d{24}$/);
    expect(built("percent_value").subject).toContain("%");
    expect(built("missing_fields")).not.toHaveProperty("total_amount");
    expect(built("missing_fields", { omit: ["seller_id"] })).not.toHaveProperty("seller_id");
    for (const c of ["wrong_app_id", "wrong_seller_id", "amount_mismatch", "unknown_out_trade_no", "percent_value", "missing_fields"] as const) {
      expect(verifyNotifyParams(built(c)), c).toBe(true);
    }
    expect(built(undefined, { tradeStatus: "TRADE_CLOSED" })).toMatchObject({ trade_status: "TRADE_CLOSED" });
  });
});
