// The two hottest payer paths as plain handlers, shared by their Next routes and by the front
// server (lib/http/front-server.ts), which answers them before Next's request pipeline: the same
// code, the same error shape and the same request log line either way.
import { AppError, handleRoute } from "@/lib/errors";
import { orderStreamResponse } from "./order-stream";
import { isOrderNo, readOrderStatus } from "./status";

// GET /api/payment/orders/{no} – an order's status; reads only (no write, no platform call)
export const statusResponse = handleRoute(async (_req, orderNo: string): Promise<Response> =>
  Response.json(await readOrderStatus(orderNo), { headers: { "Cache-Control": "no-store" } }),
);

// GET /api/payment/orders/{no}/events – the order's status now and after each change (SSE)
export const eventsResponse = handleRoute(async (req, orderNo: string) => {
  const response = isOrderNo(orderNo) ? await orderStreamResponse(orderNo, req.signal) : null;
  if (!response) throw new AppError("not_found", "订单不存在");
  return response;
});
