import { describe, expect, test } from "vitest";
import { alipayJson, signedBody } from "./__fixtures__/fake-gateway";
import { fixtureKeys, publicKeyOf } from "./__fixtures__/keys";
import { topLevelMembers, verifyResponseSignature } from "./response-sign";
import { rsa2Sign } from "./sign";

const keys = fixtureKeys();
const alipayPublicKey = publicKeyOf(keys.alipayPublicPem);
const KEY = "alipay_trade_query_response";
const WAITING = { code: "10000", msg: "Success", out_trade_no: "A1", trade_no: "T1", trade_status: "WAIT_BUYER_PAY", total_amount: "12.30" };
const PAID = { ...WAITING, trade_status: "TRADE_SUCCESS", send_pay_date: "2026-11-22 15:30:00" };

describe("topLevelMembers", () => {
  test("raw text of each member, strings with braces, quotes and the word sign inside", () => {
    const text = ' {"a_response" : {"x":"}\\"sign\\":{","y":[1,{"z":"]"}]} ,"n":-1.5e3,"t":true,"s":"q\\u0022"}\n';
    const members = topLevelMembers(text)!;
    expect([...members.keys()]).toEqual(["a_response", "n", "t", "s"]);
    expect(members.get("a_response")).toBe('{"x":"}\\"sign\\":{","y":[1,{"z":"]"}]}');
    expect(members.get("n")).toBe("-1.5e3");
    expect(members.get("s")).toBe('"q\\u0022"');
  });

  test.each([
    ["a repeated key", '{"a":1,"a":2}'],
    ["a repeated key spelt with an escape", '{"a_b":1,"a\\u005fb":2}'],
    ["an array", "[1]"],
    ["trailing text", '{"a":1}x'],
    ["an unterminated object", '{"a":{"b":1}'],
    ["a missing colon", '{"a" 1}'],
  ])("refuses %s", (_label, text) => {
    expect(topLevelMembers(text)).toBeNull();
  });
});

describe("verifyResponseSignature", () => {
  test("accepts Alipay's layout, with / escaped and the cert serial between node and sign", () => {
    const withSlash = { ...PAID, note: "a/b", subject: "报名费" };
    expect(alipayJson(withSlash)).toContain('"a\\/b"');
    expect(verifyResponseSignature(signedBody(KEY, withSlash, keys.alipayPrivatePem), KEY, alipayPublicKey)).toEqual({ ok: true });
    const certMode = signedBody(KEY, PAID, keys.alipayPrivatePem, "1f39ce9d582607c5528d61602b0abfab");
    expect(verifyResponseSignature(certMode, KEY, alipayPublicKey)).toEqual({ ok: true });
  });

  test("accepts a signed error_response", () => {
    const body = signedBody("error_response", { code: "40002", msg: "Invalid Arguments", sub_code: "isv.invalid-app-id" }, keys.alipayPrivatePem);
    expect(verifyResponseSignature(body, KEY, alipayPublicKey)).toEqual({ ok: true });
  });

  test("sign need not be last", () => {
    const inner = alipayJson(PAID);
    const body = `{"sign":"${rsa2Sign(inner, keys.alipayPrivatePem)}","${KEY}":${inner}}`;
    expect(verifyResponseSignature(body, KEY, alipayPublicKey)).toEqual({ ok: true });
  });

  test.each([
    ["signed by another key", signedBody(KEY, PAID, keys.roguePrivatePem)],
    ["re-serialised with a space", signedBody(KEY, PAID, keys.alipayPrivatePem).replace('"code":"10000"', '"code": "10000"')],
    ["without a sign", `{"${KEY}":${alipayJson(PAID)}}`],
    ["with a non-string sign", `{"${KEY}":${alipayJson(PAID)},"sign":1}`],
    ["with a short fake sign", `{"${KEY}":${alipayJson(PAID)},"sign":"abc"}`],
    ["without the node", `{"other_response":${alipayJson(PAID)},"sign":"abc"}`],
    // A genuine signed answer with a forged member appended: JSON.parse keeps the last one.
    ["a genuine answer plus a forged repeat of the node", signedBody(KEY, WAITING, keys.alipayPrivatePem).replace(/}$/, `,"${KEY}":${alipayJson(PAID)}}`)],
    ["not JSON", "<html>502 Bad Gateway</html>"],
  ])("refuses an answer %s", (_label, body) => {
    expect(verifyResponseSignature(body, KEY, alipayPublicKey).ok).toBe(false);
  });
});
