// An inbound notify: verify it, journal it, apply its fact, and acknowledge only after the commit.
// Rejected notifies are journalled truncated and at most so many per source a minute: a flood of
// forgeries cannot fill the disk.
import { getDb, transaction, type DbOrTx } from "@/db/client";
import { addOrderEvent, getOrderByNo, journalNotify } from "@/db/queries/orders";
import { countHit } from "@/db/queries/rate-limits";
import { settings } from "@/lib/env";
import { NOTIFY_OUTCOME_WORDS } from "./outcome-words";
import { applyFactTo } from "./order-state";
import { accountFor, providerOf } from "./providers";
import { handleRefundNotify } from "./refunds/refund-notify";
import { NotifyRejectedError, type ProviderId } from "./types";

const SECRET_HEADERS = new Set(["authorization", "cookie", "proxy-authorization"]);
const VERIFIED_BODY_MAX_CHARS = 20_000;
const REJECTED_BODY_MAX_CHARS = 2_000;
const HEADER_VALUE_MAX_CHARS = 500;

const FACT_WORDS = { paid: "支付成功", unpaid: "未支付", closed: "交易关闭", not_found: "平台无此交易" } as const;

function headersForJournal(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    kept[name] = SECRET_HEADERS.has(name.toLowerCase()) ? "***" : value.slice(0, HEADER_VALUE_MAX_CHARS);
  });
  return kept;
}

/** The platform's own rejection shape, for a notify we cannot even attribute to an account. */
export function platformRejection(providerId: ProviderId, status: number, message: string): Response {
  if (providerId === "wechat") return Response.json({ code: "FAIL", message }, { status });
  return new Response("fail", { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export async function handleNotify(
  providerId: ProviderId,
  accountRef: string,
  headers: Headers,
  rawBody: string,
  sourceIp = "unknown",
): Promise<Response> {
  const db = getDb();
  const journal = async (verified: boolean, outcome: string, orderNo: string | null, handle: DbOrTx = db) => {
    if (!verified && !(await mayJournalRejection(sourceIp))) return;
    await journalNotify(handle, {
      provider: providerId,
      orderNo,
      headersJson: JSON.stringify(headersForJournal(headers)),
      body: rawBody.slice(0, verified ? VERIFIED_BODY_MAX_CHARS : REJECTED_BODY_MAX_CHARS),
      verified,
      outcome,
      receivedAt: Date.now(),
    });
  };

  // Disabled accounts still hear about money already on its way; unknown ones are refused.
  const account = await accountFor(providerId, accountRef, { includeDisabled: true });
  if (!account) {
    await journal(false, "rejected UNKNOWN_ACCOUNT", null);
    return platformRejection(providerId, 404, "unknown account");
  }
  const provider = providerOf(account);

  let verified;
  try {
    verified = await provider.parseNotify({ headers, rawBody });
  } catch (error) {
    const rejection = error instanceof NotifyRejectedError ? error : new NotifyRejectedError("MALFORMED", "通知无法解析", 400);
    await journal(false, `rejected ${rejection.code}: ${rejection.message}`, null);
    return provider.reject(rejection);
  }

  if (verified.kind === "refund") {
    return handleRefundNotify({ provider, providerId, accountRef, refund: verified.refund, notifyId: verified.notifyId, journal });
  }
  const { fact, notifyId } = verified;
  // One transaction for the order's check, the fact, its journal line and its timeline entry:
  // one commit per notify instead of three. Safe at READ COMMITTED with several processes:
  // applyFact's conditional UPDATE decides who applies (a racing duplicate finds it done), and the
  // rest are appends; the change is announced, and the platform answered, only after the commit.
  const outcome = await transaction(async (tx) => {
    const order = await getOrderByNo(tx, fact.orderNo);
    if (!order) {
      await journal(true, "rejected ORDER_NOT_FOUND", fact.orderNo, tx);
      return "order_not_found" as const;
    }
    if (order.provider !== providerId || order.accountRef !== accountRef) {
      await journal(true, "rejected ACCOUNT_MISMATCH", fact.orderNo, tx);
      await addOrderEvent(tx, order.id, "anomaly", "收到来自其他收款账户的通知，未采用");
      return "account_mismatch" as const;
    }
    const applied = await applyFactTo(tx, order, fact);
    await journal(true, applied.outcome, fact.orderNo, tx);
    await addOrderEvent(tx, order.id, "notify", `收到通知（已验签）：${FACT_WORDS[fact.kind]}，${NOTIFY_OUTCOME_WORDS[applied.outcome]}`, {
      notifyId,
      outcome: applied.outcome,
    });
    return applied.outcome;
  });
  if (outcome === "order_not_found") return provider.reject(new NotifyRejectedError("ORDER_NOT_FOUND", "订单不存在", 404));
  if (outcome === "account_mismatch") {
    return provider.reject(new NotifyRejectedError("ACCOUNT_MISMATCH", "通知与订单的收款账户不符", 400));
  }
  if (outcome === "anomaly") {
    return provider.reject(new NotifyRejectedError("MISMATCH", "通知内容与订单不符（金额或商户）", 400));
  }
  return provider.acknowledge();
}

async function mayJournalRejection(sourceIp: string): Promise<boolean> {
  const limit = settings().REJECTED_NOTIFY_LOG_PER_MINUTE;
  if (limit === 0) return false;
  const { count } = await countHit(getDb(), `notify-reject:${sourceIp}`, Date.now(), 60_000);
  return count <= limit;
}
