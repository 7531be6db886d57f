import crypto from "node:crypto";
import { expect, test } from "vitest";
import { fixtureKeys, testAccount } from "./__fixtures__/keys";
import { jsapiParams } from "./jsapi-params";

// Computed independently, with the fixture key and nothing from this codebase:
// printf 'wxd678efh567hg6787\n1767225600\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n' \
//   | openssl dgst -sha256 -sign lib/payments/wechat/__fixtures__/test-merchant-key.pem | base64 -w0
const EXPECTED_PAY_SIGN =
  "bUQXaJUFCUJzZQgEKVsCywlG0F6PSgZI2tQbyO82WePrBScgGFck0+UyY4Hz8Rt2ylaSUJYNv9ETscVoCS9WtU+KLKF7CcOni7iQZhLkZwVpap1aUjevTqbU2JVkeJ1S6MEwvfB2uNqhEZ1NCecyaXs+fTPrp+CY09ZL6sWqFhlVf38Jq3fq45whQsEAdMTMwnLGzuyI+1SbnVxOyNNx7FOpQ+44vLxl+2SSn8r9tRBCSD95rMNWpaEIhxQNXtyvcJR2SEbjxuNDyp8kMgJDVM6ep8Rj3v92Nm01u338Zdb9F9VZSVuEHjR/RLWIr08AHQfTyxhNo4+qYQhiUwhlHg==";

test("paySign matches the openssl vector for a fixed key, timestamp and nonce", () => {
  const params = jsapiParams(testAccount(), "wx201410272009395522657a690389285100", new Date(1_767_225_600_500), "5K8264ILTKCH16CQ2502SI8ZNMTM67VS");
  expect(params).toEqual({
    appId: "wxd678efh567hg6787",
    timeStamp: "1767225600",
    nonceStr: "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
    package: "prepay_id=wx201410272009395522657a690389285100",
    signType: "RSA",
    paySign: EXPECTED_PAY_SIGN,
  });
});

test("fresh parameters each call: a new nonce, and a signature the merchant certificate verifies", () => {
  const a = jsapiParams(testAccount(), "wx201410272009395522657a690389285100");
  const b = jsapiParams(testAccount(), "wx201410272009395522657a690389285100");
  expect(a.nonceStr).toMatch(/^[A-Z0-9]{32}$/);
  expect(a.nonceStr).not.toBe(b.nonceStr);
  const cert = new crypto.X509Certificate(fixtureKeys().merchantCertPem);
  const message = `${a.appId}\n${a.timeStamp}\n${a.nonceStr}\n${a.package}\n`;
  expect(crypto.verify("sha256", Buffer.from(message), cert.publicKey, Buffer.from(a.paySign, "base64"))).toBe(true);
});

test("a prepay id that could break the package line is refused", () => {
  expect(() => jsapiParams(testAccount(), "wx1\nprepay_id=evil")).toThrow(/prepay_id/);
});
