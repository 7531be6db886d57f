// How a WeChat Pay error answer becomes a PaymentPlatformError: "unavailable" when the outcome is
// unknown and a retry (or a query) may succeed, "rejected" when the platform said no.
import { PaymentPlatformError } from "../types";
import { errorBody } from "./schemas";

/** Codes that mean "try again later" whatever the HTTP status (v3 error tables). */
const TRANSIENT_CODES = new Set(["SYSTEM_ERROR", "FREQUENCY_LIMITED", "BANK_ERROR"]);

export function unavailable(code: string, message: string): PaymentPlatformError {
  return new PaymentPlatformError("unavailable", code, message);
}

/** `bodyText` is the raw answer, `{"code":"…","message":"…"}` when the platform wrote it. */
export function errorAnswerToPlatformError(status: number, bodyText: string): PaymentPlatformError {
  const body = parseErrorBody(bodyText);
  const said = body?.message ? `：${body.message.slice(0, 200)}` : "";
  // 401 is the platform refusing OUR signature (unsigned, as WeChat only signs what it authenticated).
  if (status === 401) {
    return new PaymentPlatformError("rejected", "SIGN_ERROR", `微信支付未能验证本方请求签名（401 SIGN_ERROR）${said}`);
  }
  const code = body?.code ?? `HTTP_${status}`;
  if (status >= 500 || status === 429 || TRANSIENT_CODES.has(code)) {
    return unavailable(code, `微信支付暂时不可用（${status} ${code}）${said}`);
  }
  if (status >= 400) return new PaymentPlatformError("rejected", code, `微信支付拒绝了请求（${status} ${code}）${said}`);
  return unavailable(code, `微信支付返回了意外的状态 ${status}`);
}

function parseErrorBody(text: string) {
  try {
    const parsed = errorBody.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
