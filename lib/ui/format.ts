// Display helpers shared by server and client components.
import { formatFen } from "@/lib/money";

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
