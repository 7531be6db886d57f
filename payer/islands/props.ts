// How a payer page hands its server-side props to its island: a JSON script next to the root.
// The same element ids on both sides, and JSON that cannot end the <script> early.
export const ISLAND_ROOT_ID = "payer-root";
export const ISLAND_PROPS_ID = "payer-props";

/** JSON safe inside <script>: "<" (so no "</script>") and the two line separators JS once refused. */
export function islandPropsJson(props: unknown): string {
  return JSON.stringify(props).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export function readIslandProps<T>(): T {
  const element = document.getElementById(ISLAND_PROPS_ID);
  if (!element?.textContent) throw new Error("payer page without its props");
  return JSON.parse(element.textContent) as T;
}
