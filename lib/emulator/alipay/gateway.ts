// /gateway.do: the classic OpenAPI gateway. Browsers arrive with GET (a signed URL) or POST (an
// auto-submitted form); alipay-sdk's exec POSTs the common parameters in the query string and
// biz_content in a form body. Both halves are merged before anything is checked.
import { startAlipayEmulator } from "./lifecycle";
import { isPageMethod, openPagePay } from "./page-pay";
import { errorPage } from "./html";
import { errorInner, responseKey, signedResponse } from "./response";
import type { Params } from "./sign";
import { API_METHODS } from "./trade-api";
import { verifyRequest } from "./verify-request";

export async function handleAlipayGateway(req: Request): Promise<Response> {
  startAlipayEmulator();
  const params = await readGatewayParams(req);
  const method = params.method ?? "";
  const certMode = Boolean(params.app_cert_sn);
  // Without a known method there is no "<method>_response" key: Alipay answers under error_response.
  if (!method) return signedResponse("error_response", errorInner("40001", "isv.missing-method", "缺少方法名参数"), { certMode });
  const page = isPageMethod(method);
  const api = API_METHODS.get(method);
  if (!page && !api) {
    return signedResponse("error_response", errorInner("40002", "isv.invalid-method", "不存在的方法名"), { certMode });
  }

  const check = verifyRequest(params);
  if (!check.ok) {
    // A browser gets Alipay's error page; a server call gets the signed JSON.
    return page ? errorPage(check.error.sub_code, check.error.sub_msg) : signedResponse(responseKey(method), check.error, { certMode });
  }
  if (page) return openPagePay(method, params, merchantReferer(req));
  return api!(params, check.certMode, { requestUrl: req.url });
}

export async function readGatewayParams(req: Request): Promise<Params> {
  const params: Params = {};
  for (const [key, value] of new URL(req.url).searchParams) params[key] = value;
  if (req.method !== "POST") return params;
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    for (const [key, value] of await req.formData()) if (typeof value === "string") params[key] = value;
  } else if (!type.includes("json")) {
    // charset is utf-8 (checked later); URLSearchParams decodes UTF-8 percent-escapes and "+".
    for (const [key, value] of new URLSearchParams(await req.text())) params[key] = value;
  }
  return params;
}

/** The merchant page that sent the payer here, if the browser said (used by 取消付款 on desktop). */
function merchantReferer(req: Request): string | null {
  const referer = req.headers.get("referer");
  if (!referer) return null;
  try {
    const url = new URL(referer);
    if (!/^https?:$/.test(url.protocol) || url.pathname.startsWith("/sandbox/alipay/")) return null;
    return url.toString();
  } catch {
    return null;
  }
}
