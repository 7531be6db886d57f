import { expect, test } from "vitest";
import { parseRfc3339, toBeijingRfc3339 } from "./time";

test.each([
  ["2026-11-22T08:30:00.000Z", "2026-11-22T16:30:00+08:00"],
  ["2026-11-22T16:30:00.999Z", "2026-11-23T00:30:00+08:00"],
  ["2026-12-31T23:59:59.000Z", "2027-01-01T07:59:59+08:00"],
])("toBeijingRfc3339(%s) = %s", (utc, beijing) => {
  expect(toBeijingRfc3339(new Date(utc))).toBe(beijing);
  expect(parseRfc3339(beijing).getTime()).toBe(Math.floor(Date.parse(utc) / 1000) * 1000);
});

test("rejects what is not RFC 3339 with an offset", () => {
  expect(() => toBeijingRfc3339(new Date(Number.NaN))).toThrow(RangeError);
  for (const bad of ["2026-11-22 16:30:00", "2026-11-22T16:30:00", "2026-13-40T16:30:00+08:00", "yesterday"]) {
    expect(() => parseRfc3339(bad)).toThrow(RangeError);
  }
});
