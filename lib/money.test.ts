import { describe, expect, test } from "vitest";
import { formatFen, parseYuan, toYuan } from "./money";

describe("parseYuan", () => {
  test.each([
    ["0.01", 1],
    ["0.10", 10],
    ["0.1", 10],
    ["1.00", 100],
    ["1", 100],
    ["12.30", 1230],
    ["99999.99", 9999999],
    ["100000000.00", 10000000000],
  ])("%s yuan is %i fen", (yuan, fen) => {
    expect(parseYuan(yuan)).toBe(fen);
  });

  test.each(["1.005", "1e3", "-1.00", "", " 1.00", "1.", ".5", "01.00", "1,00", "NaN", "100000000.01", "0x10"])(
    "rejects %j",
    (yuan) => {
      expect(() => parseYuan(yuan)).toThrow(RangeError);
    },
  );
});

describe("toYuan", () => {
  test.each([
    [1, "0.01"],
    [10, "0.10"],
    [100, "1.00"],
    [9999999, "99999.99"],
    [0, "0.00"],
  ])("%i fen is %s yuan", (fen, yuan) => {
    expect(toYuan(fen)).toBe(yuan);
    expect(parseYuan(yuan)).toBe(fen);
  });

  test.each([-1, 1.5, Number.NaN, 2 ** 60])("rejects %d", (fen) => {
    expect(() => toYuan(fen)).toThrow(RangeError);
  });

  test("formatFen adds the currency sign", () => {
    expect(formatFen(1230)).toBe("¥12.30");
  });
});
