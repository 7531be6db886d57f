import { afterEach, describe, expect, test } from "vitest";
import { formatBeijingTime, parseBeijingTime } from "./time";

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe("formatBeijingTime", () => {
  test.each(["UTC", "America/Los_Angeles", "Asia/Shanghai", "Pacific/Kiritimati"])("is UTC+8 whatever TZ is (%s)", (tz) => {
    process.env.TZ = tz;
    expect(formatBeijingTime(Date.UTC(2026, 10, 22, 7, 30, 0))).toBe("2026-11-22 15:30:00");
    // Crossing midnight and a year boundary.
    expect(formatBeijingTime(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01 00:00:00");
  });

  test("refuses an invalid date", () => {
    expect(() => formatBeijingTime(new Date("nope"))).toThrow(RangeError);
  });
});

describe("parseBeijingTime", () => {
  test("reads Beijing wall time", () => {
    expect(parseBeijingTime("2026-11-22 15:30:00")).toEqual(new Date("2026-11-22T07:30:00Z"));
    expect(parseBeijingTime("2027-01-01 00:00:00")).toEqual(new Date("2026-12-31T16:00:00Z"));
  });

  test.each(["2026-02-30 10:00:00", "2026-11-22T15:30:00", "2026-11-22 15:30", "2026-11-22 24:00:00", "", "2026-11-22 15:30:00 "])(
    "refuses %j",
    (text) => {
      expect(parseBeijingTime(text)).toBeNull();
    },
  );
});
