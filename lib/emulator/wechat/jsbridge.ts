// The emulator's end of the JS bridge (POST /sandbox/wechat/jsbridge): "check" (what WeChat
// verifies before the pay sheet opens) and "pay" (the payer pressed 确认支付). The script sends
// text/plain JSON so a merchant page on another origin needs no preflight.
import { z } from "zod";
import { formatFen } from "../money";
import { TradeActionError } from "./lifecycle";
import { checkBridgeParams, payByBridge } from "./phone-pay";
import { MERCHANT_NAME } from "./wallet";
import { JSBRIDGE_SCRIPT } from "./jsbridge-script";

const text = z.string().max(2048);
const bridgeBody = z.object({
  action: z.enum(["check", "pay"]),
  params: z.object({ appId: text, timeStamp: text, nonceStr: text, package: text, signType: text, paySign: text }),
});

const CORS = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" };
const answer = (body: unknown, status = 200) => Response.json(body, { status, headers: CORS });

// GET /sandbox/wechat/jsbridge.js
export function handleJsBridgeScript(): Response {
  return new Response(JSBRIDGE_SCRIPT, { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" } });
}

// POST /sandbox/wechat/jsbridge
export async function handleJsBridgeCall(req: Request): Promise<Response> {
  let raw: unknown;
  try {
    raw = JSON.parse(await req.text());
  } catch {
    return answer({ ok: false, errDesc: "请求体须为 JSON" }, 400);
  }
  const parsed = bridgeBody.safeParse(raw);
  // A page that passes wrong parameters gets :fail, as from WeChat, not an error page.
  if (!parsed.success) return answer({ ok: false, errDesc: `getBrandWCPayRequest 参数缺失或类型错误：${z.prettifyError(parsed.error)}` });
  const { action, params } = parsed.data;
  if (action === "check") {
    const check = checkBridgeParams(params);
    if (!check.ok) return answer(check);
    return answer({ ok: true, merchantName: MERCHANT_NAME, description: check.trade.description, amountText: formatFen(check.trade.totalFen) });
  }
  try {
    const result = payByBridge(params);
    if ("ok" in result) return answer(result);
    return answer({ ok: true });
  } catch (error) {
    if (error instanceof TradeActionError) return answer({ ok: false, errDesc: error.message });
    throw error;
  }
}
