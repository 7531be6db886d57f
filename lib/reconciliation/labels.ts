// The words an admin sees for a day's status and a difference's kind (never the codes).
import type { DifferenceKind, ReconciliationStatus } from "@/db/tables";

export const DAY_STATUS_LABEL: Record<ReconciliationStatus, string> = {
  pending: "未对账",
  balanced: "已平",
  differences: "有差异",
  bill_not_ready: "账单未生成",
  no_trades: "当天无交易",
  unavailable: "账单不可下载",
  failed: "对账失败",
};

export const DIFFERENCE_LABEL: Record<DifferenceKind, string> = {
  missing_local: "平台有、我方无",
  missing_platform: "我方有、平台无",
  amount_mismatch: "金额不符",
  refund_missing_local: "退款不符：平台有、我方无",
  refund_missing_platform: "退款不符：我方有、平台无",
  refund_amount_mismatch: "退款不符：金额不同",
};

export const RESOLUTION_LABEL: Record<string, string> = {
  handled: "已标记处理",
  platform_applied: "已以平台为准",
};
