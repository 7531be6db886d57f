// What an order number in a URL, a form or localStorage may look like before it is looked up:
// ours are 24 digits (order-no.ts), and anything within WeChat's 6-32 out_trade_no characters
// (minus | and *, which we never issue) is let through to a lookup that answers 不存在.
// Pure, no imports: the payer islands use it in the browser too.
export const ORDER_NO_CHARS = "[0-9A-Za-z_-]{6,32}";

export const ORDER_NO_SHAPE = new RegExp(`^${ORDER_NO_CHARS}$`);

export function hasOrderNoShape(text: string): boolean {
  return ORDER_NO_SHAPE.test(text);
}
