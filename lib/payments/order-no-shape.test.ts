import { expect, test } from "vitest";
import { newOrderNo } from "./order-no";
import { hasOrderNoShape } from "./order-no-shape";

test("our own order numbers have the shape; paths, short or odd strings do not", () => {
  expect(hasOrderNoShape(newOrderNo())).toBe(true);
  expect(hasOrderNoShape("abc_12-X")).toBe(true);
  for (const odd of ["", "12345", "a".repeat(33), "../../etc", "2026120412 3", "订单202612", "a|b*cdef"]) {
    expect(hasOrderNoShape(odd)).toBe(false);
  }
});
