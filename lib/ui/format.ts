// Display helpers shared by server and client components.
import { formatFen, toYuan } from "@/lib/money";

export { formatFen };

const beijing = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** "2026/11/22 15:30:00" in Beijing time, whatever the viewer's zone. */
export function formatBeijingTime(iso: string | number | null): string {
  if (iso === null) return "—";
  return beijing.format(new Date(iso));
}

export const METHOD_LABEL: Record<string, string> = { wechat: "微信支付", alipay: "支付宝" };

export const STATUS_LABEL: Record<string, string> = {
  pending: "待支付",
  paid: "已支付",
  closed: "已关闭",
  failed: "下单失败",
  refunding: "退款中",
  partially_refunded: "部分退款",
  refunded: "已退款",
};

export const CHANNEL_LABEL: Record<string, string> = {
  native: "扫码支付",
  jsapi: "微信内支付",
  h5: "手机浏览器支付",
  page: "电脑网站支付",
  wap: "手机网站支付",
};

/** "微信支付 · 扫码支付": never the internal codes. */
export function methodText(provider: string, channel: string | null): string {
  const method = METHOD_LABEL[provider] ?? "其他方式";
  return channel && CHANNEL_LABEL[channel] ? `${method} · ${CHANNEL_LABEL[channel]}` : method;
}

/** 1234567 → "12,345.67": yuan with thousands separators, for totals people read. */
export function formatFenGrouped(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const [whole, fraction] = toYuan(Math.abs(fen)).split(".");
  return `${sign}¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
}
