// One prepay call per channel: Native (code_url to draw), JSAPI (prepay_id for the JS bridge,
// needs the payer's openid), H5 (h5_url to go to, needs the payer's IP). Input checks come first so
// a request WeChat would refuse never leaves.
import net from "node:net";
import { PaymentPlatformError, type PaymentRequest, type PaymentStart } from "../types";
import type { NativePrepayBody, WechatApi } from "./api";
import { unavailable } from "./platform-error";
import { h5PrepayResponse, jsapiPrepayResponse, nativePrepayResponse } from "./schemas";

const OPENID = /^[A-Za-z0-9_-]{1,128}$/;

const rejected = (code: string, message: string) => new PaymentPlatformError("rejected", code, message);

export async function startPayment(api: WechatApi, body: NativePrepayBody, request: PaymentRequest): Promise<PaymentStart> {
  switch (request.channel) {
    case "native": {
      const parsed = nativePrepayResponse.safeParse(await api.nativePrepay(body));
      if (!parsed.success) throw unavailable("MALFORMED_RESPONSE", "Native 下单应答缺少 code_url");
      return { kind: "qr", codeUrl: parsed.data.code_url };
    }
    case "jsapi": {
      const openid = request.payerOpenId;
      if (!openid || !OPENID.test(openid)) throw rejected("MISSING_OPENID", "公众号支付需要付款人的 openid（来自微信网页授权）");
      const parsed = jsapiPrepayResponse.safeParse(await api.jsapiPrepay({ ...body, payer: { openid } }));
      if (!parsed.success) throw unavailable("MALFORMED_RESPONSE", "JSAPI 下单应答缺少 prepay_id");
      return { kind: "jsapi", prepayId: parsed.data.prepay_id };
    }
    case "h5": {
      const ip = request.payerClientIp;
      if (!ip || net.isIP(ip) === 0) throw rejected("INVALID_CLIENT_IP", "H5 支付需要付款人的 IP 地址");
      const parsed = h5PrepayResponse.safeParse(await api.h5Prepay({ ...body, scene_info: { payer_client_ip: ip, h5_info: { type: "Wap" } } }));
      if (!parsed.success) throw unavailable("MALFORMED_RESPONSE", "H5 下单应答缺少 h5_url");
      return { kind: "redirect", payUrl: parsed.data.h5_url };
    }
    default:
      throw rejected("UNSUPPORTED_CHANNEL", `微信支付不支持 ${request.channel} 支付方式`);
  }
}
