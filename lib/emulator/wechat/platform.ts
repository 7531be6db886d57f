// The emulated API host: one entry point for every /v3/ request. It authenticates first, routes,
// and signs whatever it answers to an authenticated caller.
import { authenticate } from "./authenticate";
import { downloadBillFile, tradeBill } from "./bill-api";
import { certificateList } from "./certificates";
import { wechatKeys } from "./credentials";
import { getFault } from "./faults";
import { closeTrade, createNativeTrade } from "./lifecycle";
import { parseNativeRequest } from "./native-request";
import { createH5Prepay, createJsapiPrepay } from "./phone-pay";
import { stripMountPrefix, WECHAT_SANDBOX_PREFIX } from "./platform-path";
import { refundCreate, refundQuery } from "./refund-api";
import { paramError, signedResponse, unsignedResponse, WechatApiError } from "./response";
import { signingKey } from "./sign";
import { toTransaction } from "./transaction";
import { findByOutTradeNo, findByTransactionId, type WechatTrade } from "./trades";

interface Call {
  method: string;
  segments: string[];
  query: URLSearchParams;
  payload: unknown;
  mchId: string;
  /** Where this emulator is reachable, for links it hands out (h5_url): origin + mount prefix. */
  publicBase: string;
}
type Answer = { status: number; body: unknown };
/** A Response is sent as it is (a bill file is raw bytes, not signed JSON). */
type Handler = (call: Call) => Answer | Response;

interface Route {
  method: "GET" | "POST";
  pattern: string[];
  handler: Handler;
}

const NOT_EXIST = () => new WechatApiError(404, "ORDER_NOT_EXIST", "订单不存在");

const ROUTES: Route[] = [
  { method: "POST", pattern: ["v3", "pay", "transactions", "native"], handler: nativePrepay },
  { method: "POST", pattern: ["v3", "pay", "transactions", "jsapi"], handler: (call) => ({ status: 200, body: createJsapiPrepay(call.payload) }) },
  { method: "POST", pattern: ["v3", "pay", "transactions", "h5"], handler: (call) => ({ status: 200, body: createH5Prepay(call.payload, call.publicBase) }) },
  { method: "GET", pattern: ["v3", "pay", "transactions", "out-trade-no", ":no"], handler: queryByOutTradeNo },
  { method: "GET", pattern: ["v3", "pay", "transactions", "id", ":id"], handler: queryByTransactionId },
  { method: "POST", pattern: ["v3", "pay", "transactions", "out-trade-no", ":no", "close"], handler: close },
  { method: "GET", pattern: ["v3", "certificates"], handler: () => ({ status: 200, body: certificateList() }) },
  { method: "POST", pattern: ["v3", "refund", "domestic", "refunds"], handler: refundCreate },
  { method: "GET", pattern: ["v3", "refund", "domestic", "refunds", ":no"], handler: refundQuery },
  { method: "GET", pattern: ["v3", "bill", "tradebill"], handler: (call) => tradeBill(call) },
  { method: "GET", pattern: ["v3", "billdownload", "file"], handler: (call) => downloadBillFile(call) },
];

/**
 * One platform request. requestTarget is the path and query exactly as received, raw and undecoded
 * ("/sandbox/wechat/v3/pay/transactions/out-trade-no/A1?mchid=1900000109"): it is what a merchant
 * following the protocol signed. Routing uses what follows mountPrefix.
 */
export async function handleWechatPlatformRequest(req: Request, requestTarget: string, mountPrefix = ""): Promise<Response> {
  const platformPath = stripMountPrefix(requestTarget, mountPrefix);
  const method = req.method.toUpperCase();
  const body = method === "GET" || method === "HEAD" ? Buffer.alloc(0) : Buffer.from(await req.arrayBuffer());
  const queryAt = platformPath.indexOf("?");
  const rawPath = queryAt === -1 ? platformPath : platformPath.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? "" : platformPath.slice(queryAt + 1));
  const route = matchRoute(method, rawPath);

  let payload: unknown = undefined;
  let payloadError = false;
  if (method === "POST") {
    try {
      payload = JSON.parse(body.toString("utf8"));
    } catch {
      payloadError = true;
    }
  }
  const payloadMchId = method === "POST" ? mchIdOf(payload) : (query.get("mchid") ?? undefined);
  const auth = authenticate({
    method,
    target: requestTarget,
    authorization: req.headers.get("authorization"),
    body,
    payloadMchId,
    payloadLocation: method === "POST" ? "body" : "query",
  });

  if (!route) {
    const notFound = { code: "NOT_FOUND", message: `没有这个接口：${method} ${rawPath}` };
    return auth.ok ? signedResponse(404, notFound, signingKey(req.headers.get("wechatpay-serial"))) : unsignedResponse(404, notFound);
  }
  if (!auth.ok) return unsignedResponse(401, { code: "SIGN_ERROR", message: auth.message });

  const key = signingKey(req.headers.get("wechatpay-serial"));
  try {
    if (payloadError) throw paramError("请求体不是合法的 JSON");
    const answer = route.handler({ method, segments: route.params, query, payload, mchId: auth.mchId, publicBase: new URL(req.url).origin + (mountPrefix || WECHAT_SANDBOX_PREFIX) });
    if (answer instanceof Response) return answer;
    return signedResponse(answer.status, answer.body, key);
  } catch (error) {
    if (error instanceof WechatApiError) return signedResponse(error.status, error.body(), key);
    // Never echo internals (or anything secret) to the caller; the log has the message only.
    console.error("wechat emulator: request failed", error instanceof Error ? error.message : error);
    return signedResponse(500, { code: "SYSTEM_ERROR", message: "系统错误，请使用相同参数重试" }, key);
  }
}

function matchRoute(method: string, rawPath: string): (Route & { params: string[] }) | null {
  const parts = rawPath.split("/").slice(1);
  for (const route of ROUTES) {
    if (route.method !== method || route.pattern.length !== parts.length) continue;
    const params: string[] = [];
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      if (route.pattern[i].startsWith(":")) {
        const value = decodeSegment(parts[i]);
        ok = value !== null && value !== "";
        if (ok) params.push(value!);
      } else ok = route.pattern[i] === parts[i];
    }
    if (ok) return { ...route, params };
  }
  return null;
}

function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function mchIdOf(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  const value = (payload as Record<string, unknown>).mchid;
  return typeof value === "string" ? value : undefined;
}

function requireQueryMchId(call: Call): void {
  if (!call.query.get("mchid")) throw new WechatApiError(400, "PARAM_ERROR", "缺少查询参数 mchid", { location: "query", field: "mchid" });
}

// POST /v3/pay/transactions/native
function nativePrepay(call: Call): Answer {
  const keys = wechatKeys();
  const request = parseNativeRequest(call.payload, { appId: keys.appId, mchId: keys.mchId });
  const trade = createNativeTrade(request);
  return { status: 200, body: { code_url: trade.codeUrl } };
}

function answerQuery(trade: WechatTrade | null): Answer {
  if (!trade) throw NOT_EXIST();
  if (getFault(trade.outTradeNo).queryError) throw new WechatApiError(500, "SYSTEM_ERROR", "系统错误，请使用相同参数稍后重试");
  return { status: 200, body: toTransaction(trade) };
}

// GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=
function queryByOutTradeNo(call: Call): Answer {
  requireQueryMchId(call);
  return answerQuery(findByOutTradeNo(call.mchId, call.segments[0]));
}

// GET /v3/pay/transactions/id/{transaction_id}?mchid=
function queryByTransactionId(call: Call): Answer {
  requireQueryMchId(call);
  return answerQuery(findByTransactionId(call.mchId, call.segments[0]));
}

// POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close
function close(call: Call): Answer {
  const payload = call.payload;
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) throw paramError("请求体须为 JSON 对象");
  for (const field of Object.keys(payload)) if (field !== "mchid") throw paramError(`请求参数中包含未定义的参数 ${field}`, `/${field}`);
  if (typeof (payload as { mchid?: unknown }).mchid !== "string") throw paramError("缺少参数 mchid", "/mchid");
  const trade = findByOutTradeNo(call.mchId, call.segments[0]);
  if (!trade) throw NOT_EXIST();
  closeTrade(trade);
  return { status: 204, body: null };
}
