// Asking the platform for a payment, after the order's transaction has committed. What the
// platform answered is stored on the order while it is still pending; a create that failed marks
// the order failed (freeing its holds) and makes sure the platform's trade, if it exists, is closed.
import { getDb } from "@/db/client";
import { updatePendingOrder, type OrderRow } from "@/db/queries/orders";
import { AppError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/queue";
import { log } from "@/lib/log";
import { CLOSE_ORDER_JOB } from "./job-kinds";
import { markCreateFailed } from "./order-state";
import { h5PayUrl, jsapiParamsOfOrder } from "./phone-start";
import { methodName } from "./providers";
import { PaymentPlatformError, type JsapiPayParams, type PaymentProvider, type PaymentStart } from "./types";

export interface OrderCreated {
  orderNo: string;
  status: OrderRow["status"];
  provider: OrderRow["provider"];
  channel: OrderRow["channel"];
  amountFen: number;
  codeUrl: string | null;
  payUrl: string | null;
  /** JSAPI: what the page hands to WeixinJSBridge.invoke("getBrandWCPayRequest", …). */
  jsapi: JsapiPayParams | null;
  expiresAt: string;
  payPageUrl: string;
}

export async function startPayment(order: OrderRow, provider: PaymentProvider, payer: { openId?: string; clientIp?: string } = {}): Promise<OrderCreated> {
  let start: PaymentStart;
  try {
    start = await provider.createPayment({
      orderNo: order.orderNo,
      amountFen: order.amountFen,
      description: order.description,
      expiresAt: new Date(order.expiresAt),
      channel: order.channel,
      payerOpenId: payer.openId,
      payerClientIp: payer.clientIp,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await markCreateFailed(order, reason);
    if (!(error instanceof PaymentPlatformError) || error.kind === "unavailable") {
      // The platform may have created the trade without our hearing back: close it so it can't be paid.
      await closeLater(order.orderNo);
    }
    if (!(error instanceof PaymentPlatformError)) log().error({ err: error, orderNo: order.orderNo }, "create payment failed");
    throw new AppError(
      error instanceof PaymentPlatformError && error.kind === "rejected" ? "payment_platform_error" : "payment_platform_unavailable",
      `${methodName(order.provider)}下单失败，请稍后重试`,
      [{ field: "provider", issue: error instanceof PaymentPlatformError ? `${error.platformCode}: ${error.message}` : "平台无响应" }],
    );
  }

  const codeUrl = start.kind === "qr" ? start.codeUrl : null;
  const payUrl = start.kind === "redirect" ? (order.channel === "h5" ? h5PayUrl(start.payUrl, order.orderNo) : start.payUrl) : null;
  const prepayId = start.kind === "jsapi" ? start.prepayId : null;
  if (!(await updatePendingOrder(getDb(), order.id, { codeUrl, payUrl, prepayId }))) {
    // A newer pay-again closed this order while the platform was creating its trade: the trade
    // must not stay payable.
    await closeLater(order.orderNo);
    throw new AppError("conflict", "该订单已被新的支付请求取代，请刷新页面后再支付");
  }
  return {
    orderNo: order.orderNo,
    status: "pending",
    provider: order.provider,
    channel: order.channel,
    amountFen: order.amountFen,
    codeUrl,
    payUrl,
    jsapi: prepayId ? await jsapiParamsOfOrder({ ...order, prepayId }) : null,
    expiresAt: new Date(order.expiresAt).toISOString(),
    payPageUrl: `/pay/${order.orderNo}`,
  };
}

/** Closes the order's trade at its platform by a job: retried with backoff until the platform answers. */
async function closeLater(orderNo: string): Promise<void> {
  await enqueueJob(getDb(), { kind: CLOSE_ORDER_JOB, uniqueKey: `close:${orderNo}`, payload: { orderNo }, runAt: Date.now() });
}
