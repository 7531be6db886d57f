// PaymentProvider for Alipay page (desktop) and wap (phone) payments over the classic gateway:
// translates between our order vocabulary and alipay-sdk, never touching the database.
import type crypto from "node:crypto";
import { AlipayRequestError, type AlipaySdk, type AlipaySdkCommonResult } from "alipay-sdk";
import { isFen, MAX_FEN, toYuan } from "@/lib/money";
import {
  NotifyRejectedError,
  PaymentPlatformError,
  type AlipayAccount,
  type BillResult,
  type CloseOutcome,
  type PaymentFact,
  type PaymentProvider,
  type PaymentRequest,
  type RefundFact,
  type RefundRequest,
} from "../types";
import { BillDownloadError, billNotExistResult, fetchBillZip, INVALID_BILL_ARGUMENT_CODES, isBillDate } from "./bill";
import { BillFileError, detailCsvFromZip } from "./bill-file";
import { parseAlipayTradeBill } from "./bill-parse";
import { parseTradeNotify, parseTradeReturn, type InboundCheck } from "./notify";
import { refundAnswerToFact, refundQueryToFact, type RefundNotice } from "./refund";
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
/** out_request_no: at most 64 characters; we keep to letters, digits, "_" and "-". */
const OUT_REQUEST_NO = /^[0-9A-Za-z_-]{1,64}$/;
const REFUND_REASON_MAX_CHARS = 256;
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
  async function call(method: string, bizContent: Record<string, unknown>): Promise<GatewayAnswer & Record<string, unknown>> {
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

  const comparableRefund = (fact: RefundFact): RefundFact =>
    fact.kind === "refund" && account.sellerId ? { ...fact, merchantId: account.sellerId } : fact;

  async function queryRefund(input: { refundNo: string; orderNo: string }): Promise<RefundFact> {
    assertOutTradeNo(input.orderNo);
    assertRefundNo(input.refundNo);
    const answer = await call("alipay.trade.fastpay.refund.query", {
      out_trade_no: input.orderNo,
      out_request_no: input.refundNo,
      query_options: ["gmt_refund_pay"],
    });
    if (answer.code === "10000") {
      try {
        return comparableRefund(refundQueryToFact(answer, input, account.appId));
      } catch (error) {
        if (error instanceof TradeShapeError) throw unavailable("MALFORMED_RESPONSE", error.message);
        throw error;
      }
    }
    // No trade, so no refund of it: a refund create that never arrived.
    if (answer.sub_code === "ACQ.TRADE_NOT_EXIST") return { kind: "refund_not_found", refundNo: input.refundNo, orderNo: input.orderNo, source: "query" };
    throw answerError("alipay.trade.fastpay.refund.query", answer);
  }

  /**
   * A verified refund notify carries only the trade's cumulative refund_fee, never this refund's
   * own amount: the signed refund query supplies it. Until the query confirms, the notify is
   * refused so that Alipay sends it again.
   */
  async function confirmRefundNotice(notice: RefundNotice): Promise<RefundFact> {
    const unconfirmed = (why: string) => new NotifyRejectedError("REFUND_UNCONFIRMED", `退款通知已验签，但${why}，稍后重试`, 503);
    let fact: RefundFact;
    try {
      fact = await queryRefund({ refundNo: notice.refundNo, orderNo: notice.orderNo });
    } catch (error) {
      if (error instanceof PaymentPlatformError) throw unconfirmed(`退款查询失败（${error.message.slice(0, 120)}）`);
      throw error;
    }
    if (fact.kind !== "refund") throw unconfirmed("退款查询尚未查到该退款");
    if (fact.refundFen > notice.refundedTotalFen) throw new NotifyRejectedError("MISMATCH", "退款查询的金额大于通知中的累计退款金额");
    return { ...fact, succeededAt: fact.succeededAt ?? notice.refundedAt, source: "notify" };
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

    async refund(request) {
      assertRefundRequest(request);
      const answer = await call("alipay.trade.refund", {
        out_trade_no: request.orderNo,
        refund_amount: toYuan(request.refundFen),
        out_request_no: request.refundNo,
        ...(refundReasonOf(request) ? { refund_reason: refundReasonOf(request) } : {}),
      });
      if (answer.code !== "10000") throw answerError("alipay.trade.refund", answer);
      let fact: RefundFact | null;
      try {
        fact = refundAnswerToFact(answer, request, account.appId);
      } catch (error) {
        if (error instanceof TradeShapeError) throw unavailable("MALFORMED_RESPONSE", error.message);
        throw error;
      }
      if (fact) return comparableRefund(fact);
      // fund_change N: nothing moved now. A repeat of a refund already made shows in the query;
      // otherwise (or while the query lags) the outcome is unclear, and stays "processing".
      const processing: RefundFact = {
        kind: "refund",
        refundNo: request.refundNo,
        orderNo: request.orderNo,
        status: "processing",
        refundFen: request.refundFen,
        appId: account.appId,
        source: "query",
      };
      let confirmed: RefundFact;
      try {
        confirmed = await queryRefund({ refundNo: request.refundNo, orderNo: request.orderNo });
      } catch (error) {
        if (error instanceof PaymentPlatformError) return processing;
        throw error;
      }
      if (confirmed.kind !== "refund") return processing;
      if (confirmed.refundFen !== request.refundFen) {
        throw unavailable("MISMATCHED_RESPONSE", `退款 ${request.refundNo} 在支付宝的金额为 ${confirmed.refundFen} 分，与请求的 ${request.refundFen} 分不符`);
      }
      return confirmed;
    },

    queryRefund,

    async downloadBill(date): Promise<BillResult> {
      if (!isBillDate(date)) throw rejected("INVALID_BILL_DATE", `账单日期须为 yyyy-MM-dd：${date.slice(0, 20)}`);
      const answer = await call("alipay.data.dataservice.bill.downloadurl.query", { bill_type: "trade", bill_date: date });
      if (answer.code !== "10000") {
        if (answer.sub_code === "isp.bill_not_exist") return billNotExistResult(date, now());
        if (answer.sub_code && INVALID_BILL_ARGUMENT_CODES.has(answer.sub_code)) {
          return { status: "unavailable", date, message: `支付宝不提供 ${date} 的账单：${(answer.sub_msg ?? answer.sub_code).slice(0, 200)}` };
        }
        throw answerError("alipay.data.dataservice.bill.downloadurl.query", answer);
      }
      const url = answer.bill_download_url;
      if (typeof url !== "string" || !url) throw unavailable("MALFORMED_RESPONSE", "账单下载地址查询的应答缺少 bill_download_url");
      try {
        const detail = detailCsvFromZip(await fetchBillZip(url));
        return { status: "ready", date, ...parseAlipayTradeBill(detail.text, date) };
      } catch (error) {
        if (error instanceof BillDownloadError) throw unavailable("BILL_DOWNLOAD_FAILED", error.message);
        if (error instanceof BillFileError) throw unavailable("BILL_FILE_INVALID", error.message);
        throw error;
      }
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
      if (verified.kind === "payment") return { kind: "payment", notifyId: verified.notifyId, fact: comparableFact(verified.fact) };
      return { kind: "refund", notifyId: verified.notifyId, refund: await confirmRefundNotice(verified.notice) };
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

function assertRefundNo(refundNo: string): void {
  if (!OUT_REQUEST_NO.test(refundNo)) {
    throw rejected("INVALID_OUT_REQUEST_NO", `退款单号须为 1-64 位字母、数字、下划线或连字符：${refundNo.slice(0, 70)}`);
  }
}

function assertRefundRequest(request: RefundRequest): void {
  assertOutTradeNo(request.orderNo);
  assertRefundNo(request.refundNo);
  if (!isFen(request.refundFen) || request.refundFen < 1 || request.refundFen > MAX_FEN) {
    throw rejected("INVALID_AMOUNT", `退款金额必须是 1 分到 1 亿元之间的整数分：${request.refundFen}`);
  }
}

/** refund_reason: shown to the payer; trimmed, at most 256 characters. */
function refundReasonOf(request: RefundRequest): string {
  return Array.from(request.reason.trim()).slice(0, REFUND_REASON_MAX_CHARS).join("");
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

