import { expect, test } from "vitest";
import { likeContains } from "@/db/queries/admin-orders";
import { beijingDate, beijingDayStartMs, startOfBeijingDay } from "./orders-dates";
import { decodeCursor, encodeCursor, ordersQuery } from "./orders-list";
import { maskedBody, maskHeaders } from "./orders-notify-mask";

test("a cursor round-trips, and anything else is a 400", () => {
  const key = { createdAt: 1_767_225_600_123, id: 42 };
  expect(decodeCursor(encodeCursor(key))).toEqual(key);
  for (const bad of ["", "abc", "MTIzNA", Buffer.from("1.2.3").toString("base64url"), "!!", Buffer.from("-1.5").toString("base64url")]) {
    expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ code: "bad_request" }));
  }
});

test.each([
  ["2026-03-01", Date.UTC(2026, 1, 28, 16)],
  ["2024-02-29", Date.UTC(2024, 1, 28, 16)],
  ["2026-02-29", null],
  ["2026-13-01", null],
  ["2026-3-1", null],
])("Beijing day %s starts at %s", (date, expected) => {
  expect(beijingDayStartMs(date)).toBe(expected);
});

test("Beijing days do not follow UTC's", () => {
  const lateUtc = Date.UTC(2026, 2, 1, 16, 30); // 00:30 on 2 March in Beijing
  expect(beijingDate(lateUtc)).toBe("2026-03-02");
  expect(startOfBeijingDay(lateUtc)).toBe(Date.UTC(2026, 2, 1, 16));
});

test("LIKE patterns take the user's % and _ literally", () => {
  expect(likeContains("138")).toBe("%138%");
  expect(likeContains("50%_off\\")).toBe("%50\\%\\_off\\\\%");
});

test("the query is validated with messages that say what is wrong", () => {
  expect(ordersQuery.parse({ status: "", q: " 138 ", limit: "20" })).toMatchObject({ status: undefined, q: "138", limit: 20 });
  const bad = ordersQuery.safeParse({ status: "lost", from: "2026-02-30", formId: "x", limit: "1000" });
  expect(bad.success).toBe(false);
  const issues = bad.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  expect(issues).toEqual(
    expect.arrayContaining([expect.stringMatching(/^status: 未知的订单状态/), expect.stringMatching(/^from: 开始日期/), expect.stringMatching(/^formId:/), expect.stringMatching(/^limit: 每页最多/)]),
  );
  expect(ordersQuery.safeParse({ from: "2026-03-02", to: "2026-03-01" }).error?.issues[0].message).toBe("开始日期不能晚于结束日期");
});

test("journalled notifies are shown with credentials masked and Alipay's sign cut short", () => {
  expect(maskHeaders({ Authorization: "WECHATPAY2 …", cookie: "a=b", "wechatpay-serial": "PUB_KEY_ID_1" })).toEqual({
    Authorization: "***",
    cookie: "***",
    "wechatpay-serial": "PUB_KEY_ID_1",
  });
  const body = new URLSearchParams({ out_trade_no: "N1", sign: "A".repeat(300), trade_status: "TRADE_SUCCESS" }).toString();
  expect(maskedBody("alipay", body)).toBe(`out_trade_no=N1\nsign=${"A".repeat(12)}…\ntrade_status=TRADE_SUCCESS`);
  expect(maskedBody("wechat", '{"resource":{"ciphertext":"xyz"}}')).toContain('"ciphertext": "xyz"');
});
