import { describe, expect, test } from "vitest";
import { maskEmail, maskName, maskPhone, payerFacingAnswer } from "./mask";

describe("maskPhone", () => {
  test.each([
    ["a mainland mobile", "13800138000", "138****8000"],
    ["surrounding spaces", " 13900139000 ", "139****9000"],
    ["a longer number", "8613800138000", "861****8000"],
    ["a short number keeps two each side", "1234567", "12****67"],
    ["a very short number keeps nothing", "12345", "****"],
    ["empty", "", "****"],
  ])("%s: %s → %s", (_label, phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  test("never shows the middle four digits", () => {
    expect(maskPhone("13812345678")).not.toContain("1234");
  });
});

describe("maskName", () => {
  test.each([
    ["two characters", "张三", "张**"],
    ["three characters", "张小三", "张**"],
    ["a compound surname", "欧阳小明", "欧**"],
    ["one character", "张", "*"],
    ["latin letters", "Alice", "A**"],
    ["spaces around", "  李四 ", "李**"],
    ["an astral character stays whole", "𠮷野家", "𠮷**"],
    ["empty", "", ""],
  ])("%s: %s → %s", (_label, name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe("maskEmail", () => {
  test.each([
    ["an address", "zhangsan@example.com", "z***@example.com"],
    ["a one-letter local part", "z@example.com", "z***@example.com"],
    ["not an address", "zhangsan", "z**"],
  ])("%s: %s → %s", (_label, email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});

describe("payerFacingAnswer", () => {
  test.each([
    ["phone", "13800138000", "138****8000"],
    ["email", "li@example.com", "l***@example.com"],
    ["text", "张三", "张**"],
    ["single_choice", "周六下午", "周六下午"],
    ["multiple_choice", "阅读、音乐", "阅读、音乐"],
    ["payment", "T恤 × 2", "T恤 × 2"],
    ["textarea", "北京市海淀区某某路 1 号", null],
    ["number", "35", null],
    ["date", "1990-01-01", null],
  ] as const)("%s: %s → %s", (type, text, shown) => {
    expect(payerFacingAnswer(type, text)).toBe(shown);
  });
});
