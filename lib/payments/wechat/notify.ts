// A payment or refund notify, in the order the protocol demands: signature and timestamp over the
// raw body, then the envelope, then authenticated decryption, then the transaction or refund. Only
// NotifyRejectedError ever leaves this function.
// https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_4_5.shtml
import { NotifyRejectedError, type NotifyInput, type VerifiedNotify } from "../types";
import { decryptResource } from "./decrypt";
import { refundResourceToFact } from "./refund-transform";
import { describeIssues, notifyEnvelope } from "./schemas";
import { toPaymentFact } from "./transform";
import { SignatureError, type SignatureVerifier } from "./verify";

export interface NotifyContext {
  verifier: SignatureVerifier;
  apiV3Key: string;
}

export async function parseWechatNotify(input: NotifyInput, context: NotifyContext): Promise<VerifiedNotify> {
  try {
    return await parseVerified(input, context);
  } catch (error) {
    if (error instanceof NotifyRejectedError) throw error;
    throw new NotifyRejectedError("INTERNAL_ERROR", "处理通知时出错，请稍后重试", 500);
  }
}

async function parseVerified(input: NotifyInput, context: NotifyContext): Promise<VerifiedNotify> {
  try {
    await context.verifier.verify(input.headers, input.rawBody);
  } catch (error) {
    if (!(error instanceof SignatureError)) throw error;
    // Certificates we could not download: our problem, so ask the platform to retry later.
    throw new NotifyRejectedError(error.code, error.message, error.code === "CERTIFICATES_UNAVAILABLE" ? 503 : 401);
  }

  const envelope = notifyEnvelope.safeParse(parseJson(input.rawBody, "通知体"));
  if (!envelope.success) throw new NotifyRejectedError("MALFORMED", `通知格式不正确：${describeIssues(envelope.error)}`);
  const { id, event_type: eventType, resource } = envelope.data;
  // REFUND.SUCCESS / ABNORMAL / CLOSED carry original_type "refund"; payments "transaction".
  const isRefund = eventType.startsWith("REFUND.") || resource.original_type === "refund";
  const expectedType = isRefund ? "refund" : "transaction";
  if (resource.original_type !== undefined && resource.original_type !== expectedType) {
    throw new NotifyRejectedError("UNSUPPORTED_EVENT", `不处理此类通知：${eventType.slice(0, 64)}（${(resource.original_type ?? "").slice(0, 32)}）`);
  }

  let plaintext: string;
  try {
    plaintext = decryptResource(resource, context.apiV3Key);
  } catch (error) {
    throw new NotifyRejectedError("DECRYPT_FAILED", error instanceof Error ? error.message : "解密失败");
  }
  try {
    // The refund's status follows the decrypted refund_status, whatever event_type claims.
    if (isRefund) return { kind: "refund", notifyId: id, refund: refundResourceToFact(parseJson(plaintext, "通知资源")) };
    // The fact follows the decrypted trade_state, whatever event_type claims.
    return { kind: "payment", notifyId: id, fact: toPaymentFact(parseJson(plaintext, "通知资源"), "notify") };
  } catch (error) {
    if (error instanceof NotifyRejectedError) throw error;
    throw new NotifyRejectedError("MALFORMED", error instanceof Error ? error.message : "交易数据格式不正确");
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new NotifyRejectedError("MALFORMED", `${what}不是 JSON`);
  }
}
