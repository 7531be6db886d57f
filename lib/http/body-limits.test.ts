import { describe, expect, test } from "vitest";
import { jsonBodyLimitBytes } from "./body-limits";

describe("jsonBodyLimitBytes", () => {
  test.each([
    [undefined, 1048576],
    ["", 1048576],
    ["2048", 2048],
  ])("JSON_BODY_LIMIT_BYTES=%s → %d", (value, expected) => {
    expect(jsonBodyLimitBytes({ JSON_BODY_LIMIT_BYTES: value })).toBe(expected);
  });

  test("an invalid value throws rather than silently lifting the limit", () => {
    expect(() => jsonBodyLimitBytes({ JSON_BODY_LIMIT_BYTES: "lots" })).toThrow(/JSON_BODY_LIMIT_BYTES/);
  });
});
