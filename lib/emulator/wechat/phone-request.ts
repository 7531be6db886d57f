// Validation of POST /v3/pay/transactions/jsapi and /h5: the Native body plus payer.openid (JSAPI)
// or scene_info with payer_client_ip and h5_info.type (H5), with WeChat's error codes.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791856 (JSAPI), …/4012791834 (H5)
import net from "node:net";
import { parseNativeRequest, type NativeRequest } from "./native-request";
import { findOpenId } from "./oauth-users";
import { paramError } from "./response";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const H5_TYPES = new Set(["Wap", "iOS", "Android"]);

export interface JsapiRequest extends NativeRequest {
  payer: { openid: string };
}

export interface H5Request extends NativeRequest {
  scene_info: { payer_client_ip: string; h5_info: { type: string } & Record<string, unknown> } & Record<string, unknown>;
}

export function parseJsapiRequest(payload: unknown, merchant: { appId: string; mchId: string }): JsapiRequest {
  if (!isObject(payload)) throw paramError("请求体须为 JSON 对象");
  const { payer, ...rest } = payload;
  const base = parseNativeRequest(rest, merchant);
  if (payer === undefined) throw paramError("输入源“/body/payer”映射到字段“支付者”必填性规则校验失败，此字段为必填项", "/payer");
  if (!isObject(payer)) throw paramError("参数 /body/payer 须为对象", "/payer", payer);
  for (const field of Object.keys(payer)) if (field !== "openid") throw paramError(`请求参数中包含未定义的参数 payer.${field}`, `/payer/${field}`);
  const openid = payer.openid;
  if (openid === undefined || openid === "") throw paramError("输入源“/body/payer/openid”映射到字段“用户标识”必填性规则校验失败，此字段为必填项", "/payer/openid");
  if (typeof openid !== "string" || openid.length > 128) throw paramError("参数 /body/payer/openid 须为不超过 128 个字符的字符串", "/payer/openid", openid);
  // An openid belongs to one appid; the emulator knows every openid its authorize page issued.
  if (findOpenId(openid)?.appId !== base.appid) throw paramError("appid和openid不匹配", "/payer/openid", openid);
  return { ...base, payer: { openid } };
}

export function parseH5Request(payload: unknown, merchant: { appId: string; mchId: string }): H5Request {
  const base = parseNativeRequest(payload, merchant);
  const scene = base.scene_info;
  if (scene === undefined) throw paramError("输入源“/body/scene_info”映射到字段“场景信息”必填性规则校验失败，此字段为必填项", "/scene_info");
  const ip = scene.payer_client_ip;
  if (ip === undefined || ip === "") throw paramError("输入源“/body/scene_info/payer_client_ip”映射到字段“用户终端IP”必填性规则校验失败，此字段为必填项", "/scene_info/payer_client_ip");
  if (typeof ip !== "string" || net.isIP(ip) === 0) throw paramError("参数 /body/scene_info/payer_client_ip 须为 IPv4 或 IPv6 地址", "/scene_info/payer_client_ip", ip);
  const h5 = scene.h5_info;
  if (h5 === undefined) throw paramError("输入源“/body/scene_info/h5_info”映射到字段“H5场景信息”必填性规则校验失败，此字段为必填项", "/scene_info/h5_info");
  if (!isObject(h5)) throw paramError("参数 /body/scene_info/h5_info 须为对象", "/scene_info/h5_info", h5);
  if (h5.type === undefined || h5.type === "") throw paramError("输入源“/body/scene_info/h5_info/type”映射到字段“场景类型”必填性规则校验失败，此字段为必填项", "/scene_info/h5_info/type");
  if (typeof h5.type !== "string" || !H5_TYPES.has(h5.type)) throw paramError("参数 /body/scene_info/h5_info/type 须为 Wap、iOS 或 Android", "/scene_info/h5_info/type", h5.type);
  return { ...base, scene_info: { ...scene, payer_client_ip: ip, h5_info: { ...h5, type: h5.type } } };
}
