// What the front server (lib/http/front-server.ts) answers itself, before Next: the paths every
// waiting payer and every platform notify hit. Each runs the same handler as its Next route.
// Order numbers and account ids are matched strictly: anything odd goes on to Next's routes.
import type { FrontRoute } from "@/lib/http/front-server";
import { eventsResponse, statusAnswer } from "./live/payer-routes";
import { notifyRoute } from "./notify-route";
import { ORDER_NO_CHARS } from "./order-no-shape";
import type { ProviderId } from "./types";

const ORDER_NO = `(${ORDER_NO_CHARS})`;

export const FRONT_ROUTES: readonly FrontRoute[] = [
  { method: "GET", pattern: new RegExp(`^/api/payment/orders/${ORDER_NO}$`), answer: ([orderNo], line) => statusAnswer(orderNo, line) },
  { method: "GET", pattern: new RegExp(`^/api/payment/orders/${ORDER_NO}/events$`), handle: (req, [orderNo]) => eventsResponse(req, orderNo), streams: true },
  { method: "POST", pattern: /^\/api\/payment\/(wechat|alipay)\/notify$/, handle: (req, [provider]) => notifyRoute(provider as ProviderId, req) },
  {
    method: "POST",
    pattern: /^\/api\/payment\/(wechat|alipay)\/notify\/(\d{1,10})$/,
    handle: (req, [provider, account]) => notifyRoute(provider as ProviderId, req, account),
  },
];
