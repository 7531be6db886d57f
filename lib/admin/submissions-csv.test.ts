import { describe, expect, test } from "vitest";
import { csvCell, csvLine } from "./submissions-csv";

describe("csvCell", () => {
  test.each([
    ["plain", "张三", "张三"],
    ["comma", "a,b", '"a,b"'],
    ["quote", 'say "hi"', '"say ""hi"""'],
    ["newline", "line1\nline2", '"line1\nline2"'],
    ["CRLF", "a\r\nb", '"a\r\nb"'],
    ["formula =", "=1+1", "'=1+1"],
    ["formula +", "+86138", "'+86138"],
    ["formula -", "-2", "'-2"],
    ["formula @", "@SUM(A1)", "'@SUM(A1)"],
    ["formula with comma", "=A1,B1", `"'=A1,B1"`],
    ["empty", "", ""],
  ])("%s", (_label, input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  test("lines end in CRLF", () => {
    expect(csvLine(["a", "b,c"])).toBe('a,"b,c"\r\n');
  });
});
