// TRANSACTION.SUCCESS notifies: the transaction encrypted into an envelope, queued with the shared
// dispatcher, which signs every attempt afresh (a retry an hour later carries a new timestamp).
import crypto from "node:crypto";
import { enqueueNotify, setHeaderSigner, type OutboundNotify } from "../dispatcher";
import { encryptResource, type EncryptedResource } from "./aead";
import { wechatKeys } from "./credentials";
import { takeNotifyFault } from "./faults";
import { signatureHeaders, signingKey } from "./sign";
import { rfc3339Beijing } from "./time";
import type { Transaction } from "./transaction";
import type { WechatTrade } from "./trades";

export const NOTIFY_CONTENT_TYPE = "application/json";

// Registered wherever this module is loaded, so whichever copy of the dispatcher delivers a
// WeChat notify can sign it. Notifies use the configured mode (a portal setting at WeChat).
setHeaderSigner("wechat", (body) => signatureHeaders(body, signingKey()));

export interface NotifyEnvelope {
  id: string;
  create_time: string;
  resource_type: "encrypt-resource";
  event_type: "TRANSACTION.SUCCESS";
  summary: "支付成功";
  resource: EncryptedResource & { original_type: "transaction" };
}

export function paymentEnvelope(transaction: Transaction, now = Date.now()): NotifyEnvelope {
  const resource = encryptResource(JSON.stringify(transaction), "transaction", wechatKeys().apiV3Key);
  return {
    id: crypto.randomUUID(),
    create_time: rfc3339Beijing(now),
    resource_type: "encrypt-resource",
    event_type: "TRANSACTION.SUCCESS",
    summary: "支付成功",
    resource: { original_type: "transaction", ...resource },
  };
}

/** Queues the notify to the trade's notify_url, applying the trade's one-shot fault. */
export function enqueuePaymentNotify(trade: WechatTrade, transaction: Transaction): OutboundNotify {
  const { fault, delayMs } = takeNotifyFault(trade.outTradeNo);
  return enqueueNotify({
    platform: "wechat",
    tradeKey: trade.outTradeNo,
    url: trade.notifyUrl,
    contentType: NOTIFY_CONTENT_TYPE,
    body: JSON.stringify(paymentEnvelope(transaction)),
    delayMs,
    fault,
  });
}
