// The two hottest payer paths as plain handlers, shared by their Next routes and by the front
// server (lib/http/front-server.ts), which answers them before Next's request pipeline: the same
// code, the same error shape and the same request log line either way.
import { AppError, handleRoute, toErrorResponse } from "@/lib/errors";
import { toResponse, type JsonAnswer } from "@/lib/http/json-answer";
import { withRequestLine, type RequestLine } from "@/lib/log";
import { orderStreamResponse } from "./order-stream";
import { hasOrderNoShape } from "../order-no-shape";
import { readOrderStatus } from "./status";

// GET /api/payment/orders/{no} – an order's status; reads only (no write, no platform call).
// Its answer is plain data (lib/http/json-answer.ts); an error is a web Response as elsewhere.
export function statusAnswer(orderNo: string, line: RequestLine): Promise<JsonAnswer | Response> {
  return withRequestLine(
    line,
    async (requestId) => {
      try {
        return { status: 200, json: await readOrderStatus(orderNo), headers: { "cache-control": "no-store", "x-request-id": requestId } };
      } catch (error) {
        const response = toErrorResponse(error);
        response.headers.set("x-request-id", requestId);
        return response;
      }
    },
    (answer) => answer.status,
  );
}

export async function statusResponse(req: Request, orderNo: string): Promise<Response> {
  return toResponse(await statusAnswer(orderNo, { method: req.method, path: new URL(req.url).pathname }));
}

// GET /api/payment/orders/{no}/events – the order's status now and after each change (SSE)
export const eventsResponse = handleRoute(async (req, orderNo: string) => {
  const response = hasOrderNoShape(orderNo) ? await orderStreamResponse(orderNo, req.signal) : null;
  if (!response) throw new AppError("not_found", "订单不存在");
  return response;
});
