import { describe, expect, test } from "vitest";
import { fixtureKeys, publicKeyOf } from "./__fixtures__/keys";
import {
  NOTIFY_EXCLUDE,
  REQUEST_EXCLUDE,
  rsa2Sign,
  rsa2Verify,
  signContent,
  singleValued,
  verifyNotifySignature,
  type Params,
} from "./sign";

const keys = fixtureKeys();
const alipayPublicKey = publicKeyOf(keys.alipayPublicPem);
const appPublicKey = publicKeyOf(keys.appPublicPem);

// A notify as the form decoder hands it over: values decoded once, with %, &, = and Chinese kept raw.
const NOTIFY: Params = {
  gmt_payment: "2026-11-22 15:30:05",
  notify_id: "2026112200222153005000001",
  app_id: "2021000000000001",
  subject: "报名费 50% off & a=b",
  body: "",
  out_trade_no: "20261122153000123456789",
  trade_status: "TRADE_SUCCESS",
  total_amount: "12.30",
  sign_type: "RSA2",
  sign: "ignored",
  Zeta: "z",
  charset: "utf-8",
};

const NOTIFY_SIGN_STRING =
  "Zeta=z&app_id=2021000000000001&charset=utf-8&gmt_payment=2026-11-22 15:30:05&notify_id=2026112200222153005000001" +
  "&out_trade_no=20261122153000123456789&subject=报名费 50% off & a=b&total_amount=12.30&trade_status=TRADE_SUCCESS";

// SHA256withRSA (PKCS#1 v1.5) is deterministic: fixed vectors for the committed test keys.
const NOTIFY_SIGNATURE =
  "Arn0H9jAccSgxueTl3nYjHfcOxgkXD1Yn1sKV+uc4LbrnGSJRgQ0RmMCxtLCul1EOhvx6Ni9AdgFm74JW75IpC+kdfeVbbXYI8hzVK10qAlTdx0DI4+1iAfJAhJfs06/" +
  "Wem4JjZwpcPGV+oSXtqp3tixU3Rqev/xD+pya2oSgziO/JfN/gW5ykqiYfqKkFfh+z8juAqfaS8Xl8Z7R8XFnNUkbh/OkJIJiEddafC6tAR1FaIO92R4qviGnUCfJM7HK1fX" +
  "GRbCCu4VQYVh+L3oIVzaXtWTIFySuvzC3NfINcPGdvx1sL3uechZXqcMjpoE55fQEiHI/dvoUC6rPzM3+Q==";

// The request example from the protocol digest (reference.md B1), signed with the test app key.
const REQUEST_SIGN_STRING =
  'app_id=2021000000000001&biz_content={"out_trade_no":"A1"}&charset=utf-8&method=alipay.trade.query&sign_type=RSA2' +
  "&timestamp=2024-01-01 10:00:00&version=1.0";
const REQUEST_SIGNATURE =
  "Wih8qYaGuZMcis5fZBBQuNCe6oAlSJbq5l75lDqthvbg+1BZCRN/1WjCeT6XuZwtQP7nzGmYL8VWPEHylHzcoVyrhCWcnFOLXM1sdI+3LH1aRU2opNXDYFfOoDQPiyydBDqU" +
  "ko+vyniUN53Z/wCGIUHPVu7ygXnWPY2ym9fuBFoUp3D639fFneOXcOFJwIEY6ZNBnz/qStBUwd82qCsOyAH72SYMWjhWvf0iPxns8pMH8G8xlixaisbqtUhb9W+WPxV+hpYz" +
  "H0iVtRkiCiDQrrpiOKUgNibprIhGbonB/g12fn0WwQlA5Cx4Wn02nqvyDgEJTvVQczJdswFyzMGiJQ==";

describe("signContent", () => {
  test("notify rule: sign and sign_type out, empty values dropped, ASCII order, raw values", () => {
    expect(signContent(NOTIFY, NOTIFY_EXCLUDE)).toBe(NOTIFY_SIGN_STRING);
  });

  test("request rule: only sign is left out, sign_type is signed", () => {
    const request: Params = {
      version: "1.0",
      timestamp: "2024-01-01 10:00:00",
      sign_type: "RSA2",
      sign: "whatever",
      method: "alipay.trade.query",
      charset: "utf-8",
      biz_content: '{"out_trade_no":"A1"}',
      app_id: "2021000000000001",
      notify_url: "",
    };
    expect(signContent(request, REQUEST_EXCLUDE)).toBe(REQUEST_SIGN_STRING);
  });

  test("ASCII order puts upper case and digits before lower case, and compares by code unit", () => {
    expect(signContent({ b: "1", a_b: "2", a: "3", B: "4", "1x": "5", ab: "6" }, [])).toBe("1x=5&B=4&a=3&a_b=2&ab=6&b=1");
  });
});

describe("rsa2Sign / rsa2Verify", () => {
  test("fixed vectors", () => {
    expect(rsa2Sign(REQUEST_SIGN_STRING, keys.appPrivatePem)).toBe(REQUEST_SIGNATURE);
    expect(rsa2Sign(NOTIFY_SIGN_STRING, keys.alipayPrivatePem)).toBe(NOTIFY_SIGNATURE);
    expect(NOTIFY_SIGNATURE).toHaveLength(344);
  });

  test("accepts the right signature", () => {
    expect(rsa2Verify(REQUEST_SIGN_STRING, REQUEST_SIGNATURE, appPublicKey)).toBe(true);
  });

  test.each([
    ["a tampered value", REQUEST_SIGN_STRING.replace("A1", "A2"), REQUEST_SIGNATURE],
    ["another key's signature", REQUEST_SIGN_STRING, rsa2Sign(REQUEST_SIGN_STRING, keys.roguePrivatePem)],
    ["a missing signature", REQUEST_SIGN_STRING, ""],
    ["a signature that is not base64", REQUEST_SIGN_STRING, `${REQUEST_SIGNATURE.slice(0, 100)}!!${REQUEST_SIGNATURE.slice(102)}`],
    ["a truncated signature", REQUEST_SIGN_STRING, REQUEST_SIGNATURE.slice(0, 340)],
  ])("refuses %s", (_label, content, signature) => {
    expect(rsa2Verify(content, signature, appPublicKey)).toBe(false);
  });

  test("a key of the wrong party does not verify", () => {
    expect(rsa2Verify(REQUEST_SIGN_STRING, REQUEST_SIGNATURE, alipayPublicKey)).toBe(false);
  });
});

describe("verifyNotifySignature", () => {
  const signed: Params = { ...NOTIFY, sign: NOTIFY_SIGNATURE };

  test("accepts a genuine notify, whatever sign_type says or whether empty fields were posted", () => {
    expect(verifyNotifySignature(signed, alipayPublicKey)).toBe(true);
    const { body: _empty, ...withoutEmpty } = signed;
    expect(verifyNotifySignature(withoutEmpty, alipayPublicKey)).toBe(true);
  });

  test.each([
    ["a tampered amount", { ...signed, total_amount: "0.01" }],
    ["a tampered value with %", { ...signed, subject: "报名费 51% off & a=b" }],
    ["an added field", { ...signed, refund_fee: "12.30" }],
    ["a missing sign", { ...signed, sign: "" }],
    ["another key's signature", { ...signed, sign: rsa2Sign(NOTIFY_SIGN_STRING, keys.roguePrivatePem) }],
  ])("refuses %s", (_label, params) => {
    expect(verifyNotifySignature(params, alipayPublicKey)).toBe(false);
  });

  test("works on form-decoded values: %25 in the body is a literal % in the sign string", () => {
    const form = new URLSearchParams(signed).toString();
    expect(form).toContain("50%25+off+%26+a%3Db");
    const decoded = singleValued(new URLSearchParams(form))!;
    expect(verifyNotifySignature(decoded, alipayPublicKey)).toBe(true);
  });
});

describe("singleValued", () => {
  test("one value per key", () => {
    expect(singleValued(new URLSearchParams("a=1&b=&c=%E6%8A%A5"))).toEqual({ a: "1", b: "", c: "报" });
  });

  test("a repeated key is refused", () => {
    expect(singleValued(new URLSearchParams("total_amount=12.30&total_amount=0.01"))).toBeNull();
  });
});
