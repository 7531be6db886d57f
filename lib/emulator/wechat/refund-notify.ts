// REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED notifies: the same envelope, AES-GCM and
// per-attempt signature as payment notifies (the dispatcher signs with the WeChat signer that
// ./notify registers), with original_type and associated_data "refund".
import crypto from "node:crypto";
import { enqueueNotify, listNotifies, type OutboundNotify } from "../dispatcher";
import { encryptResource, type EncryptedResource } from "./aead";
import { wechatKeys } from "./credentials";
import { NOTIFY_CONTENT_TYPE } from "./notify";
import { toRefundNotifyResource, type RefundNotifyResource } from "./refund-object";
import { takeRefundNotifyFault } from "./refund-faults";
import type { RefundStatus, WechatRefund } from "./refunds";
import { rfc3339Beijing } from "./time";

type Settled = Exclude<RefundStatus, "PROCESSING">;

const SUMMARY: Record<Settled, string> = { SUCCESS: "退款成功", ABNORMAL: "退款异常", CLOSED: "退款关闭" };

export interface RefundNotifyEnvelope {
  id: string;
  create_time: string;
  resource_type: "encrypt-resource";
  event_type: `REFUND.${Settled}`;
  summary: string;
  resource: EncryptedResource & { original_type: "refund" };
}

export function refundEnvelope(resource: RefundNotifyResource, now = Date.now()): RefundNotifyEnvelope {
  const encrypted = encryptResource(JSON.stringify(resource), "refund", wechatKeys().apiV3Key);
  return {
    id: crypto.randomUUID(),
    create_time: rfc3339Beijing(now),
    resource_type: "encrypt-resource",
    event_type: `REFUND.${resource.refund_status}`,
    summary: SUMMARY[resource.refund_status],
    resource: { original_type: "refund", ...encrypted },
  };
}

/** The dispatcher's key for a refund's notifies (kept apart from the trade's payment notifies). */
export const refundNotifyKey = (outRefundNo: string) => `refund:${outRefundNo}`;

/** Queues the settled refund's notify to its notify_url, else the trade's, with the trade's one-shot fault. */
export function enqueueRefundNotify(refund: WechatRefund & { status: Settled }, tradeNotifyUrl: string): OutboundNotify {
  return enqueueNotify({
    platform: "wechat",
    tradeKey: refundNotifyKey(refund.outRefundNo),
    url: refund.notifyUrl ?? tradeNotifyUrl,
    contentType: NOTIFY_CONTENT_TYPE,
    body: JSON.stringify(refundEnvelope(toRefundNotifyResource(refund))),
    fault: takeRefundNotifyFault(refund.outTradeNo),
  });
}

export function refundNotifies(outRefundNo: string): OutboundNotify[] {
  return listNotifies(refundNotifyKey(outRefundNo)).filter((n) => n.platform === "wechat");
}
