import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import { pickDefaultAccount } from "./accounts";

describe("pickDefaultAccount (no accountId given)", () => {
  test.each([
    ["the environment's account first", true, [{ id: 3, name: "门店" }], "env"],
    ["else the only stored one", false, [{ id: 3, name: "门店" }], "3"],
  ])("%s", (_label, env, stored, ref) => {
    expect(pickDefaultAccount("wechat", env, stored).accountRef).toBe(ref);
  });

  test("several stored and none in the environment: 422 naming each choice", () => {
    const error = (() => {
      try {
        pickDefaultAccount("alipay", false, [{ id: 3, name: "门店" }, { id: 7, name: "网店" }]);
      } catch (e) {
        return e;
      }
    })() as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(422);
    expect(error.message).toContain("门店（accountId 3）");
    expect(error.message).toContain("网店（accountId 7）");
  });

  test("none at all: 422", () => {
    expect(() => pickDefaultAccount("wechat", false, [])).toThrow(/没有可对账的微信支付收款账户/);
  });
});
