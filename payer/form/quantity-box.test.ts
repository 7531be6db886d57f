import { describe, expect, test } from "vitest";
import { cleanQuantityText } from "./quantity-box";

describe("cleanQuantityText", () => {
  test.each([
    ["", ""],
    ["0", "0"],
    ["01", "1"],
    ["099999", "999"],
    ["-1", "1"],
    ["1e3", "13"],
    ["1.5", "15"],
    ["3", "3"],
    ["00", "0"],
    ["１２", "12"],
  ])("%s → %s", (typed, shown) => {
    expect(cleanQuantityText(typed)).toBe(shown);
  });
});
