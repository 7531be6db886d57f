import { describe, expect, test } from "vitest";
import { MAINLAND_MOBILE, normalisePhone } from "./phone";

describe("normalisePhone", () => {
  test.each([
    ["13800138000", "13800138000"],
    ["+86 138 0013 8000", "13800138000"],
    ["138-0013-8000", "13800138000"],
    ["１３８００１３８０００", "13800138000"],
    ["＋８６ １３８－００１３－８０００", "13800138000"],
    ["(0086) 13800138000", "13800138000"],
    ["86 13800138000", "13800138000"],
    [" 138 0013 8000 ", "13800138000"],
  ])("%s → %s", (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
    expect(MAINLAND_MOBILE.test(normalisePhone(input))).toBe(true);
  });

  test("what is not a mobile number stays refused", () => {
    for (const input of ["12345", "+1 415 555 0100", "8613800138000x", "23800138000"]) {
      expect(MAINLAND_MOBILE.test(normalisePhone(input)), input).toBe(false);
    }
  });
});
