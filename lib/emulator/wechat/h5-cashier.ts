// The page h5_url opens (GET /sandbox/wechat/h5pay?prepay_id=…&package=…&redirect_url=…): it stands
// for WeChat's H5 cashier. The payer pays or gives up, then goes back to redirect_url; like WeChat,
// it does not tell the merchant page which (the page must check the order).
import { formatFen } from "../money";
import { escapeHtml, htmlPage } from "./html";
import { TradeActionError } from "./lifecycle";
import { H5_CASHIER_PATH, h5CashierView, payByH5Link } from "./phone-pay";
import { MERCHANT_NAME } from "./wallet";

/** An absolute http(s) redirect_url, or null. */
function returnUrl(raw: string | null): URL | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "https:" || url.protocol === "http:" ? url : null;
  } catch {
    return null;
  }
}

const STATUS_TEXT = {
  paid: "该订单已支付",
  closed: "订单已关闭，请回到商户页面重新下单",
  expired: "订单已过期，请回到商户页面重新下单",
  link_expired: "支付链接已过期（有效期 5 分钟），请回到商户页面重新发起支付",
  unknown: "支付链接无效",
} as const;

// GET /sandbox/wechat/h5pay
export function handleH5Cashier(req: Request): Response {
  const q = new URL(req.url).searchParams;
  const token = q.get("prepay_id") ?? "";
  const back = returnUrl(q.get("redirect_url"));
  if (q.get("redirect_url") && !back) return htmlPage("微信支付（模拟器）", `<h1>微信支付（模拟器）</h1><p class="error" role="alert">redirect_url 须为 urlencode 后的 http(s) 地址</p>`, 400);
  // WeChat refuses an h5_url opened without a Referer (a no-referrer policy on the merchant page).
  const referer = req.headers.get("referer");
  if (!referer) {
    return htmlPage(
      "微信支付（模拟器）",
      `<h1>微信支付（模拟器）</h1><p class="error" role="alert" data-testid="h5-error">商家参数格式有误，请联系商家解决</p>
<p class="muted">请求没有带 Referer：商户页面的 Referrer-Policy 不能是 no-referrer 或 same-origin（用 strict-origin-when-cross-origin）。</p>`,
      400,
    );
  }
  const view = h5CashierView(token);
  const backLink = back ? `<a class="button secondary" href="${escapeHtml(back.toString())}">返回商户</a>` : "";
  if (view.status !== "payable") {
    return htmlPage("微信支付（模拟器）", `<h1>微信支付（模拟器）</h1><p class="error" role="alert" data-testid="h5-status" data-status="${view.status}">${STATUS_TEXT[view.status]}</p>${backLink}`);
  }
  const hidden = `<input type="hidden" name="prepay_id" value="${escapeHtml(token)}"><input type="hidden" name="redirect_url" value="${escapeHtml(back?.toString() ?? "")}">`;
  return htmlPage(
    "微信支付（模拟器）",
    `<h1>微信支付（模拟器）</h1><p class="tag">H5 支付 · 模拟环境 · 不产生真实扣款</p>
<p class="muted" style="text-align:center">${escapeHtml(MERCHANT_NAME)}</p>
<p style="text-align:center">${escapeHtml(view.description ?? "")}</p>
<p class="amount" data-testid="h5-amount">${formatFen(view.totalFen ?? 0)}</p>
<form method="post" action="${H5_CASHIER_PATH}/pay">${hidden}<button class="primary" name="action" value="pay">确认支付</button>
<button class="secondary" name="action" value="cancel">取消支付</button></form>`,
  );
}

// POST /sandbox/wechat/h5pay/pay – 确认支付 or 取消支付, then 303 back to redirect_url
export async function handleH5CashierAction(req: Request): Promise<Response> {
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return htmlPage("微信支付（模拟器）", `<h1>微信支付（模拟器）</h1><p class="error" role="alert">请求格式错误</p>`, 400);
  }
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const back = returnUrl(field("redirect_url"));
  let message = "已取消支付";
  if (field("action") === "pay") {
    try {
      payByH5Link(field("prepay_id"));
      message = "支付成功";
    } catch (error) {
      if (!(error instanceof TradeActionError)) throw error;
      message = error.message;
    }
  }
  if (back) return new Response(null, { status: 303, headers: { Location: back.toString() } });
  return htmlPage("微信支付（模拟器）", `<h1>微信支付（模拟器）</h1><p role="status" data-testid="h5-result">${escapeHtml(message)}</p>`);
}
