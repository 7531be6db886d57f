// PaymentProvider for Alipay page (desktop) and wap (phone) payments over the classic gateway:
// translates between our order vocabulary and alipay-sdk, never touching the database.
import type crypto from "node:crypto";
import { AlipayRequestError, type AlipaySdk, type AlipaySdkCommonResult } from "alipay-sdk";
import { isFen, MAX_FEN, toYuan } from "@/lib/money";
import {
  PaymentPlatformError,
  type AlipayAccount,
  type CloseOutcome,
  type PaymentFact,
  type PaymentProvider,
  type PaymentRequest,
} from "../types";
import { parseTradeNotify, parseTradeReturn, type InboundCheck } from "./notify";
import { gatewayAnswer, type GatewayAnswer } from "./schemas";
import { ResponseSignatureError } from "./sdk";
import { formatBeijingTime } from "./time";
import { notFoundFact, queryResponseToFact, TradeShapeError } from "./transform";

export interface AlipayProvider extends PaymentProvider {
  /** Verifies the signed return-URL query (our own `account` parameter removed); throws NotifyRejectedError. */
  verifyReturn(params: URLSearchParams): { orderNo: string };
}

/** out_trade_no: up to 64 letters, digits and underscores. */
const OUT_TRADE_NO = /^[0-9A-Za-z_]{1,64}$/;
const SUBJECT_MAX_CHARS = 256;
const PAGE_METHODS = {
  page: { method: "alipay.trade.page.pay", productCode: "FAST_INSTANT_TRADE_PAY" },
  wap: { method: "alipay.trade.wap.pay", productCode: "QUICK_WAP_WAY" },
} as const;
/** sub_codes that mean "the outcome is unknown, ask again later". */
const TRANSIENT_SUB_CODES = new Set(["ACQ.SYSTEM_ERROR", "aop.ACQ.SYSTEM_ERROR", "isp.unknow-error", "aop.unknow-error"]);

export interface ProviderDeps {
  sdk: AlipaySdk;
  alipayPublicKey: crypto.KeyObject;
  now: () => number;
}

export function createProvider(account: AlipayAccount, deps: ProviderDeps): AlipayProvider {
  const { sdk, now } = deps;
  const inbound: InboundCheck = { appId: account.appId, sellerId: account.sellerId, alipayPublicKey: deps.alipayPublicKey };
  // The order records merchantId = seller id. Without a configured one there is nothing to compare
  // a notify's seller_id with, so facts leave it out rather than mismatch an empty merchantId.
  const comparableFact = (fact: PaymentFact): PaymentFact =>
    account.sellerId || fact.kind === "not_found" ? fact : { ...fact, merchantId: undefined };

  /**
   * exec with the response signature verified. The SDK's timestamp is the process's local time;
   * ours (a common parameter it copies over its own) is Beijing time whatever TZ says.
   */
  async function call(method: string, bizContent: Record<string, string>): Promise<GatewayAnswer & Record<string, unknown>> {
    let answer: AlipaySdkCommonResult;
    try {
      answer = await sdk.exec(method, { bizContent, timestamp: formatBeijingTime(now()) }, { validateSign: true });
    } catch (error) {
      throw transportError(method, error);
    }
    const parsed = gatewayAnswer.safeParse(answer);
    if (!parsed.success) throw unavailable("MALFORMED_RESPONSE", `${method} 的应答缺少 code`);
    return { ...answer, ...parsed.data };
  }

  return {
    id: "alipay",
    appId: account.appId,
    merchantId: account.sellerId ?? "",

    async createPayment(request) {
      if (request.channel !== "page" && request.channel !== "wap") {
        throw rejected("UNSUPPORTED_CHANNEL", `支付宝只接入了电脑网站支付（page）和手机网站支付（wap），不支持 ${request.channel}`);
      }
      assertOutTradeNo(request.orderNo);
      if (!isFen(request.amountFen) || request.amountFen < 1 || request.amountFen > MAX_FEN) {
        throw rejected("INVALID_AMOUNT", `金额必须是 1 分到 1 亿元之间的整数分：${request.amountFen}`);
      }
      const expiresMs = request.expiresAt.getTime();
      if (!Number.isFinite(expiresMs) || expiresMs <= now()) throw rejected("INVALID_EXPIRY", "订单过期时间无效或已过");
      const { method, productCode } = PAGE_METHODS[request.channel];
      const bizContent: Record<string, string> = {
        out_trade_no: request.orderNo,
        total_amount: toYuan(request.amountFen),
        subject: subjectOf(request),
        product_code: productCode,
        time_expire: formatBeijingTime(expiresMs),
      };
      // Where the phone cashier's "back" button goes: our payment page for this order.
      if (request.channel === "wap") bizContent.quit_url = `${new URL(account.returnUrl).origin}/pay/${request.orderNo}`;
      const payUrl = sdk.pageExecute(method, "GET", {
        bizContent,
        notify_url: account.notifyUrl,
        return_url: account.returnUrl,
        timestamp: formatBeijingTime(now()),
      });
      return { kind: "redirect", payUrl };
    },

    async queryPayment(orderNo) {
      assertOutTradeNo(orderNo);
      const answer = await call("alipay.trade.query", { out_trade_no: orderNo });
      if (answer.code === "10000") {
        let fact: PaymentFact;
        try {
          fact = queryResponseToFact(answer, account.appId);
        } catch (error) {
          if (error instanceof TradeShapeError) throw unavailable("MALFORMED_RESPONSE", error.message);
          throw error;
        }
        if (fact.orderNo !== orderNo) {
          throw unavailable("MISMATCHED_RESPONSE", `查询 ${orderNo} 得到了另一笔交易 ${fact.orderNo.slice(0, 64)} 的应答`);
        }
        return comparableFact(fact);
      }
      if (answer.sub_code === "ACQ.TRADE_NOT_EXIST") return notFoundFact(orderNo, "query");
      throw answerError("alipay.trade.query", answer);
    },

    // Refunds and bills arrive with the refunds and reconciliation work; until then they are refused.
    async refund() {
      throw new PaymentPlatformError("rejected", "NOT_SUPPORTED", "退款尚未接入");
    },
    async queryRefund() {
      throw new PaymentPlatformError("rejected", "NOT_SUPPORTED", "退款尚未接入");
    },
    async downloadBill() {
      throw new PaymentPlatformError("rejected", "NOT_SUPPORTED", "对账单尚未接入");
    },

    async closePayment(orderNo): Promise<CloseOutcome> {
      assertOutTradeNo(orderNo);
      const answer = await call("alipay.trade.close", { out_trade_no: orderNo });
      if (answer.code === "10000") return "closed";
      switch (answer.sub_code) {
        case "ACQ.TRADE_NOT_EXIST":
          return "not_found";
        case "ACQ.TRADE_HAS_CLOSE":
          return "closed";
        // Only WAIT_BUYER_PAY can be closed: a status error means the payer got there first.
        // The caller queries next, so a trade closed in the meantime is still told apart.
        case "ACQ.TRADE_STATUS_ERROR":
        case "ACQ.TRADE_HAS_SUCCESS":
        case "ACQ.TRADE_HAS_FINISHED":
          return "already_paid";
        default:
          throw answerError("alipay.trade.close", answer);
      }
    },

    async parseNotify({ rawBody }) {
      const verified = parseTradeNotify(rawBody, inbound);
      if (verified.kind !== "payment") return verified;
      return { kind: "payment", notifyId: verified.notifyId, fact: comparableFact(verified.fact) };
    },

    verifyReturn(params) {
      return parseTradeReturn(params, inbound);
    },

    acknowledge() {
      return plainText("success");
    },

    // Alipay retries on any body other than exactly "success", whatever the status; 200 with
    // "fail" is what its own demos answer, and a 4xx would only add noise to its delivery logs.
    reject() {
      return plainText("fail");
    },
  };
}

function plainText(body: string): Response {
  return new Response(body, { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** Alipay's subject: the description, trimmed, at most 256 characters (not UTF-16 units). */
function subjectOf(request: PaymentRequest): string {
  const subject = Array.from(request.description.trim()).slice(0, SUBJECT_MAX_CHARS).join("");
  return subject || request.orderNo;
}

function assertOutTradeNo(orderNo: string): void {
  if (!OUT_TRADE_NO.test(orderNo)) {
    throw rejected("INVALID_OUT_TRADE_NO", `订单号须为 1-64 位字母、数字或下划线：${orderNo.slice(0, 70)}`);
  }
}

function rejected(code: string, message: string): PaymentPlatformError {
  return new PaymentPlatformError("rejected", code, message);
}

function unavailable(code: string, message: string): PaymentPlatformError {
  return new PaymentPlatformError("unavailable", code, message);
}

/** Anything exec throws leaves the outcome unknown: no answer, a non-200, or one we could not verify. */
function transportError(method: string, error: unknown): PaymentPlatformError {
  if (error instanceof ResponseSignatureError) return unavailable("INVALID_RESPONSE_SIGNATURE", `${method}：${error.message}`);
  if (error instanceof AlipayRequestError) return unavailable("GATEWAY_ERROR", `${method}：${error.message.slice(0, 200)}`);
  const message = error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
  return unavailable("GATEWAY_ERROR", `${method}：${message}`);
}

/** A verified, non-10000 answer: 20000 and SYSTEM_ERROR are transient; the rest are refusals. */
function answerError(method: string, answer: GatewayAnswer): PaymentPlatformError {
  const code = answer.sub_code ?? answer.code;
  const said = [answer.msg, answer.sub_msg].filter(Boolean).join("：").slice(0, 200);
  const message = `${method} 返回 ${answer.code}${answer.sub_code ? ` ${answer.sub_code}` : ""}${said ? `（${said}）` : ""}`;
  if (answer.code === "20000" || (answer.sub_code && TRANSIENT_SUB_CODES.has(answer.sub_code))) {
    return unavailable(code, `支付宝暂时不可用：${message}`);
  }
  return rejected(code, `支付宝拒绝了请求：${message}`);
}

