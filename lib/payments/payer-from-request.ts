// The payer as a route handler sees them: user agent, client IP (clientIp honours TRUST_PROXY) and
// the openid only from our signed OAuth cookie. A body's or query's openid is never looked at.
import { clientIp } from "@/lib/http/client-ip";
import type { PayerContext } from "./payer-channel";
import { openIdFromCookies } from "./wechat-oauth";

export function payerFromRequest(req: Request): PayerContext {
  return {
    userAgent: req.headers.get("user-agent"),
    clientIp: clientIp(req),
    openIdFor: (appId) => openIdFromCookies(req, appId),
  };
}
