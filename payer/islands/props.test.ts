// A payer page's props travel inside a <script type="application/json">: an admin's form title
// with "</script>" in it must neither end that element early nor change on the way.
import { expect, test } from "vitest";
import { islandPropsJson } from "./props";

test("the JSON cannot close its script element, and reads back unchanged", () => {
  const props = { title: "报名</script><script>alert(1)</script>", note: "line\u2028separator\u2029end", amountFen: 12_300 };
  const json = islandPropsJson(props);
  expect(json).not.toMatch(/<\/script/i);
  expect(json).not.toContain("<");
  expect(json).not.toMatch(/[\u2028\u2029]/);
  expect(JSON.parse(json)).toEqual(props);
});
