// An inbound notify: journal it, verify it, apply its fact, and acknowledge only after the commit.
import { getDb } from "@/db/client";
import { addOrderEvent, getOrderByNo, journalNotify } from "@/db/queries/orders";
import { applyFact } from "./order-state";
import { providerFor } from "./providers";
import { NotifyRejectedError, type ProviderId } from "./types";

const SECRET_HEADERS = new Set(["authorization", "cookie", "proxy-authorization"]);

function headersForJournal(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    kept[name] = SECRET_HEADERS.has(name.toLowerCase()) ? "***" : value;
  });
  return kept;
}

export async function handleNotify(providerId: ProviderId, accountRef: string, headers: Headers, rawBody: string): Promise<Response> {
  const db = getDb();
  const provider = providerFor(providerId, accountRef);
  const journal = (verified: boolean, outcome: string, orderNo: string | null) =>
    journalNotify(db, {
      provider: providerId,
      orderNo,
      headersJson: JSON.stringify(headersForJournal(headers)),
      body: rawBody.slice(0, 20_000),
      verified,
      outcome,
      receivedAt: Date.now(),
    });

  let verified;
  try {
    verified = await provider.parseNotify({ headers, rawBody });
  } catch (error) {
    const rejection =
      error instanceof NotifyRejectedError ? error : new NotifyRejectedError("MALFORMED", "通知无法解析", 400);
    journal(false, `rejected ${rejection.code}: ${rejection.message}`, null);
    return provider.reject(rejection);
  }

  if (verified.kind === "refund") {
    // Refund news is applied by the refund service; until it exists, make the platform retry.
    journal(true, "deferred REFUND_NOT_SUPPORTED", verified.refund.orderNo);
    return provider.reject(new NotifyRejectedError("REFUND_NOT_SUPPORTED", "暂不处理退款通知", 503));
  }
  const { fact } = verified;
  const order = getOrderByNo(db, fact.orderNo);
  if (!order) {
    journal(true, "rejected ORDER_NOT_FOUND", fact.orderNo);
    return provider.reject(new NotifyRejectedError("ORDER_NOT_FOUND", "订单不存在", 404));
  }
  if (order.provider !== providerId || order.accountRef !== accountRef) {
    journal(true, "rejected ACCOUNT_MISMATCH", fact.orderNo);
    addOrderEvent(db, order.id, "anomaly", "收到来自其他收款账户的通知，未采用");
    return provider.reject(new NotifyRejectedError("ACCOUNT_MISMATCH", "通知与订单的收款账户不符", 400));
  }

  const { outcome } = applyFact(db, fact);
  journal(true, outcome, fact.orderNo);
  addOrderEvent(db, order.id, "notify", `收到通知（已验签）：${fact.kind}，处理结果 ${outcome}`, {
    notifyId: verified.notifyId,
  });
  if (outcome === "anomaly") {
    return provider.reject(new NotifyRejectedError("MISMATCH", "通知内容与订单不符（金额或商户）", 400));
  }
  return provider.acknowledge();
}
