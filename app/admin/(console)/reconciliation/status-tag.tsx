"use client";
import { Tag } from "antd";
import { DAY_STATUS_LABEL } from "@/lib/reconciliation/labels";
import type { ReconciliationStatus } from "@/db/tables";

const COLOR: Record<ReconciliationStatus, string> = {
  pending: "default",
  balanced: "success",
  differences: "error",
  bill_not_ready: "warning",
  no_trades: "default",
  unavailable: "default",
  failed: "error",
};

export function DayStatusTag({ status }: { status: ReconciliationStatus }) {
  return <Tag color={COLOR[status]}>{DAY_STATUS_LABEL[status]}</Tag>;
}
