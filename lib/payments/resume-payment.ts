// Picking up a pending order where the payer left it, without a new order: fresh JSAPI bridge
// parameters (signed again from the prepay id, valid 2 hours) or a fresh H5 link (h5_url lasts 5
// minutes; WeChat gives a new one for the same out_trade_no). Whoever has the order number owns
// the order, as for the pay page; JSAPI also needs the openid cookie the order was made for.
import { getDb } from "@/db/client";
import { getOrderByNo, updatePendingOrder } from "@/db/queries/orders";
import { AppError } from "@/lib/errors";
import { limitOrderStarts } from "./create-order";
import type { PayerContext } from "./payer-channel";
import { h5PayUrl, jsapiParamsOfOrder } from "./phone-start";
import { methodName, providerFor } from "./providers";
import { PaymentPlatformError, type JsapiPayParams } from "./types";

export type ResumeAnswer =
  | { orderNo: string; channel: "jsapi"; jsapi: JsapiPayParams }
  | { orderNo: string; channel: "native"; codeUrl: string }
  | { orderNo: string; channel: "h5" | "page" | "wap"; payUrl: string };

export async function resumePayment(orderNo: string, payer: PayerContext): Promise<ResumeAnswer> {
  const order = await getOrderByNo(getDb(), orderNo);
  if (!order) throw new AppError("not_found", "订单不存在");
  if (order.status !== "pending") throw new AppError("conflict", "该订单已不是待支付状态，请刷新页面");
  if (order.expiresAt <= Date.now()) throw new AppError("gone", "支付已超时，请重新发起支付");

  switch (order.channel) {
    case "jsapi": {
      const openId = payer.openIdFor?.(order.appId) ?? null;
      // The bridge pays as the openid the prepay was made for: another WeChat user cannot.
      if (!openId || openId !== order.payerOpenId) throw new AppError("forbidden", "请在发起支付的微信中打开本页面完成支付");
      return { orderNo, channel: "jsapi", jsapi: await jsapiParamsOfOrder(order) };
    }
    case "h5": {
      // A platform call per press: limited like order starts.
      await limitOrderStarts(payer.clientIp, `resume:${order.orderNo}`);
      const provider = await providerFor("wechat", order.accountRef);
      let start;
      try {
        start = await provider.createPayment({
          orderNo: order.orderNo,
          amountFen: order.amountFen,
          description: order.description,
          expiresAt: new Date(order.expiresAt),
          channel: "h5",
          payerClientIp: payer.clientIp,
        });
      } catch (error) {
        if (!(error instanceof PaymentPlatformError)) throw error;
        throw new AppError(error.kind === "rejected" ? "payment_platform_error" : "payment_platform_unavailable", `${methodName("wechat")}暂时无法支付，请稍后重试或改用其他方式`, [
          { field: "provider", issue: `${error.platformCode}: ${error.message}` },
        ]);
      }
      if (start.kind !== "redirect") throw new AppError("payment_platform_error", "微信支付返回了意外的结果");
      const payUrl = h5PayUrl(start.payUrl, order.orderNo);
      if (!(await updatePendingOrder(getDb(), order.id, { payUrl }))) throw new AppError("conflict", "该订单已不是待支付状态，请刷新页面");
      return { orderNo, channel: "h5", payUrl };
    }
    case "native":
      if (!order.codeUrl) throw new AppError("conflict", "订单尚未准备好，请刷新页面");
      return { orderNo, channel: "native", codeUrl: order.codeUrl };
    case "page":
    case "wap":
      if (!order.payUrl) throw new AppError("conflict", "订单尚未准备好，请刷新页面");
      return { orderNo, channel: order.channel, payUrl: order.payUrl };
    default: {
      const unreachable: never = order.channel;
      throw new AppError("conflict", `未知的支付方式 ${String(unreachable)}`);
    }
  }
}
