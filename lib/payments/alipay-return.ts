// The payer's browser coming back from the Alipay cashier. The return is a hint, never proof:
// verify its signature, then ask Alipay (the query's fact is what gets applied).
import { getDb } from "@/db/client";
import { addOrderEvent, getOrderByNo } from "@/db/queries/orders";
import type { AlipayProvider } from "./alipay";
import { accountFor, providerOf } from "./providers";
import { refreshOrder } from "./refresh-order";
import { NotifyRejectedError } from "./types";

export type ReturnOutcome = { ok: true; orderNo: string } | { ok: false; status: 400 | 404; message: string };

export async function handleAlipayReturn(params: URLSearchParams): Promise<ReturnOutcome> {
  const accountRef = params.get("account") ?? "env";
  const account = accountRef === "env" || /^\d{1,10}$/.test(accountRef) ? await accountFor("alipay", accountRef, { includeDisabled: true }) : null;
  if (!account) return { ok: false, status: 404, message: "收款账户不存在" };
  const provider = providerOf(account) as AlipayProvider;
  params.delete("account");
  let orderNo: string;
  try {
    orderNo = provider.verifyReturn(params).orderNo;
  } catch (error) {
    const message = error instanceof NotifyRejectedError ? error.message : "返回参数无法验证";
    return { ok: false, status: 400, message };
  }
  const order = await getOrderByNo(getDb(), orderNo);
  if (!order || order.provider !== "alipay") return { ok: false, status: 404, message: "订单不存在" };
  await addOrderEvent(getDb(), order.id, "return", "付款人从支付宝返回（已验签），查询平台确认");
  await refreshOrder(orderNo, { force: true });
  return { ok: true, orderNo };
}
